"""A plain, non-editable `pip install .` ships the NLP lexicons (cluster workers install it that way)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import json
from importlib import resources
from reader.nlp import lexicons
root = resources.files("reader.nlp")
print(json.dumps({"file": lexicons.__file__,
                  "lexicons": sorted(e.name for e in root.joinpath("lexicons").iterdir() if e.name.endswith(".jsonl")),
                  "offences": root.joinpath("lexicons", "offences.jsonl").is_file(),
                  "agencies": len(lexicons.read("agencies")), "names": len(lexicons.read("first_names"))}))
"""


def test_plain_install_ships_the_lexicons(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "*.egg-info", "build",
                                                                "__pycache__", ".eval", "tests"))
    target = tmp_path / "site"
    # a plain (non-editable) install of the project alone, built in isolation as `pip install .` does
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                    "--target", str(target), str(source)], check=True, capture_output=True, timeout=600)
    shutil.rmtree(source)  # nothing may be read from the source tree any more
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", CHECK], check=True, capture_output=True, text=True, timeout=120,
                         cwd=tmp_path, env=env)
    found = json.loads(out.stdout)
    assert found["file"].startswith(str(target))
    assert {"agencies.jsonl", "first_names.jsonl", "non_entities.jsonl", "organisations.jsonl",
            "offences.jsonl"} <= set(found["lexicons"])
    assert found["offences"]
    assert found["agencies"] > 50 and found["names"] > 1000
