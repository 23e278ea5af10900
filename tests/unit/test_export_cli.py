"""`reader export` end to end in-process, with the analysis replaced by the hand-annotated seed
(so no spaCy): every format, --layers, --width, --force, refusal and failure handling."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.cli import main
from reader.export import FORMATS, export_article
from reader.model import Article

Cap = pytest.CaptureFixture[str]
Seed = tuple[Article, Path]
SEED_JSON = Path(__file__).resolve().parents[1] / "data" / "seed_export.json"


@pytest.fixture()
def seed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Article, Path]:
    """The hand-annotated seed, returned by the analysis step whatever the file says."""
    article = Article.loads(SEED_JSON.read_text(encoding="utf-8"))
    source = tmp_path / "seed_philly_detainer.txt"
    source.write_text(article.text, encoding="utf-8")
    monkeypatch.setattr("reader.analysis.analyse_loaded", lambda loaded, settings: article)
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return article, source


def run(capsys: Cap, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_formats_match_the_export_module(seed: Seed, tmp_path: Path,
                                             capsys: Cap) -> None:
    article, source = seed
    from reader.cli import EXPORT_FORMATS

    assert tuple(EXPORT_FORMATS) == FORMATS
    for fmt in FORMATS:
        out = tmp_path / f"out.{fmt}"
        argv = ["export", str(source), "--format", fmt, "-o", str(out), "--width", "90"]
        code, stdout, err = run(capsys, *argv)
        assert (code, stdout, err) == (0, "", "")
        assert out.read_text(encoding="utf-8") == export_article(article, fmt, width=90)


def test_stdout_when_no_output(seed: Seed, capsys: Cap) -> None:
    article, source = seed
    code, out, err = run(capsys, "export", str(source), "--format", "json")
    assert code == 0 and err == ""
    assert Article.loads(out).text == article.text


def test_refuses_to_overwrite_without_force(seed: Seed, tmp_path: Path,
                                           capsys: Cap) -> None:
    _, source = seed
    out = tmp_path / "report.html"
    out.write_text("my precious notes", encoding="utf-8")
    code, stdout, err = run(capsys, "export", str(source), "--format", "html", "-o", str(out))
    assert code == 1 and stdout == ""
    assert err == f"reader: {out} already exists (use --force to overwrite it)\n"
    assert out.read_text(encoding="utf-8") == "my precious notes"
    code, _, err = run(capsys, "export", str(source), "--format", "html", "-o", str(out), "--force")
    assert code == 0 and err == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_failed_write_leaves_the_old_file(seed: Seed, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch, capsys: Cap) -> None:
    _, source = seed
    out = tmp_path / "report.md"
    out.write_text("old", encoding="utf-8")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", full_disk)
    code, _, err = run(capsys, "export", str(source), "--format", "md", "-o", str(out), "--force")
    assert code == 1
    assert err == f"reader: cannot write {out}: No space left on device\n"
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_exporter_crash_leaves_no_file(seed: Seed, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, capsys: Cap) -> None:
    from reader.export import EXPORTERS, ExportError

    _, source = seed

    def broken(*args: object) -> str:
        raise ExportError("renderer gave up halfway")

    monkeypatch.setitem(EXPORTERS, "svg", broken)
    out = tmp_path / "x.svg"
    code, _, err = run(capsys, "export", str(source), "--format", "svg", "-o", str(out))
    assert code == 1 and err == "reader: renderer gave up halfway\n"
    assert list(tmp_path.glob("x.svg*")) == [] and list(tmp_path.glob(".x.svg*")) == []


def test_output_problems_fail_before_the_analysis(seed: Seed, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: Cap) -> None:
    _, source = seed

    def never(*args: object) -> None:
        pytest.fail("analysed although the output was unusable")

    monkeypatch.setattr("reader.analysis.analyse_loaded", never)
    code, _, err = run(capsys, "export", str(source), "--format", "txt", "-o", str(tmp_path / "no" / "x.txt"))
    assert code == 1 and err == f"reader: {tmp_path / 'no'} does not exist\n"
    code, _, err = run(capsys, "export", str(source), "--format", "txt", "-o", str(tmp_path), "--force")
    assert code == 1 and err == f"reader: {tmp_path} is a directory\n"


def test_permission_denied_is_one_line(seed: Seed, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, capsys: Cap) -> None:
    _, source = seed
    real_open = __import__("os").open

    def denied(path: str, flags: int, mode: int = 0o777) -> int:
        if str(path).startswith(str(tmp_path / "ro")):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, mode)

    (tmp_path / "ro").mkdir()
    monkeypatch.setattr("os.open", denied)
    target = tmp_path / "ro" / "a.html"
    code, _, err = run(capsys, "export", str(source), "--format", "html", "-o", str(target))
    assert code == 1
    assert err == f"reader: cannot write {tmp_path / 'ro' / 'a.html'}: permission denied\n"


class Classes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.kinds: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            self.kinds |= set((dict(attrs).get("class") or "").split()) - {"hl"}


def test_layers_option(seed: Seed, capsys: Cap) -> None:
    _, source = seed
    code, out, _ = run(capsys, "export", str(source), "--format", "html", "--layers", "person, Quote")
    assert code == 0
    parser = Classes()
    parser.feed(out.split("<main>", 1)[1])
    assert parser.kinds == {"person", "quote"}


@pytest.mark.parametrize("argv", [
    ["--format", "html", "--layers", "person,villains"],
    ["--format", "html", "--layers", ","],
    ["--format", "pdf"],
    ["--format", "ansi", "--width", "5"],
    ["--format", "ansi", "--width", "wide"],
])
def test_usage_errors_exit_2(seed: Seed, capsys: Cap, argv: list[str]) -> None:
    _, source = seed
    code, out, err = run(capsys, "export", str(source), *argv)
    assert code == 2 and out == ""
    assert err.startswith("reader") and err.count("\n") == 1


def test_no_color_env_strips_colour_from_ansi(seed: Seed, monkeypatch: pytest.MonkeyPatch,
                                              capsys: Cap) -> None:
    _, source = seed
    code, coloured, _ = run(capsys, "export", str(source), "--format", "ansi", "--width", "80")
    assert code == 0 and "38;2;" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    code, plain, _ = run(capsys, "export", str(source), "--format", "ansi", "--width", "80")
    assert code == 0
    assert "38;2;" not in plain and re.search(r"\x1b\[1m", plain)


HOSTILE = "Title\n\nclear \x1b[2J, CSI \x9b31m, bidi \u202eevil, title \x1b]0;x\x07 end\n"


@pytest.fixture()
def hostile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    article = Article(text=HOSTILE, title="Title")
    monkeypatch.setattr("reader.analysis.analyse_loaded", lambda loaded, settings: article)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path / "hostile.txt"


@pytest.mark.parametrize("fmt", ["html", "svg", "md", "ansi", "json"])
def test_no_article_control_reaches_stdout(hostile: Path, capsys: Cap, fmt: str) -> None:
    hostile.write_text(HOSTILE, encoding="utf-8")
    code, out, _ = run(capsys, "export", str(hostile), "--format", fmt)
    assert code == 0
    rest = re.sub(r"\x1b\[[0-9;]*m", "", out)
    for bad in ("\x1b", "\x9b", "\u202e", "\x07"):
        assert bad not in rest, (fmt, bad)
    if fmt == "json":
        assert Article.loads(out).text == HOSTILE  # escaped, not altered


def test_txt_is_exact_in_a_pipe_and_neutralised_on_a_terminal(hostile: Path, capsys: Cap,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    hostile.write_text(HOSTILE, encoding="utf-8")
    code, out, _ = run(capsys, "export", str(hostile), "--format", "txt")
    assert code == 0 and out == HOSTILE
    monkeypatch.setattr("reader.cli._stdout_is_terminal", lambda: True)
    code, out, _ = run(capsys, "export", str(hostile), "--format", "txt")
    assert code == 0 and "\x1b" not in out and len(out) == len(HOSTILE)
