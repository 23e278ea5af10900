"""The inputs of a batch and the work done on each: one Task in, one Outcome out.

Inputs are files (.txt/.md/.html/.htm or anything sources reads), directories (walked in sorted order
for .txt/.md/.html/.htm files, hidden entries skipped) and JSONL corpora (one object a line with a
`text` field; `title` and `url` are used when present). `expand` streams them from disk: a corpus
line becomes a Task holding its byte offset, not its text, so the list of inputs never sits in memory.

A failing input (missing, unreadable, binary, a bad JSON line, an analysis that raises) becomes an
Outcome with a one-line error; only a model that cannot be loaded (ModelError) is raised, because
then every other input would fail the same way.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from reader.config import Settings
from reader.model import Article
from reader.sources import LoadedText, SourceError

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
CORPUS_SUFFIX = ".jsonl"


@dataclass(frozen=True)
class Task:
    """One input article: a file, or one line of a JSONL corpus (`line` counts from 1, `offset` is where
    it starts). `index` is its place among all inputs; `data`, when set, is its raw bytes, read by a
    client for workers that may not see its disk."""

    path: str
    line: int | None = None
    offset: int = 0
    problem: str | None = None  # known to fail before any work (a missing path, an empty folder)
    index: int = 0
    data: bytes | None = None

    @property
    def label(self) -> str:
        """What the contract's `input` field says: PATH, or PATH:LINE for a corpus line."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Outcome:
    """The result for one Task: an Article, or a one-line error."""

    label: str
    index: int
    article: Article | None = None
    error: str | None = None
    words: int = 0


def expand(paths: Iterable[str]) -> Iterator[Task]:
    """Every input article named by `paths`, in order, numbered: folders walked, corpora read line by line."""
    for index, task in enumerate(_inputs(paths)):
        yield replace(task, index=index)


def count(paths: Iterable[str]) -> int:
    """How many inputs `expand` yields (one quick pass over the disk; nothing kept)."""
    return sum(1 for _ in _inputs(paths))


def _inputs(paths: Iterable[str]) -> Iterator[Task]:
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield from _file_tasks(file)
            if not found:
                yield Task(arg, problem=f"no {'/'.join(ARTICLE_SUFFIXES)} files in this folder")
        elif path.exists() or path.is_symlink():
            yield from _file_tasks(path)
        else:
            yield Task(arg, problem="no such file or folder")


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES):
                yield Path(root) / name


def _file_tasks(path: Path) -> Iterator[Task]:
    if path.suffix.lower() != CORPUS_SUFFIX:
        yield Task(str(path))
        return
    try:
        with path.open("rb") as handle:
            offset = 0
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield Task(str(path), number, offset)
                offset += len(raw)
    except OSError as exc:
        yield Task(str(path), problem=f"cannot read ({exc.strerror or exc})")


def with_data(task: Task, max_bytes: int) -> Task:
    """The task carrying its raw bytes (or its problem), for a worker that cannot read this disk."""
    if task.problem is not None or task.data is not None:
        return task
    try:
        return replace(task, data=read_raw(task, max_bytes))
    except SourceError as exc:
        return replace(task, problem=_one_line(str(exc)))


def read_raw(task: Task, max_bytes: int) -> bytes:
    """The bytes of a task's input: the whole file, or its corpus line; SourceError if unusable."""
    from reader.sources import megabytes, read_file

    if task.line is None:
        return read_file(Path(task.path), max_bytes)
    try:
        with open(task.path, "rb") as handle:
            handle.seek(task.offset)
            raw = handle.readline(max_bytes + 1)
    except OSError as exc:
        raise SourceError(f"cannot read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise SourceError(f"the line is longer than the {megabytes(max_bytes)} limit")
    return raw


def loaded_text(task: Task, raw: bytes) -> LoadedText:
    """What to analyse from a task's raw bytes; SourceError for an input that cannot be used."""
    from reader.sources import from_file_bytes

    if task.line is None:
        return from_file_bytes(raw, task.path)
    return corpus_record(raw, task.label)


def corpus_record(raw: bytes, label: str) -> LoadedText:
    """One JSONL corpus line as text, source and title: the one place a corpus line's fields are read.

    `text` is required; `url` becomes the source (else `label`), `title` the title (else the first line),
    `date` the published date.
    """
    from reader.sources import first_line_title, normalise_newlines

    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SourceError("not UTF-8 text") from None
    except ValueError as exc:
        raise SourceError(f"bad JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise SourceError("a corpus line must be a JSON object with a string 'text' field")
    text = normalise_newlines(data["text"])
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise SourceError("the 'text' field is not valid Unicode (it has a lone surrogate escape)") from None
    if not text.strip():
        raise SourceError("the 'text' field is empty")
    url, title, date = data.get("url"), data.get("title"), data.get("date")
    source = url if isinstance(url, str) and url else label
    title = title.strip() if isinstance(title, str) and title.strip() else first_line_title(text)
    return LoadedText(text=text, source=source, title=title, published=date if isinstance(date, str) else None)


# One analysis at a time per process: a Dask worker started with several threads shares one model,
# and the reader's components are not written for concurrent calls.
_ANALYSIS_LOCK = threading.Lock()


def annotate_task(task: Task, settings: Settings) -> Outcome:
    """Analyse one input; every problem with the input itself becomes an Outcome error."""
    from reader.nlp.pipeline import ModelError, analyse

    if task.problem is not None:
        return Outcome(task.label, task.index, error=task.problem)
    try:
        raw = task.data if task.data is not None else read_raw(task, settings.max_bytes)
        loaded = loaded_text(task, raw)
    except SourceError as exc:
        return Outcome(task.label, task.index, error=_one_line(str(exc)))
    try:
        with _ANALYSIS_LOCK:
            article = analyse(loaded.text, source=loaded.source, title=loaded.title, model=settings.model,
                              settings=settings, published=loaded.published)
    except ModelError:
        raise
    except Exception as exc:  # one bad article must not sink the batch; the message names it
        return Outcome(task.label, task.index, error=_one_line(f"analysis failed ({type(exc).__name__}: {exc})"))
    return Outcome(task.label, task.index, article=article, words=len(loaded.text.split()))


def annotate_batch(tasks: list[Task], settings: Settings) -> list[Outcome]:
    """Several tasks in one call: what a Dask worker runs, so each round trip carries a few articles."""
    return [annotate_task(task, settings) for task in tasks]


def warm_up(settings: Settings) -> None:
    """Load the model in this process before the first article arrives (once: the pipeline is cached).

    A model that cannot load is left for the first real task to report, as one line, to the client.
    """
    from reader.nlp.pipeline import ModelError, analyse

    with contextlib.suppress(ModelError), _ANALYSIS_LOCK:
        analyse("Warm up.", settings=settings)


def _one_line(message: str) -> str:
    return " ".join(message.split())
