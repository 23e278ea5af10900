"""Batch annotation: many articles in, one `reader.annotations/1` JSON line out per article, in order.

Inputs are files (.txt/.md/.html/.htm or anything sources.load reads), directories (walked in
sorted order for .txt/.md/.html/.htm files, hidden entries skipped) and JSONL corpora (one object a
line with a `text` field; `title` and `url` are used when present). Each input is independent, which
is what makes this the unit of scale (DESIGN section 8): with `jobs > 1` a pool of worker processes,
each loading the model once, analyses articles while the parent keeps the output in input order.

A failing input (missing, unreadable, binary, a bad JSON line, an analysis that raises) becomes a
`Outcome` with an error and is skipped; only a model that cannot be loaded or a crashed worker
stops the batch (`AnnotateError` / `ModelError`).

The batch bypasses the analysis cache: it reads each text once, its output file is already the
durable result, and filling the cache with a corpus would evict the articles a reader opened.
"""

from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from reader.config import Settings
from reader.errors import ReaderError

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
CORPUS_SUFFIX = ".jsonl"
WINDOW_PER_JOB = 8  # tasks in flight per worker: enough to keep it busy, little memory


class AnnotateError(ReaderError):
    """The batch cannot go on (a worker died); str() is a one-line message."""


@dataclass(frozen=True)
class Task:
    """One input article: a file, or one line of a JSONL corpus (`line` counts from 1, `offset` is
    where it starts, so a task stays small and the worker reads the line itself)."""

    path: str
    line: int | None = None
    offset: int = 0
    problem: str | None = None  # known to fail before any work (a missing path, an empty folder)

    @property
    def label(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Outcome:
    """The result for one Task: a JSON line, or a one-line error."""

    label: str
    json_line: str | None = None
    error: str | None = None
    words: int = 0


def expand(paths: Iterable[str]) -> Iterator[Task]:
    """Every input article named by `paths`, in order: directories walked, corpora read line by line."""
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            files = list(_walk(path))
            if not files:
                yield Task(arg, problem=f"no {'/'.join(ARTICLE_SUFFIXES)} files in this folder")
            for file in files:
                yield from _file_tasks(file)
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


def annotate_task(task: Task, settings: Settings) -> Outcome:
    """Analyse one input; every problem with the input itself becomes an Outcome error."""
    from reader.nlp.pipeline import ModelError, analyse
    from reader.sources import SourceError

    if task.problem is not None:
        return Outcome(task.label, error=task.problem)
    try:
        text, source, title, published = _read(task, settings)
    except SourceError as exc:
        return Outcome(task.label, error=_one_line(str(exc)))
    try:
        article = analyse(text, source=source, title=title, model=settings.model, settings=settings,
                          published=published)
    except ModelError:
        raise
    except Exception as exc:  # one bad article must not sink the batch; the message names it
        return Outcome(task.label, error=_one_line(f"analysis failed ({type(exc).__name__}: {exc})"))
    return Outcome(task.label, json_line=article.dumps(), words=len(text.split()))


def _read(task: Task, settings: Settings) -> tuple[str, str, str, str | None]:
    """(text, source, title, published) of a task; SourceError for an input that cannot be used."""
    from reader.sources import SourceError, first_line_title, load, megabytes, normalise_newlines

    if task.line is None:
        loaded = load(task.path, settings.max_bytes)
        return loaded.text, loaded.source, loaded.title, loaded.published
    try:
        with open(task.path, "rb") as handle:
            handle.seek(task.offset)
            raw = handle.readline(settings.max_bytes + 1)
    except OSError as exc:
        raise SourceError(f"cannot read ({exc.strerror or exc})") from None
    if len(raw) > settings.max_bytes:
        raise SourceError(f"the line is longer than the {megabytes(settings.max_bytes)} limit")
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
    url, title = data.get("url"), data.get("title")
    source = url if isinstance(url, str) and url else task.label
    published = data.get("date") if isinstance(data.get("date"), str) else None
    return (text, source, title.strip() if isinstance(title, str) and title.strip() else first_line_title(text),
            published)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def run(tasks: Sequence[Task], settings: Settings, jobs: int) -> Iterator[Outcome]:
    """Annotate `tasks`, yielding one Outcome per task in input order (see Annotator)."""
    with Annotator(tasks, settings, jobs) as annotator:
        yield from annotator.outcomes()


_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    """Load the model once per worker, before the first article arrives."""
    global _worker_settings
    _worker_settings = settings
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core per worker; no oversubscription
    from reader.nlp.pipeline import ModelError, analyse

    with contextlib.suppress(ModelError):  # reported by the first real task, in the parent, as one line
        analyse("Warm up.", settings=settings)


def _work(task: Task) -> Outcome:
    assert _worker_settings is not None
    return annotate_task(task, _worker_settings)


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork where it exists (the parent has not loaded spaCy, so children start clean and fast)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class Annotator:
    """Annotates tasks in input order, in this process (jobs 1) or in a pool of worker processes.

    The workers are started by `__enter__`, so enter it before starting any thread (such as a
    progress bar): a forked child must not inherit a lock another thread holds. Each worker loads
    the model once. `outcomes()` raises ModelError when the model cannot be loaded and
    AnnotateError when a worker dies.
    """

    def __init__(self, tasks: Sequence[Task], settings: Settings, jobs: int) -> None:
        self.tasks = list(tasks)
        self.settings = settings
        self.jobs = max(1, min(jobs, len(self.tasks)))
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Annotator:
        if self.jobs > 1:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_pool_context(),
                                             initializer=_init_worker, initargs=(self.settings,))
            self._pool.submit(int)  # forks every worker now, before the caller starts other threads
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=exc_type is None, cancel_futures=True)
            self._pool = None

    def outcomes(self) -> Iterator[Outcome]:
        if self._pool is None:
            for task in self.tasks:
                yield annotate_task(task, self.settings)
            return
        try:
            yield from self._pooled(self._pool)
        except BrokenProcessPool:
            raise AnnotateError("a worker process died (out of memory?); try fewer --jobs") from None

    def _pooled(self, pool: ProcessPoolExecutor) -> Iterator[Outcome]:
        window = self.jobs * WINDOW_PER_JOB
        pending: deque[Future[Outcome]] = deque()
        todo = iter(self.tasks)
        for task in todo:
            pending.append(pool.submit(_work, task))
            if len(pending) >= window:
                break
        while pending:
            outcome = pending.popleft().result()
            for task in todo:  # one finished, one more in flight
                pending.append(pool.submit(_work, task))
                break
            yield outcome


class JsonlSink:
    """Where the JSON lines go: standard output as they come, or a file written whole or not at all.

    A file is written to a temporary name beside it and renamed by `commit()`; leaving the `with`
    block without committing (an error, Ctrl-C, nothing annotated) removes the temporary file and
    leaves any existing file untouched.
    """

    def __init__(self, path: Path | None, force: bool = False) -> None:
        from reader.export.files import check_output_path

        self.path = path
        self.force = force
        self._handle: IO[Any] | None = None  # bytes to a file, text to a stdout without a buffer
        self._tmp_name: str | None = None
        if path is not None:
            check_output_path(path, force)

    def __enter__(self) -> JsonlSink:
        import sys
        import tempfile

        from reader.export import ExportError

        if self.path is None:  # bytes, so the locale's encoding cannot matter
            self._handle = getattr(sys.stdout, "buffer", None) or sys.stdout
            return self
        try:
            fd, self._tmp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                                  dir=self.path.parent if str(self.path.parent) else ".")
        except OSError as exc:
            raise ExportError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self._handle = os.fdopen(fd, "wb")
        return self

    def write(self, line: str) -> None:
        """Write one JSON line (UTF-8; annotate_task made sure it encodes)."""
        assert self._handle is not None
        if isinstance(self._handle, io.TextIOBase):
            self._handle.write(line + "\n")
        else:
            self._handle.write(line.encode("utf-8") + b"\n")

    def commit(self) -> None:
        """Make the file appear under its name (a no-op for standard output)."""
        from reader.export import ExportError

        if self.path is None or self._tmp_name is None or self._handle is None:
            if self._handle is not None:
                self._handle.flush()
            return
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            if self.path.exists() and not self.force:  # appeared while we worked
                raise ExportError(f"{self.path} already exists (use --force to overwrite it)")
            os.replace(self._tmp_name, self.path)
            self._tmp_name = None
        except OSError as exc:
            raise ExportError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def __exit__(self, *exc_info: object) -> None:
        if self.path is not None and self._handle is not None and not self._handle.closed:
            self._handle.close()
        if self._tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp_name)
            self._tmp_name = None


class ProgressReport:
    """A progress bar on stderr when it is a terminal; error lines printed above it either way."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self._progress: Progress | None = None
        self._task_id: TaskID | None = None
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(TextColumn("annotating"), BarColumn(), MofNCompleteColumn(),
                                      TimeRemainingColumn(), console=Console(stderr=True), transient=True)

    def __enter__(self) -> ProgressReport:
        if self._progress is not None:
            self._progress.start()
            self._task_id = self._progress.add_task("annotate", total=self.total)
        return self

    def advance(self) -> None:
        if self._progress is not None and self._task_id is not None:
            self._progress.advance(self._task_id)

    def error(self, message: str) -> None:
        import sys

        if self._progress is not None:
            from rich.text import Text

            self._progress.console.print(Text(message), highlight=False, soft_wrap=True)
        else:
            print(message, file=sys.stderr, flush=True)

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.stop()
