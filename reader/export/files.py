"""Write export files safely: never clobber without asking, never leave half a file."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from pathlib import Path

from reader.export import EXTENSIONS, ExportError


def check_output_path(path: Path, force: bool = False) -> None:
    """Refuse an output path we must not write: a directory, an existing file without `force`, a missing folder.

    Callers run it before long work too, so a doomed write fails before the analysis, not after.
    """
    if path.is_dir():
        raise ExportError(f"{path} is a directory")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists (use --force to overwrite it)")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{folder} does not exist")


def write_atomic(path: Path, data: str, force: bool = False) -> None:
    """Write `data` to `path` via a temporary file in the same folder and a rename.

    An existing file is kept unless `force`; on any failure the existing file is left intact and
    the temporary file removed. A new file gets the usual permissions (0666 less the umask), an
    overwritten one keeps its own.
    """
    path = Path(path)
    check_output_path(path, force)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        payload = data.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError as exc:
        raise ExportError(f"cannot write {path}: the text has a character UTF-8 cannot encode "
                          f"(at position {exc.start})") from None
    tmp_name: str | None = None
    try:
        existing_mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        tmp_name = str(folder / f".{path.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if existing_mode is not None:
            os.chmod(tmp_name, existing_mode)
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


def default_filename(source: str, fmt: str) -> str:
    """`article stem + extension`: /news/seed.txt -> seed.html; https://x.org/a/story -> story.html."""
    raw = source.rstrip("/").split("?", 1)[0].split("#", 1)[0]
    if "://" in raw:
        _, _, rest = raw.partition("://")
        raw = rest.split("/")[-1] if "/" in rest else rest
    stem = Path(raw).stem if raw not in ("", "-", "<stdin>") else ""
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._") or "article"
    return stem + EXTENSIONS.get(fmt, f".{fmt}")
