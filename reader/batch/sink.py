"""Where a batch's JSON lines go: standard output as they come, or `OUT.jsonl` by way of `OUT.jsonl.partial`.

A file run appends each line to `OUT.jsonl.partial` and flushes it, so a run that is killed loses at
most the line being written, and `--resume` continues from what is there (`reader.batch.resume`).
When the run ends the partial file is synced and renamed to `OUT.jsonl` (after putting its lines in
input order, if a resumed run retried earlier inputs), so `OUT.jsonl` only ever appears whole.
An existing `OUT.jsonl` is never replaced without `--force`; a partial file is never thrown away
without `--force`, nor continued without `--resume`; two runs never write the same partial file.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, BinaryIO

from reader.atomic import sync_folder, temp_name_for
from reader.batch.engines import AnnotateError
from reader.batch.resume import Partial, scan, walk
from reader.batch.tasks import Task
from reader.export import ExportError

PARTIAL_SUFFIX = ".partial"


def partial_path(path: Path) -> Path:
    """`OUT.jsonl.partial`: where the lines of `OUT.jsonl` gather until the run ends."""
    return path.with_name(path.name + PARTIAL_SUFFIX)


class JsonlSink:
    """Writes one JSON line per annotated input; see the module docstring for the file's life cycle.

    Use: `with JsonlSink(out, force, resume) as sink:`, then `sink.pending(inputs)` for the tasks still
    to do, `sink.write(line, index)` for each result in input order, and `sink.commit()` at the end.
    """

    def __init__(self, path: Path | None, force: bool = False, resume: bool = False) -> None:
        from reader.export.files import check_output_path

        self.path = path
        self.force = force
        self.resume = resume
        self.kept = 0  # lines a resumed run found done
        self._partial: Partial | None = None
        self._handle: BinaryIO | None = None
        self._text: IO[str] | None = None  # a standard output without a byte buffer (a test's capture)
        self._written = 0
        self._first_index: int | None = None  # input index of the first line this run wrote
        if path is None:
            if resume:
                raise AnnotateError("--resume needs -o OUT.jsonl (standard output cannot be resumed)")
            return
        partial = partial_path(path)
        if resume and not partial.exists() and path.exists() and not force:
            raise ExportError(f"{path} is complete: there is no {partial.name} to resume "
                              "(use --force to annotate again)")
        if partial.exists() and not (resume or force):
            raise ExportError(f"{partial} holds an interrupted run: add --resume to continue it, "
                              "or --force to start over")
        check_output_path(path, force)

    @property
    def partial(self) -> Path | None:
        return None if self.path is None else partial_path(self.path)

    def __enter__(self) -> JsonlSink:
        if self.path is None:  # bytes, so the locale's encoding cannot matter
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is None:
                self._text = sys.stdout
            self._handle = buffer
            return self
        partial = partial_path(self.path)
        try:
            fd = os.open(partial, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o666)
        except OSError as exc:
            raise ExportError(f"cannot write {partial}: {exc.strerror or exc}") from None
        handle = os.fdopen(fd, "ab")
        _lock(handle, partial)
        self._handle = handle
        if not self.resume:
            os.ftruncate(fd, 0)
        return self

    def pending(self, inputs: Callable[[], Iterable[Task]]) -> Iterator[Task]:
        """The tasks still to do: all of them, or on --resume those the partial file has no line for.

        On --resume the partial file is read now (a truncated last line is cut off) and `kept` set.
        """
        if not self.resume or self.path is None:
            return iter(inputs())
        assert self._handle is not None, "enter the sink first"
        partial = partial_path(self.path)
        found = scan(partial, inputs)
        os.ftruncate(self._handle.fileno(), found.size)
        self._partial, self.kept = found, found.lines
        return (task for task, line in walk(partial, found.runs, inputs()) if line is None)

    def write(self, line: str, index: int = 0) -> None:
        """Write one JSON line (UTF-8) for the input numbered `index`, flushed so a kill loses nothing before it."""
        if self._text is not None:
            self._text.write(line + "\n")
        else:
            assert self._handle is not None, "enter the sink first"
            self._handle.write(line.encode("utf-8") + b"\n")
            if self.path is not None:
                self._handle.flush()
        if self._first_index is None:
            self._first_index = index
        self._written += 1

    def commit(self, inputs: Callable[[], Iterable[Task]] | None = None) -> None:
        """End the run: `OUT.jsonl` appears, whole (a flush for standard output).

        `inputs` is needed only when a resumed run wrote lines for inputs before the ones it kept.
        """
        if self.path is None:
            (self._text or self._handle or sys.stdout).flush()
            return
        assert self._handle is not None, "enter the sink first"
        self._handle.flush()
        partial = partial_path(self.path)
        try:
            os.fsync(self._handle.fileno())
            if self.path.exists() and not self.force:  # appeared while we worked
                raise ExportError(f"{self.path} already exists (use --force to overwrite it)")
            if self._needs_sorting():
                assert inputs is not None and self._partial is not None
                _write_sorted(partial, self.path, [*self._partial.runs, (self._partial.size, _size(partial))],
                              inputs)
                os.unlink(partial)
            else:
                os.replace(partial, self.path)
            sync_folder(self.path.parent)
        except OSError as exc:
            raise ExportError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self._handle.close()

    def _needs_sorting(self) -> bool:
        """Whether the lines are out of input order: a resumed run wrote an input earlier than one it kept."""
        kept = self._partial
        if kept is None or not kept.runs:
            return False
        if len(kept.runs) > 1:
            return True
        return self._first_index is not None and self._first_index < kept.last_index

    def __exit__(self, *exc_info: object) -> None:
        if self.path is None or self._handle is None:
            return
        if not self._handle.closed:
            self._handle.close()  # releases the lock
        partial = partial_path(self.path)
        with contextlib.suppress(OSError):
            if partial.stat().st_size == 0:  # nothing to resume from
                partial.unlink()


def _lock(handle: BinaryIO, partial: Path) -> None:
    """One run per partial file: a second one would interleave its lines with ours."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks here
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise AnnotateError(f"another reader annotate is writing {partial}") from None


def _size(path: Path) -> int:
    return path.stat().st_size


def _write_sorted(partial: Path, out: Path, runs: list[tuple[int, int]],
                  inputs: Callable[[], Iterable[Task]]) -> None:
    """Write the partial file's lines to `out` in input order, by way of a synced temporary file."""
    tmp = temp_name_for(out)
    try:
        with tmp.open("wb") as handle:
            for _, line in walk(partial, runs, inputs()):
                if line is not None:
                    handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
