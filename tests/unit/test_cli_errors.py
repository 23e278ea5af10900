"""The CLI catches the ReaderError family once: one line on stderr, exit code 1, no raw controls."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.shown import needs_neutralising

HOSTILE_NAME = "no\x1b]0;PWNED\x07such\x9b2J\u202efile.txt"


def test_an_error_quoting_a_hostile_path_is_one_neutralised_line(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", str(tmp_path / HOSTILE_NAME), "--format", "txt"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("reader: ") and err.count("\n") == 1
    assert not needs_neutralising(err.rstrip("\n"))
    assert "PWNED" in err and "such" in err
