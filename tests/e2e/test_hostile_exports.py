"""Hostile articles through `reader export` in every format: no traceback, no escape reaches the output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.export import FORMATS
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

HOSTILE = sorted((ROOT / "tests" / "fixtures" / "hostile").glob("*.txt"))
# What an article may never smuggle into a terminal: OSC (titles, links), screen clears, hidden text.
FORBIDDEN = ["\x1b]", "\x1b[2J", "\x1b[H", "\x1b[8m", "\x07", "\x08", "\u009b", "\u202e", "\u2066"]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("json", "txt")])
@pytest.mark.parametrize("article", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_no_control_sequence_from_the_article_survives(article: Path, fmt: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "reader", "export", str(article), "--format", fmt],
                          capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    for seq in FORBIDDEN:
        assert seq not in out, (fmt, repr(seq))
    assert "Traceback" not in proc.stderr.decode()


@pytest.mark.parametrize("article", HOSTILE, ids=[p.stem for p in HOSTILE])
def test_json_and_txt_keep_the_exact_text(article: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "reader", "export", str(article), "--format", "txt"],
                          capture_output=True, timeout=120, env=env)
    assert proc.returncode == 0
    assert proc.stdout.decode("utf-8") == article.read_bytes().decode("utf-8")
