"""The code base stays ruff clean (configured in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_ruff_clean() -> None:
    ruff = shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) or shutil.which(
        "ruff", path=str(__import__("pathlib").Path(sys.executable).parent)
    )
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with the test extra)")
    proc = subprocess.run([ruff, "check", "reader", "tests", "benchmarks"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
