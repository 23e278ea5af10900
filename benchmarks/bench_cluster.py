"""Batch throughput on Dask: `--scheduler local:2` vs `local:1`, and `local:2` vs `--jobs 2`.

The same corpus as bench_annotate (the shared DOJ corpus written three times, about 155,000 words);
each run is the real command in a fresh process, so starting the LocalCluster and loading the model
in every worker are included. Runs rotate through the three settings; medians. The calibration row
(a pure-CPU loop in 2 processes vs 1, before and after) is the ceiling for the 2-vs-1 ratio on this
machine at that time: on a busy machine it is well under 2, and so is every ratio here.

    python benchmarks/bench_cluster.py [--runs N] [--copies N]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_annotate import calibration_row, corpus_file, machine_scaling, main, run_annotate  # noqa: E402
from common import Row, median  # noqa: E402

SCALING_TARGET = 1.7  # local:2 over local:1
JOBS_TOLERANCE = 0.10  # local:2 at most 10% slower than --jobs 2
SETTINGS = (("--scheduler", "local:1"), ("--scheduler", "local:2"), ("--jobs", "2"))


def measure(runs: int, copies: int = 3) -> list[Row]:
    corpus, words = corpus_file(copies)
    scaling = [machine_scaling()]
    times: dict[tuple[str, str], list[float]] = {setting: [] for setting in SETTINGS}
    cpu: dict[tuple[str, str], list[float]] = {setting: [] for setting in SETTINGS}
    for n in range(runs):
        for setting in SETTINGS[n % 3:] + SETTINGS[:n % 3]:  # rotate, so no setting always runs first
            wall, used = run_annotate(corpus, *setting)
            times[setting].append(wall)
            cpu[setting].append(used)
    scaling.append(machine_scaling())
    one, two, jobs = (median(times[setting]) for setting in SETTINGS)
    cpu_one, cpu_two, cpu_jobs = (median(cpu[setting]) for setting in SETTINGS)
    ratio, versus_jobs = one / two, jobs / two
    return [Row(f"annotate --scheduler local:2 vs local:1, {words:,} words",
                f"{words / two:,.0f} vs {words / one:,.0f} words/s (wall {two:.1f} s vs {one:.1f} s, "
                f"CPU {cpu_two:.0f} s vs {cpu_one:.0f} s)", ratio, f">= {SCALING_TARGET}x", ratio >= SCALING_TARGET),
            Row("annotate --scheduler local:2 vs --jobs 2",
                f"wall {two:.1f} s vs {jobs:.1f} s (CPU {cpu_two:.0f} s vs {cpu_jobs:.0f} s)", versus_jobs,
                f">= {1 - JOBS_TOLERANCE:.2f}x", versus_jobs >= 1 - JOBS_TOLERANCE),
            calibration_row(scaling)]


if __name__ == "__main__":
    main(measure, __doc__ or "")
