"""`reader export` as a user runs it: a real subprocess and the real spaCy model, every format once.

The slow tests of the export suite (about 9 s: the model loads in three processes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sample_articles" / "seed_philly_detainer.txt"

Result = subprocess.CompletedProcess[str]
pytestmark = pytest.mark.slow


def reader(*args: str, tmp_path: Path, env_extra: dict[str, str] | None = None) -> Result:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("NO_COLOR", None)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env,
                          timeout=120, cwd=tmp_path)


class Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.classes: set[str] = set()
        self.inside = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.inside or (tag == "article" and attributes.get("id") == "article"):
            self.inside += 1
        if tag == "mark":
            self.classes |= set((attributes.get("class") or "").split())

    def handle_endtag(self, tag: str) -> None:
        if self.inside:
            self.inside -= 1

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text.append(data)


def test_every_format_from_the_real_pipeline(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    out = reader("export", str(SEED), "--format", "json", tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["schema"] == "reader.annotations/1" and data["text"] == text
    labels = {s["label"] for s in data["spans"]}
    assert {"PERSON", "ORG", "QUOTE"} <= labels

    # the other formats in one process, from the same analysis, through the public API
    script = (
        "import sys; from pathlib import Path; from reader.analysis import analyse_loaded; "
        "from reader.config import Settings; from reader.export import export_article, FORMATS; "
        "from reader.export.files import write_atomic; from reader.sources import load; "
        f"a = analyse_loaded(load({str(SEED)!r}), Settings(cache=False)); "
        "[write_atomic(Path('out.' + f), export_article(a, f, width=100)) for f in FORMATS]"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert run.returncode == 0, run.stderr

    page = Marks()
    page.feed((tmp_path / "out.html").read_text(encoding="utf-8"))
    assert "".join(page.text) == text
    assert {"hl", "person", "org", "quote"} <= page.classes
    ET.fromstring((tmp_path / "out.svg").read_text(encoding="utf-8"))
    md = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "**" in md and "[^q1]" in md and "## People" in md
    assert "\x1b[" in (tmp_path / "out.ansi").read_text(encoding="utf-8")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == text
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["text"] == text


def test_refusal_and_force_through_the_real_cli(tmp_path: Path) -> None:
    target = tmp_path / "seed.html"
    target.write_text("keep me", encoding="utf-8")
    refused = reader("export", str(SEED), "--format", "html", "-o", str(target), tmp_path=tmp_path)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == f"reader: {target} already exists (use --force to overwrite it)\n"
    assert target.read_text(encoding="utf-8") == "keep me"
    argv = ["export", str(SEED), "--format", "ansi", "-o", str(target), "--force", "--layers", "person"]
    forced = reader(*argv, tmp_path=tmp_path, env_extra={"NO_COLOR": "1"})
    assert forced.returncode == 0, forced.stderr
    written = target.read_text(encoding="utf-8")
    assert "\x1b[1m" in written and "38;2" not in written
