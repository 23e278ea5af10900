"""Analysis cost: reader's full analysis vs the bare spaCy pipeline on the same 10,000-word text.

One child process loads both: the model with its full default pipeline (`spacy.load(name)`, every
component on) for `nlp(text)`, and reader's pipeline through `reader.nlp.pipeline.analyse(text)`
(whatever the reader disables or adds). Each is warmed up once, then timed alternately; medians.

    python benchmarks/bench_analysis.py [--runs N] [--words N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Row, median, print_table, run_child, setup_child_path, text_file  # noqa: E402

TARGET = 1.15


def child(path: str, runs: int) -> None:
    setup_child_path()
    import spacy

    from reader.config import Settings
    from reader.nlp.pipeline import analyse, resolve_model_name

    text = Path(path).read_text(encoding="utf-8")
    settings = Settings(cache=False)
    bare = spacy.load(resolve_model_name(None))
    bare(text)
    analyse(text, settings=settings)
    bare_times, reader_times = [], []
    for n in range(runs):
        order = [("bare", lambda: bare(text)), ("reader", lambda: analyse(text, settings=settings))]
        for name, work in order if n % 2 == 0 else order[::-1]:  # alternate who runs first
            start = time.perf_counter()
            work()
            (bare_times if name == "bare" else reader_times).append(time.perf_counter() - start)
    print(json.dumps({"bare": bare_times, "reader": reader_times, "pipeline": bare.pipe_names,
                      "words": len(text.split())}))


def measure(runs: int, words: int = 10_000) -> list[Row]:
    result = run_child(Path(__file__), str(text_file(words)), str(runs))
    bare, ours = median(result["bare"]), median(result["reader"])
    ratio = ours / bare
    return [Row(f"analysis, reader vs bare nlp(text), {result['words']:,} words",
                f"{ours:.2f} s vs {bare:.2f} s", ratio, f"<= {TARGET}x", ratio <= TARGET)]


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--words", type=int, default=10_000)
        options = parser.parse_args()
        print_table(measure(options.runs, options.words))
