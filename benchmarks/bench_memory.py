"""Peak memory: resident set size of a process that analyses a 100,000-word text.

A fresh child loads the text and runs `reader.analysis.analyse_loaded` with the cache off, then
reports its peak RSS (`resource.getrusage(RUSAGE_SELF).ru_maxrss`). The baseline row is the same
process after loading the model on a one-line text, so growth with length can be read off.

    python benchmarks/bench_memory.py [--words N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Row, print_table, run_child, setup_child_path, text_file  # noqa: E402

LIMIT_GIB = 1.5


def child(path: str) -> None:
    setup_child_path()
    import resource

    from reader.analysis import analyse_loaded
    from reader.config import Settings
    from reader.sources import LoadedText, load

    settings = Settings(cache=False)
    analyse_loaded(LoadedText("Warm up, Ann Lee said.", "-", ""), settings)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    loaded = load(path)
    start = time.perf_counter()
    analyse_loaded(loaded, settings)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB
    print(json.dumps({"baseline": baseline, "peak": peak, "seconds": elapsed,
                      "words": len(loaded.text.split())}))


def measure(words: int = 100_000) -> list[Row]:
    result = run_child(Path(__file__), str(text_file(words)), timeout=3600)
    gib = result["peak"] / 2**30
    return [Row(f"peak RSS, {result['words']:,} words (analysed in {result['seconds']:.0f} s)",
                f"{gib:.2f} GiB (model loaded: {result['baseline'] / 2**30:.2f} GiB)", None,
                f"< {LIMIT_GIB} GiB", gib < LIMIT_GIB)]


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--words", type=int, default=100_000)
        print_table(measure(parser.parse_args().words))
