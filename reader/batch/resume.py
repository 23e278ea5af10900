"""Resume an interrupted batch from its `OUT.jsonl.partial`, holding neither the inputs nor the lines in memory.

Every line of the partial file names its input (the contract's `input` field). A run writes its lines
in input order, so the file is a few sorted runs: the first run's lines, then, for each resumed run,
the inputs that were still missing (failed ones retried, the rest after them), again in input order.
`scan` finds those runs by walking the inputs beside the lines; `walk` then pairs every input with
its line, if one exists, with one cursor per run. The inputs still to do are the unpaired ones; the
final file is the paired lines in input order, the same lines an uninterrupted run writes.

A truncated last line (the writer was killed mid-line) is dropped. A line that does not name an input
of this command means the command changed: that is an error, never a silent guess.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reader.batch.engines import AnnotateError
from reader.batch.tasks import Task
from reader.model import SCHEMA

# How a batch line starts: Article.to_json writes `input` second so it can be read without parsing the rest.
PREFIX = f'{{"schema": "{SCHEMA}", "input": '.encode()
LABEL_WINDOW = 64 * 1024  # bytes after PREFIX that hold any sane label
_DECODER = json.JSONDecoder()

Inputs = Callable[[], Iterable[Task]]  # a fresh pass over the command's inputs, in order


class ResumeError(AnnotateError):
    """The partial file does not belong to this command's inputs, or is damaged before its last line."""


@dataclass(frozen=True)
class Partial:
    """What an interrupted run left: its sorted runs as byte ranges, and where the good lines end."""

    runs: tuple[tuple[int, int], ...]
    lines: int
    last_index: int  # input index of the last line; -1 when there is none
    size: int  # bytes of whole lines; anything after is a truncated line to cut off


def input_of(line: bytes) -> str | None:
    """The `input` field of one batch line, read from its start when it is where we write it."""
    if line.startswith(PREFIX):
        head = line[len(PREFIX):len(PREFIX) + LABEL_WINDOW].decode("utf-8", "ignore")
        with contextlib.suppress(ValueError):
            value, _ = _DECODER.raw_decode(head)
            return value if isinstance(value, str) else None
    try:
        data = json.loads(line)
    except ValueError:
        return None
    value = data.get("input") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def scan(path: Path, inputs: Inputs) -> Partial:
    """Read the partial file once: check every line names an input, and find its sorted runs."""
    runs: list[tuple[int, int]] = []
    run_start = size = lines = 0
    last_index = -1
    todo: Iterator[Task] = iter(inputs())
    with path.open("rb") as handle:
        for offset, raw, is_last in _lines(handle):
            label = input_of(raw) if raw.endswith(b"\n") else None
            if label is None or (is_last and not _whole(raw)):
                if is_last:
                    break  # a line cut short by a kill: dropped, and done again
                raise ResumeError(f"{path}: line {lines + 1} is not a batch line with an 'input' field; "
                                  "use --force to start over")
            index = _find(todo, label)
            if index is None and lines:  # earlier than the line before it: a later run begins here
                runs.append((run_start, offset))
                run_start, todo = offset, iter(inputs())
                index = _find(todo, label)
            if index is None:
                raise ResumeError(f"{path}: line {lines + 1} is for {label!r}, which is not among this "
                                  "command's inputs: resume with the same PATHs, or use --force to start over")
            size, lines, last_index = offset + len(raw), lines + 1, index
    if size > run_start:
        runs.append((run_start, size))
    return Partial(tuple(runs), lines, last_index, size)


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes, bool]]:
    """(offset, line, is it the last) for every line, one line of look-ahead."""
    offset, previous = 0, None
    for raw in handle:
        if previous is not None:
            yield offset, previous, False
            offset += len(previous)
        previous = raw
    if previous is not None:
        yield offset, previous, True


def _whole(raw: bytes) -> bool:
    try:
        json.loads(raw)
    except ValueError:
        return False
    return True


def _find(todo: Iterator[Task], label: str) -> int | None:
    for task in todo:
        if task.label == label:
            return task.index
    return None


class _Cursor:
    """The next line of one sorted run, read lazily."""

    def __init__(self, handle: BinaryIO, start: int, end: int) -> None:
        self._handle, self._end = handle, end
        handle.seek(start)
        self.label: str | None = None
        self.line = b""
        self.take()

    def take(self) -> bytes:
        """This line; the cursor moves to the next."""
        line = self.line
        if self._handle.tell() < self._end:
            self.line = self._handle.readline()
            self.label = input_of(self.line)
        else:
            self.line, self.label = b"", None
        return line


def walk(path: Path, runs: Iterable[tuple[int, int]], tasks: Iterable[Task]) -> Iterator[tuple[Task, bytes | None]]:
    """Every task with its line from the partial file's runs, or None when it has none yet."""
    with contextlib.ExitStack() as stack:
        cursors = [_Cursor(stack.enter_context(path.open("rb")), start, end) for start, end in runs]
        for task in tasks:
            match = next((cursor for cursor in cursors if cursor.label == task.label), None)
            yield task, (match.take() if match is not None else None)
        stray = next((cursor.label for cursor in cursors if cursor.label is not None), None)
        if stray is not None:
            raise ResumeError(f"{path}: the line for {stray!r} does not follow this command's inputs "
                              "in order; use --force to start over")
