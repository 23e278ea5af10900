"""Corrections as a user meets them: a file written by hand, then the real CLI and the real model.

The article is the project's own text. The corrections file is written in the DESIGN 2b format with
`READER_DATA_DIR` pointing at it; `export` applies and marks every operation, `--raw` shows none,
a stale operation is reported, and the corrections survive `reader cache clear`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.corrections import text_sha256

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = """Harbour clinic turns patients away

Lena Park, who runs the Harbour Clinic in Halifax, said on Monday that the clinic was full every night.

"We turn people away every night," said Dana Reyes, a nurse at the clinic. "Nobody planned for this winter."

Park said the province had promised forty new beds. Reyes added that the flu medicine ran out in January.

Police said a former clinic manager, Tom Avery, was charged with fraud last year.
"""

pytestmark = pytest.mark.slow


def ref(surface: str, nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = ARTICLE.index(surface, start + 1)
    return {"start": start, "end": start + len(surface), "text": surface}


OPERATIONS = [
    {"op": "relabel", **ref("Lena Park"), "label": "ORG"},
    {"op": "drop", **ref("Halifax")},
    {"op": "merge", "from": ref("Tom Avery"), "into": ref("Dana Reyes")},
    {"op": "speaker", "quote": ref("Nobody planned for this winter."), "speaker": ref("Lena Park")},
    {"op": "drop", **ref("forty new beds")},  # no such highlight: reported and skipped
]


def reader(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CACHE_DIR": str(tmp_path / "cache"),
           "READER_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env,
                          timeout=180, cwd=tmp_path, input=stdin)


def export_json(tmp_path: Path, *extra: str) -> tuple[dict[str, Any], str]:
    done = reader(tmp_path, "export", "clinic.txt", "--format", "json", *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


def check_corrected(data: dict[str, Any], stderr: str) -> None:
    by_text = {s["text"]: s for s in data["spans"]}
    lena = by_text["Lena Park"]
    assert (lena["label"], lena.get("corrected")) == ("ORG", True)
    assert "Halifax" not in by_text
    assert by_text["Tom Avery"]["entity"] == by_text["Dana Reyes"]["entity"]
    assert by_text["Tom Avery"].get("corrected") is True
    quote = next(q for q in data["quotes"] if q["text"] == "Nobody planned for this winter.")
    assert (quote["speaker"], quote["speaker_name"], quote.get("corrected")) == (lena["entity"], "Lena Park", True)
    assert data["corrections"] == OPERATIONS[:4]
    assert 'correction 5 (drop "forty new beds"' in stderr and "skipped" in stderr


def test_a_hand_written_file_applies_to_every_analysis_and_never_to_raw(tmp_path: Path) -> None:
    (tmp_path / "clinic.txt").write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "data" / "corrections"
    folder.mkdir(parents=True)
    (folder / f"{text_sha256(ARTICLE)}.json").write_text(json.dumps({
        "schema": "reader.corrections/1", "text_sha256": text_sha256(ARTICLE), "source": "clinic.txt",
        "operations": OPERATIONS}), encoding="utf-8")

    check_corrected(*export_json(tmp_path))
    raw, stderr = export_json(tmp_path, "--raw")
    assert "corrections" not in raw and not stderr
    assert not any(item.get("corrected") for key in ("spans", "entities", "quotes", "charges") for item in raw[key])
    assert any(s["text"] == "Halifax" for s in raw["spans"])

    assert reader(tmp_path, "cache", "clear").returncode == 0
    check_corrected(*export_json(tmp_path))  # analysed afresh: the corrections are still there

    listed = reader(tmp_path, "corrections", "clinic.txt")
    assert listed.returncode == 0 and "5 corrections for clinic.txt" in listed.stdout
    assert "  1. relabel \"Lena Park\"" in listed.stdout and "[skipped: no highlight" in listed.stdout

    annotated = reader(tmp_path, "annotate", "clinic.txt", "--jobs", "1")
    assert annotated.returncode == 0, annotated.stderr
    check_corrected(json.loads(annotated.stdout), annotated.stderr)


def test_clear_asks_first_and_a_changed_text_has_none(tmp_path: Path) -> None:
    (tmp_path / "clinic.txt").write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "data" / "corrections"
    folder.mkdir(parents=True)
    path = folder / f"{text_sha256(ARTICLE)}.json"
    path.write_text(json.dumps({"schema": "reader.corrections/1", "text_sha256": text_sha256(ARTICLE),
                                "source": "clinic.txt", "operations": OPERATIONS[:1]}), encoding="utf-8")

    refused = reader(tmp_path, "corrections", "clinic.txt", "--clear")  # no terminal to ask on
    assert refused.returncode == 2 and "--force" in refused.stderr and path.exists()

    (tmp_path / "clinic.txt").write_text(ARTICLE + "\nA line added later.\n", encoding="utf-8")
    changed = reader(tmp_path, "corrections", "clinic.txt")
    assert changed.returncode == 0
    assert changed.stdout.startswith("no corrections for clinic.txt") and "the text has changed" in changed.stdout

    (tmp_path / "clinic.txt").write_text(ARTICLE, encoding="utf-8")
    cleared = reader(tmp_path, "corrections", "clinic.txt", "--clear", "--force")
    assert cleared.returncode == 0 and "removed 1 correction" in cleared.stdout and not path.exists()


def test_a_broken_corrections_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "clinic.txt").write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "data" / "corrections"
    folder.mkdir(parents=True)
    (folder / f"{text_sha256(ARTICLE)}.json").write_text('{"schema": "reader.corrections/1"', encoding="utf-8")
    done = reader(tmp_path, "corrections", "clinic.txt")
    assert done.returncode == 1 and done.stderr.startswith("reader: ") and "bad JSON" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
