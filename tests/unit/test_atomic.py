"""The one atomic writer: bytes in, a temporary file beside the target, fsync, rename."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader import atomic
from reader.atomic import TargetExists, is_temp_name, write_atomic


def test_bytes_go_through_a_synced_temporary_file_in_the_target_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "sub" / "out.bin"
    target.parent.mkdir()
    synced: list[int] = []
    renamed: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (renamed.append((str(a), str(b))), real_replace(a, b))[1])
    payload = bytes(range(256)) * 3
    write_atomic(target, payload)
    assert target.read_bytes() == payload
    assert synced, "the data is fsynced before the rename"
    (src, dst), = renamed
    assert Path(src).parent == target.parent and is_temp_name(Path(src).name) and dst == str(target)
    assert os.listdir(target.parent) == ["out.bin"]


def test_no_replace_never_clobbers_a_file_that_appears_while_writing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:
        real_fsync(fd)
        target.write_bytes(b"theirs")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(TargetExists):
        write_atomic(target, b"ours", replace=False)
    assert target.read_bytes() == b"theirs"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")

    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["out.txt"]


def test_temp_names_are_recognised_for_cleanup() -> None:
    name = atomic.temp_name_for(Path("/x/entry.json")).name
    assert is_temp_name(name) and not is_temp_name("entry.json")
