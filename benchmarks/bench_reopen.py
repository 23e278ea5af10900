"""Cached reopen vs first open: a fresh process from nothing to the fully highlighted Article.

First open: a fresh interpreter with an empty cache loads the text and calls
`reader.analysis.analyse_loaded` (spaCy imported, model loaded, text analysed, entry written).
Reopen: a fresh interpreter with that cache calls the same function; it must not import spaCy.
Wall-clock time of each child process (interpreter start included), medians.

    python benchmarks/bench_reopen.py [--runs N] [--words N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import WORK, Row, child_env, median, print_table, run_child, setup_child_path, text_file  # noqa: E402

TARGET = 0.5


def child(path: str) -> None:
    setup_child_path()
    from reader.analysis import analyse_loaded
    from reader.config import load_settings
    from reader.sources import load

    article = analyse_loaded(load(path), load_settings())
    print(json.dumps({"spans": len(article.spans), "analysed": article.analysed,
                      "spacy_imported": "spacy" in sys.modules}))


def timed_child(path: Path, cache: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    result = run_child(Path(__file__), str(path), env=child_env(READER_CACHE_DIR=str(cache)))
    return time.perf_counter() - start, result


def measure(runs: int, words: int = 10_000) -> list[Row]:
    path = text_file(words)
    firsts, reopens = [], []
    for n in range(runs):
        cache = WORK / f"reopen-cache-{n}"
        shutil.rmtree(cache, ignore_errors=True)
        first_time, first = timed_child(path, cache)
        reopen_time, reopen = timed_child(path, cache)
        if reopen["spacy_imported"] or reopen["spans"] != first["spans"] or not reopen["analysed"]:
            raise RuntimeError(f"the reopen was not a clean cache hit: {reopen} after {first}")
        firsts.append(first_time)
        reopens.append(reopen_time)
        shutil.rmtree(cache, ignore_errors=True)
    first, again = median(firsts), median(reopens)
    ratio = again / first
    return [Row(f"cached reopen vs first open, {words:,} words (no spaCy on reopen)",
                f"{again:.2f} s vs {first:.2f} s", ratio, f"<= {TARGET}x", ratio <= TARGET)]


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--words", type=int, default=10_000)
        options = parser.parse_args()
        print_table(measure(options.runs, options.words))
