"""One way to write a file so a crash never leaves half of it: bytes to a temporary file in the
target's own folder, fsync, then a rename onto the target.

The cache and every export use it (the export adds its own checks and messages in
`reader.export.files`). A reader of the target sees the old file or the new one, never a mix: the
rename is atomic within one folder, which is why the temporary file lives beside the target.
Raises OSError; callers decide what a failure means (the cache skips, an export reports).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_name_for(path: Path) -> Path:
    """A fresh hidden name beside `path`: `.NAME.<random>.tmp`."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def is_temp_name(name: str) -> bool:
    """True for a name `temp_name_for` makes (leftovers of a crash, safe to delete)."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


class TargetExists(FileExistsError):
    """`replace=False` and the target exists (or appeared while we wrote)."""


def write_atomic(path: Path, data: bytes, replace: bool = True) -> None:
    """Write `data` to `path` through a temporary file, fsync and rename.

    With `replace` False an existing target is never overwritten, even one that appears while we
    write (TargetExists). A new file gets the usual permissions (0666 less the umask), a replaced
    one keeps its own. On any failure the target is untouched and the temporary file removed.
    """
    path = Path(path)
    tmp = temp_name_for(path)
    try:
        existing_mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        existing_mode = None
    if existing_mode is not None and not replace:
        raise TargetExists(f"{path} already exists")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if existing_mode is not None:
            os.chmod(tmp, existing_mode)
        if replace:
            os.replace(tmp, path)
        else:
            _link_without_clobbering(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(path.parent)


def _link_without_clobbering(tmp: Path, path: Path) -> None:
    """Put `tmp` at `path` only if nothing is there: a hard link fails atomically if it exists."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise TargetExists(f"{path} already exists") from None
    except OSError:  # a filesystem without hard links: check, then rename (a small window)
        if path.exists():
            raise TargetExists(f"{path} already exists") from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (best effort)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder if str(folder) else ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
