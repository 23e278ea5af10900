"""Shared helpers for the benchmark scripts: test texts built from the shared corpus, child processes,
medians, and the result rows run_all.py prints.

Every measurement that involves imports or model loading runs in a fresh child interpreter with
PYTHONPATH pointing at this checkout, so what is timed is this repository's code, cold.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("READER_BENCH_CORPUS")
              or ROOT.parent / "shared" / "corpus" / "doj_press_releases.jsonl")
WORK = Path(tempfile.gettempdir()) / "reader-bench"


@dataclass
class Row:
    """One line of the results table: a measurement, its target and whether it is met."""

    name: str
    measured: str
    ratio: float | None
    target: str
    ok: bool | None

    def cells(self) -> list[str]:
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}"
        ok = "" if self.ok is None else ("yes" if self.ok else "NO")
        return [self.name, self.measured, ratio, self.target, ok]


def print_table(rows: list[Row]) -> None:
    header = ["benchmark", "measured (median)", "ratio", "target", "met"]
    table = [header, *[row.cells() for row in rows]]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for n, row in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * width for width in widths))


def corpus_records() -> list[dict]:
    if not CORPUS.exists():
        sys.exit(f"benchmarks need the shared corpus at {CORPUS}")
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def article_text(words: int) -> str:
    """About `words` words of real news text: corpus articles (title, blank line, body) end to end,
    repeated as needed, the last one cut at a word boundary."""
    pieces: list[str] = []
    count = 0
    records = corpus_records()
    n = 0
    while count < words:
        record = records[n % len(records)]
        n += 1
        body = f"{record['title']}\n\n{record['text']}"
        size = len(body.split())
        if count + size > words:
            body = " ".join(body.split(" ")[: words - count])
            size = len(body.split())
        pieces.append(body)
        count += size
    return "\n\n".join(pieces) + "\n"


def text_file(words: int) -> Path:
    """The `article_text(words)` written once to the benchmark work folder."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"article-{words}-words.txt"
    if not path.exists():
        path.write_text(article_text(words), encoding="utf-8")
    return path


def child_env(**extra: str) -> dict[str, str]:
    config = WORK / "empty-config.toml"
    WORK.mkdir(parents=True, exist_ok=True)
    config.touch()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CONFIG": str(config)}
    env.pop("READER_MODEL", None)
    env.update(extra)
    return env


def run_child(script: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 1800) -> dict:
    """Run `script --child ARGS` in a fresh interpreter; it prints one JSON object as its last line."""
    proc = subprocess.run([sys.executable, str(script), "--child", *args], capture_output=True, text=True,
                          env=env or child_env(), cwd=ROOT, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"{script.name} {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    return statistics.median(values)


def setup_child_path() -> None:
    """Inside a child: import this checkout's reader, not an installed one."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
