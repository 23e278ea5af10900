"""write_atomic: never clobber without --force, never leave half a file, clear one-line errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reader.export import ExportError
from reader.export.files import default_filename, write_atomic


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file_with_umask_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    old = os.umask(0o022)
    try:
        write_atomic(target, "<p>héllo</p>")
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "<p>héllo</p>"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert leftovers(tmp_path) == []


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists .*--force"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "precious"


def test_force_overwrites_and_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failing", ["os.replace", "os.fsync"])
def test_a_failure_mid_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old contents", encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(failing, boom)
    with pytest.raises(ExportError, match="No space left on device"):
        write_atomic(target, "x" * 100_000, force=True)
    assert target.read_text(encoding="utf-8") == "old contents"
    assert leftovers(tmp_path) == []


def test_an_interrupt_mid_write_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("os.fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "data")
    assert not target.exists()
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_read_only_folder_gives_a_one_line_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "keep.txt").write_text("keep", encoding="utf-8")
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError) as info:
            write_atomic(folder / "keep.txt", "new", force=True)
    finally:
        folder.chmod(0o755)
    assert "permission denied" in str(info.value) and "\n" not in str(info.value)
    assert (folder / "keep.txt").read_text(encoding="utf-8") == "keep"


def test_permission_denied_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path as a read-only folder, for when the tests run as root."""
    real_open = os.open

    def denied(path: str, flags: int, mode: int = 0o777) -> int:
        if str(path).startswith(str(tmp_path)):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, mode)

    monkeypatch.setattr("os.open", denied)
    with pytest.raises(ExportError) as info:
        write_atomic(tmp_path / "x.html", "data")
    assert str(info.value) == f"cannot write {tmp_path / 'x.html'}: permission denied"


def test_missing_folder_and_directory_target(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "x.html", "data")
    with pytest.raises(ExportError, match="is a directory"):
        write_atomic(tmp_path, "data", force=True)


def test_unencodable_text_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot encode"):
        write_atomic(tmp_path / "x.txt", "bad \ud800 surrogate")
    assert leftovers(tmp_path) == [] and not (tmp_path / "x.txt").exists()


@pytest.mark.parametrize(("source", "fmt", "expected"), [
    ("/news/seed_philly_detainer.txt", "html", "seed_philly_detainer.html"),
    ("story.md", "ansi", "story.ansi"),
    ("https://example.org/2024/big-story.html?utm=1#top", "md", "big-story.md"),
    ("https://example.org/", "json", "example.json"),
    ("-", "svg", "article.svg"),
    ("", "txt", "article.txt"),
    ("weird name [x].txt", "html", "weird_name_x.html"),
])
def test_default_filename(source: str, fmt: str, expected: str) -> None:
    assert default_filename(source, fmt) == expected


def test_a_binary_export_is_written_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    from reader import cli
    from reader.export import EXPORTERS, export_article
    from reader.model import Article

    blob = b"\x89PNG\r\n\x1a\n\x00\xff"
    monkeypatch.setitem(EXPORTERS, "png", lambda article, layers, width, colour: blob)
    data = export_article(Article(text="x"), "png")
    assert data == blob
    write_atomic(tmp_path / "out.png", data)
    assert (tmp_path / "out.png").read_bytes() == blob
    cli._write_stdout(data)
    assert capfdbinary.readouterr().out == blob
