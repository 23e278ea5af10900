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


def test_every_core_error_is_a_reader_error() -> None:
    from reader.annotate import AnnotateError
    from reader.config import ConfigError
    from reader.errors import InputError, ModelError, NetworkError, OutputError, ReaderError
    from reader.export import ExportError
    from reader.nlp.pipeline import ModelError as PipelineModelError
    from reader.sources import FetchError, SourceError

    assert issubclass(SourceError, InputError) and issubclass(FetchError, NetworkError)
    assert issubclass(FetchError, SourceError)
    assert issubclass(ExportError, OutputError) and PipelineModelError is ModelError
    assert issubclass(ConfigError, ReaderError) and issubclass(AnnotateError, ReaderError)


def test_the_cli_turns_any_reader_error_into_one_line_and_leaves_bugs_loud(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from reader import cli
    from reader.errors import OutputError

    def refuse(_argv: list[str]) -> int:
        raise OutputError("cannot write out.html:\n disk full")

    monkeypatch.setattr(cli, "_cmd_cache", refuse)
    assert main(["cache", "info"]) == 1
    assert capsys.readouterr().err == "reader: cannot write out.html: disk full\n"

    def bug(_argv: list[str]) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "_cmd_cache", bug)
    with pytest.raises(RuntimeError):
        main(["cache", "info"])
