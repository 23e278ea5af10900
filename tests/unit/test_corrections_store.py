"""The reader.corrections/1 file: format, validation, atomic save, the session's undo and reporting."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from corrections_helpers import TEXT, article, at  # noqa: E402

from reader.corrections import (  # noqa: E402
    Corrections,
    CorrectionsError,
    Drop,
    Ref,
    Relabel,
    Session,
    corrected,
    load,
    save,
    text_sha256,
)
from reader.corrections.store import for_source, path_for  # noqa: E402
from reader.errors import ReaderError  # noqa: E402

DESIGN_EXAMPLE = [
    {"op": "relabel", "start": 120, "end": 130, "text": "Nova Scotia", "label": "PLACE"},
    {"op": "drop", "start": 300, "end": 307, "text": "Commonly"},
    {"op": "merge", "from": {"start": 500, "end": 504, "text": "Lena"},
     "into": {"start": 20, "end": 29, "text": "Lena Park"}},
    {"op": "speaker", "quote": {"start": 900, "end": 960, "text": "We turn people away every night."},
     "speaker": {"start": 850, "end": 860, "text": "Dana Reyes"}},
    {"op": "charge", "charge": {"start": 40, "end": 54, "text": "attempted rape"},
     "subject": {"start": 10, "end": 20, "text": "Tom Decker"}, "status": "charged"},
    {"op": "add", "start": 700, "end": 712, "text": "Acme Corp.", "label": "ORG"},
]


def document(operations: list[object], digest: str = "0" * 64) -> dict[str, object]:
    return {"schema": "reader.corrections/1", "text_sha256": digest, "source": "x", "operations": operations}


def test_the_design_example_reads_and_writes_back_the_same() -> None:
    data = document(DESIGN_EXAMPLE)
    assert Corrections.from_json(data).to_json() == data


@pytest.mark.parametrize("operation, complaint", [
    ({"op": "rename", "start": 0, "end": 3, "text": "abc"}, "unknown op 'rename'"),
    ({"op": "drop", "start": 5, "end": 5, "text": "x"}, "0 <= start < end"),
    ({"op": "drop", "start": 0, "end": 3, "text": ""}, "non-empty"),
    ({"op": "relabel", "start": 0, "end": 3, "text": "abc", "label": "QUOTE"}, "label 'QUOTE'"),
    ({"op": "charge", "charge": {"start": 0, "end": 3, "text": "abc"}, "status": "jailed"}, "status 'jailed'"),
    ({"op": "charge", "charge": {"start": 0, "end": 3, "text": "abc"}}, "changes 'subject', 'status'"),
    ({"op": "speaker", "quote": {"start": 0, "end": 3, "text": "abc"}}, "needs 'speaker'"),
])
def test_a_malformed_operation_is_an_error_that_says_where(operation: dict[str, object], complaint: str) -> None:
    with pytest.raises(CorrectionsError, match="operation 2") as caught:
        Corrections.from_json(document([DESIGN_EXAMPLE[1], operation]))
    assert complaint in str(caught.value)
    assert isinstance(caught.value, ReaderError)


def test_save_then_load_in_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    a, b = at("Tamiflu")
    saved = Corrections(text_sha256(TEXT), "clinic.txt", (Relabel(Ref(a, b, "Tamiflu"), "ORG"),))
    path = save(saved)
    assert path == tmp_path / "data" / "corrections" / f"{text_sha256(TEXT)}.json"
    assert load(TEXT) == saved
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == "reader.corrections/1"
    assert save(Corrections(saved.text_sha256)) == path and not path.exists()  # nothing left: no file


def test_a_text_without_a_file_has_no_corrections_and_comes_back_unchanged() -> None:
    original = article()
    fixed, report = corrected(original)
    assert fixed is original and not report.skipped
    assert load("another text").operations == ()


def test_a_broken_file_is_an_error_naming_it() -> None:
    path = path_for(TEXT)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CorrectionsError, match="bad JSON"):
        load(TEXT)
    path.write_text(json.dumps(document([], "f" * 64)), encoding="utf-8")
    with pytest.raises(CorrectionsError, match="another text"):
        load(TEXT)


def test_session_adds_undoes_and_saves_each_step() -> None:
    session = Session(TEXT, "clinic.txt")
    a, b = at("Tamiflu")
    relabel, drop = Relabel(Ref(a, b, "Tamiflu"), "ORG"), Drop(Ref(*at("Commonly"), "Commonly"))
    session.add(relabel)
    session.add(drop)
    assert load(TEXT).operations == (relabel, drop)
    assert session.undo() == drop and load(TEXT).operations == (relabel,)
    assert Session(TEXT).operations == (relabel,)  # a new session (reopening the article) finds it
    fixed, _ = session.apply(article())
    assert fixed.entity("e4").label == "ORG" and fixed.entity("e7") is not None
    assert session.undo() == relabel and session.undo() is None
    assert not path_for(TEXT).exists()


def test_session_reports_a_skipped_operation_once_and_never_for_a_partial_analysis() -> None:
    session = Session(TEXT)
    session.add(Drop(Ref(0, 7, "Nothing")))
    assert session.apply(article(), final=False)[1] == []
    first = session.apply(article())[1]
    assert len(first) == 1 and "skipped" in first[0]
    assert session.apply(article())[1] == []


def test_for_source_finds_corrections_of_an_earlier_version_of_the_text() -> None:
    save(Corrections(text_sha256("old text"), "clinic.txt", (Drop(Ref(0, 3, "old")),)))
    assert [c.text_sha256 for c in for_source("clinic.txt")] == [text_sha256("old text")]
    assert list(for_source("other.txt")) == []


def test_reader_corrections_lists_them_with_controls_made_visible(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    text = "Evil\x1b[2J Corp said so.\n"
    article = tmp_path / "evil.txt"
    article.write_text(text, encoding="utf-8")
    save(Corrections(text_sha256(text), str(article), (Drop(Ref(0, 9, "Evil\x1b[2J")),)))
    assert main(["corrections", str(article)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "1 correction for" in out and '  1. drop "Evil␛[2J"' in out
