"""Where a reader's corrections live: one `reader.corrections/1` file per analysed text.

They sit in the user data folder, apart from the analysis cache (which may be evicted or cleared),
named by sha256 of the exact analysed text: a text that changes (a page extracted differently)
simply has no corrections. `READER_DATA_DIR` overrides the folder. Writes are atomic.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.corrections.ops import CorrectionsError, Operation, operation_from_json
from reader.errors import OutputError

SCHEMA = "reader.corrections/1"
APP_NAME = "reader"


@dataclass(frozen=True)
class Corrections:
    """A person's corrections to one text, in the order they were made (and are applied)."""

    text_sha256: str
    source: str = ""
    operations: tuple[Operation, ...] = ()

    def adding(self, operation: Operation) -> Corrections:
        return replace(self, operations=(*self.operations, operation))

    def without_last(self) -> Corrections:
        return replace(self, operations=self.operations[:-1])

    def to_json(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "text_sha256": self.text_sha256, "source": self.source,
                "operations": [op.to_json() for op in self.operations]}

    @classmethod
    def from_json(cls, data: Any, where: str = "corrections") -> Corrections:
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise CorrectionsError(f"{where}: not a {SCHEMA} object")
        digest, source, operations = data.get("text_sha256"), data.get("source", ""), data.get("operations")
        if not isinstance(digest, str) or len(digest) != 64:
            raise CorrectionsError(f"{where}: text_sha256 must be the 64-digit sha256 of the text")
        if not isinstance(operations, list):
            raise CorrectionsError(f"{where}: operations must be a list")
        return cls(digest.lower(), source if isinstance(source, str) else "",
                   tuple(operation_from_json(op, f"{where}, operation {i + 1}") for i, op in enumerate(operations)))


def text_sha256(text: str) -> str:
    """The key of a text: sha256 of its UTF-8 bytes (lone surrogates kept, as the exports keep them)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def data_dir() -> Path:
    """`READER_DATA_DIR`, else the platform's user data folder for reader."""
    env = os.environ.get("READER_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME))


def corrections_dir() -> Path:
    return data_dir() / "corrections"


def path_for(text: str) -> Path:
    return corrections_dir() / f"{text_sha256(text)}.json"


def load(text: str, source: str = "") -> Corrections:
    """The corrections for exactly this text (none if there is no file); CorrectionsError for a bad file."""
    digest = text_sha256(text)
    path = corrections_dir() / f"{digest}.json"
    stored = _read(path)
    if stored is None:
        return Corrections(digest, source)
    if stored.text_sha256 != digest:
        raise CorrectionsError(f"{path}: its text_sha256 is for another text than its file name says")
    return stored


def _read(path: Path) -> Corrections | None:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise CorrectionsError(f"{path}: bad JSON ({exc})") from None
    return Corrections.from_json(data, str(path))


def save(corrections: Corrections) -> Path:
    """Write the file atomically (or remove it when no operation is left); returns its path."""
    from reader.atomic import write_atomic

    path = corrections_dir() / f"{corrections.text_sha256}.json"
    try:
        if not corrections.operations:
            path.unlink(missing_ok=True)
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, _encoded(corrections.to_json()))
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def _encoded(data: dict[str, Any]) -> bytes:
    """Readable UTF-8 JSON; \\u escapes only when the text holds what UTF-8 cannot (a lone surrogate)."""
    try:
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(data, indent=1) + "\n").encode("ascii")


def clear(text: str) -> bool:
    """Remove the corrections of this text; True if there were any."""
    try:
        path_for(text).unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise OutputError(f"cannot remove {path_for(text)}: {exc.strerror or exc}") from None
    return True


def for_source(source: str) -> Iterator[Corrections]:
    """Stored corrections made for `source` (other versions of its text); unreadable files skipped."""
    folder = corrections_dir()
    if not source or not folder.is_dir():
        return
    for path in sorted(folder.glob("*.json")):
        with contextlib.suppress(CorrectionsError):
            stored = _read(path)
            if stored is not None and stored.source == source:
                yield stored
