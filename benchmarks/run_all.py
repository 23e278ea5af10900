"""Run every speed and memory benchmark and print one table of figures, ratios and targets.

    python benchmarks/run_all.py [--runs N] [--quick] [--skip NAME ...]

Targets (DESIGN section 6): first frame for 100,000 words <= 1.5x that for 500 words; analysis
<= 1.15x the bare spaCy pipeline on 10,000 words; cached reopen <= 0.5x first open, spaCy never
imported; annotate --jobs 2 >= 1.6x --jobs 1 on 150,000 words; peak RSS for 100,000 words < 1.5 GiB.
Run it on an otherwise idle machine: the ratios compare runs made minutes apart.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_analysis  # noqa: E402
import bench_annotate  # noqa: E402
import bench_first_frame  # noqa: E402
import bench_memory  # noqa: E402
import bench_reopen  # noqa: E402
from common import Row, print_table  # noqa: E402

BENCHMARKS = ("first_frame", "analysis", "reopen", "annotate", "memory")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (annotate: 3 at most)")
    parser.add_argument("--quick", action="store_true", help="one run each, annotate on the corpus once")
    parser.add_argument("--skip", nargs="*", default=[], choices=BENCHMARKS, metavar="NAME",
                        help=f"benchmarks to leave out: {', '.join(BENCHMARKS)}")
    options = parser.parse_args()
    runs = 1 if options.quick else options.runs
    plans = {
        "first_frame": lambda: bench_first_frame.measure(runs),
        "analysis": lambda: bench_analysis.measure(max(runs, 3)),
        "reopen": lambda: bench_reopen.measure(runs),
        "annotate": lambda: bench_annotate.measure(min(runs, 3), copies=1 if options.quick else 3),
        "memory": lambda: bench_memory.measure(),
    }
    print(f"reader benchmarks on {platform.node()} ({platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}), {runs} run(s) each", flush=True)
    rows: list[Row] = []
    for name in BENCHMARKS:
        if name in options.skip:
            continue
        started = time.perf_counter()
        print(f"  {name}...", end="", flush=True, file=sys.stderr)
        try:
            rows.extend(plans[name]())
        except Exception as exc:  # one broken benchmark still leaves the others' figures
            rows.append(Row(name, f"failed: {' '.join(str(exc).split())[:200]}", None, "", False))
        print(f" {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    print()
    print_table(rows)
    return 0 if all(row.ok is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
