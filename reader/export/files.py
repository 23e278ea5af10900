"""Write export files safely: never clobber without asking, never leave half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from reader.export import ExportError


def write_atomic(path: Path, data: str, force: bool = False) -> None:
    """Write `data` to `path` via a temporary file in the same folder and a rename.

    An existing file is kept unless `force`; on any failure the existing file is left intact and
    the temporary file removed.
    """
    if path.is_dir():
        raise ExportError(f"{path} is a directory")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists (use --force to overwrite it)")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{folder} does not exist")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists() and not force:  # appeared while we wrote
            raise ExportError(f"{path} already exists (use --force to overwrite it)")
        os.replace(tmp_name, path)
        tmp_name = None
    except PermissionError:
        raise ExportError(f"cannot write {path}: permission denied") from None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
