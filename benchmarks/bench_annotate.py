"""Batch throughput: `reader annotate --jobs 2` vs `--jobs 1` on a 150,000-word corpus.

The corpus is the shared DOJ corpus written three times into one JSONL file. Each run is the real
command in a fresh process (`python -m reader annotate CORPUS -o OUT --force --jobs N`), so model
loading in every worker is included. Runs alternate between the two settings; medians.

    python benchmarks/bench_annotate.py [--runs N] [--copies N]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CORPUS, WORK, Row, child_env, median, print_table  # noqa: E402

TARGET = 1.6


def corpus_file(copies: int) -> tuple[Path, int]:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"corpus-x{copies}.jsonl"
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not path.exists():
        path.write_text("\n".join(lines * copies) + "\n", encoding="utf-8")
    words = copies * sum(len(json.loads(line)["text"].split()) for line in lines)
    return path, words


def annotate(corpus: Path, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its workers) for one run with --jobs."""
    return run_annotate(corpus, "--jobs", str(jobs))


def run_annotate(corpus: Path, *options: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and every process it started) for one run."""
    out = WORK / f"annotate{'-'.join(options).replace(':', '')}.jsonl"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "reader", "annotate", str(corpus), "-o", str(out),
                           "--force", *options], capture_output=True, text=True,
                          env=child_env(), cwd=Path(__file__).resolve().parent.parent, timeout=3600)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"reader annotate {' '.join(options)} failed: {proc.stderr[-2000:]}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, cpu


def _spin(_: int) -> None:
    total = 0
    for i in range(10_000_000):
        total += i * i


def machine_scaling() -> float:
    """How much faster two processes finish four equal pure-CPU tasks than one does, right now.

    About 2 on an idle 2-core machine; less when other work shares the cores. It bounds what
    --jobs 2 can show, so it is printed beside the annotate figure.
    """
    from multiprocessing import get_context

    walls = {}
    for processes in (1, 2):
        start = time.perf_counter()
        with get_context("spawn").Pool(processes) as pool:
            pool.map(_spin, range(4))
        walls[processes] = time.perf_counter() - start
    return walls[1] / walls[2]


def measure(runs: int, copies: int = 3) -> list[Row]:
    corpus, words = corpus_file(copies)
    scaling = [machine_scaling()]
    times: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    for n in range(runs):
        for jobs in ((1, 2) if n % 2 == 0 else (2, 1)):
            wall, used = annotate(corpus, jobs)
            times[jobs].append(wall)
            cpu[jobs].append(used)
    scaling.append(machine_scaling())
    one, two = median(times[1]), median(times[2])
    ratio = one / two
    # CPU time shows whether a poor ratio is the code (extra work per job) or a busy machine.
    return [Row(f"annotate --jobs 2 vs --jobs 1, {words:,} words",
                f"{words / two:,.0f} vs {words / one:,.0f} words/s (wall {two:.1f} s vs {one:.1f} s, "
                f"CPU {median(cpu[2]):.0f} s vs {median(cpu[1]):.0f} s)",
                ratio, f">= {TARGET}x", ratio >= TARGET),
            calibration_row(scaling)]


def calibration_row(scaling: list[float]) -> Row:
    """The machine's own 2-vs-1 ratio, printed beside every 2-vs-1 figure of a batch benchmark."""
    return Row("  machine: 2 vs 1 processes of a pure CPU loop (before, after)",
               " / ".join(f"{value:.2f}x" for value in scaling), min(scaling), "~2 when idle", None)


def main(measure: Callable[[int, int], list[Row]], doc: str) -> None:
    """The command line of a batch benchmark: --runs and --copies, then the table."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", type=int, default=3)
    options = parser.parse_args()
    print_table(measure(options.runs, options.copies))


if __name__ == "__main__":
    main(measure, __doc__ or "")
