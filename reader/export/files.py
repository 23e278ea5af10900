"""Write export files safely: never clobber without asking, never leave half a file."""

from __future__ import annotations

import re
from pathlib import Path

from reader import atomic
from reader.export import EXTENSIONS, Exported, ExportError, as_bytes


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


def write_atomic(path: Path, data: Exported, force: bool = False) -> None:
    """Write an export (text as UTF-8, or bytes as they are) through `reader.atomic.write_atomic`.

    An existing file is kept unless `force`, even one that appears while we write; on any failure
    the existing file is left intact. Every failure is an ExportError with a one-line message.
    """
    path = Path(path)
    check_output_path(path, force)
    try:
        payload = as_bytes(data)
    except UnicodeEncodeError as exc:
        raise ExportError(f"cannot write {path}: the text has a character UTF-8 cannot encode "
                          f"(at position {exc.start})") from None
    try:
        atomic.write_atomic(path, payload, replace=force)
    except atomic.TargetExists:
        raise ExportError(f"{path} already exists (use --force to overwrite it)") from None
    except PermissionError:
        raise ExportError(f"cannot write {path}: permission denied") from None
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None


def default_filename(source: str, fmt: str) -> str:
    """`article stem + extension`: /news/seed.txt -> seed.html; https://x.org/a/story -> story.html."""
    raw = source.rstrip("/").split("?", 1)[0].split("#", 1)[0]
    if "://" in raw:
        _, _, rest = raw.partition("://")
        raw = rest.split("/")[-1] if "/" in rest else rest
    stem = Path(raw).stem if raw not in ("", "-", "<stdin>") else ""
    stem = re.sub(r"[^\w.-]+", "_", stem).strip("._") or "article"
    return stem + EXTENSIONS.get(fmt, f".{fmt}")
