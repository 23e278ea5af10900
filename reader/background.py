"""Analysis off the UI's path: a cache check in-process, then spaCy in a child process.

spaCy holds the GIL for much of its work, so a thread would stall the interface; a separate process
(started with 'spawn', so no inherited UI state) runs `analyse_progressive_loaded` and streams
`(fraction, Article-as-JSON)` back over a pipe, each document announced before its first step. A
thread in the parent reads the pipe, rebuilds Articles and hands `AnalysisUpdate`s to a listener
(the app posts them as messages). Errors in the child come back as one-line messages, never as
tracebacks on the terminal. No Textual here.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext
from typing import Any, Literal, Protocol

from reader.config import Settings
from reader.errors import ReaderError
from reader.model import Article
from reader.sources import LoadedText

STOP_TIMEOUT_SECONDS = 2.0
StartMethod = Literal["spawn", "fork", "forkserver"]


class Stage(StrEnum):
    """Where a document's analysis stands; DONE, CACHED and ERROR are final."""

    WAITING = "waiting"  # nothing started yet
    LOADING = "loading"  # waiting for the model
    ANALYSING = "analysing"
    DONE = "done"
    CACHED = "cached"
    ERROR = "error"

    @property
    def final(self) -> bool:
        return self in (Stage.DONE, Stage.CACHED, Stage.ERROR)


@dataclass(frozen=True)
class AnalysisUpdate:
    """News about document `index`: its progress, the article so far, or an error."""

    index: int
    stage: Stage
    fraction: float = 0.0
    article: Article | None = None
    message: str = ""


Listener = Callable[[AnalysisUpdate], None]
ProgressiveAnalyser = Callable[[LoadedText], Iterable[tuple[float, Article]]]
# What the child runs for one document: picklable (a module-level function) so 'spawn' can send it.
ChildAnalyser = Callable[[LoadedText, Settings], Iterable[tuple[float, Article]]]


class AnalysisRunner(Protocol):
    """Something that analyses the documents and reports to the listener until stopped."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


RunnerFactory = Callable[[Sequence[LoadedText], Settings, Listener], AnalysisRunner]


def one_line_error(exc: BaseException) -> str:
    """An exception as one line for the status bar; user-facing errors keep their own words."""
    text = " ".join(str(exc).split())
    if isinstance(exc, ReaderError):
        return text or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def default_child_analyser(loaded: LoadedText, settings: Settings) -> Iterable[tuple[float, Article]]:
    """The real analysis: cache, then spaCy (imported in the child only)."""
    from reader.analysis import analyse_progressive_loaded

    return analyse_progressive_loaded(loaded, settings)


class ProcessAnalysis:
    """Analyse documents in order: cached ones in-process, the rest in a child process.

    The child announces each document before it starts on it, so the parent always knows which
    document every message, and a crash, belongs to. A child that dies fails the document it was
    on; the documents after it go to a fresh child. A child that dies before starting any document
    (it cannot even import) fails them all, so nothing is left "analysing".
    """

    def __init__(self, documents: Sequence[LoadedText], settings: Settings, listener: Listener,
                 context: StartMethod = "spawn", analyser: ChildAnalyser = default_child_analyser) -> None:
        self.documents = list(documents)
        self.settings = settings
        self.listener = listener
        self.context = context
        self.analyser = analyser
        self._lock = threading.Lock()
        self._stopping = False
        self._process: multiprocessing.process.BaseProcess | None = None
        self._thread: threading.Thread | None = None
        self._final: set[int] = set()  # documents that reached DONE, CACHED or ERROR
        self.children_started = 0

    @property
    def process(self) -> multiprocessing.process.BaseProcess | None:
        return self._process

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="reader-analysis-reader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the child (terminate, then kill) and the reader thread; safe to call twice."""
        with self._lock:
            self._stopping = True
            process = self._process
        if process is not None and process.is_alive():
            process.terminate()
            process.join(STOP_TIMEOUT_SECONDS)
            if process.is_alive():
                process.kill()
                process.join(STOP_TIMEOUT_SECONDS)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(STOP_TIMEOUT_SECONDS)

    def _tell(self, update: AnalysisUpdate) -> None:
        if update.stage.final:
            self._final.add(update.index)
        self.listener(update)

    def _fail(self, indices: Iterable[int], message: str) -> None:
        for index in indices:
            if index not in self._final:
                self._tell(AnalysisUpdate(index, Stage.ERROR, message=message))

    def _run(self) -> None:
        try:
            self._analyse_all()
        except Exception as exc:  # reported in the app, never a traceback on the terminal
            if not self._stopping:
                self._fail(range(len(self.documents)), one_line_error(exc))

    def _analyse_all(self) -> None:
        pending = [i for i in range(len(self.documents)) if not self._try_cache(i)]
        if not pending or self._stopping:
            return
        for i in pending:
            self._tell(AnalysisUpdate(i, Stage.LOADING))
        while pending and not self._stopping:
            pending = self._run_child(pending)

    def _run_child(self, indices: list[int]) -> list[int]:
        """Analyse `indices` in one child; the documents still to do if it died (else [])."""
        ctx = _context(self.context)
        receiver, sender = ctx.Pipe(duplex=False)
        process = ctx.Process(
            target=child_main, name="reader-analysis", daemon=True,
            args=([self.documents[i] for i in indices], indices, self.settings, sender, os.getpid(),
                  self.analyser),
        )
        with self._lock:
            if self._stopping:
                return []
            try:
                _start_with_real_stderr(process)
            except OSError as exc:
                self._fail(indices, f"cannot start analysis: {exc}")
                return []
            self._process = process
            self.children_started += 1
        sender.close()
        finished, current = self._read(receiver)
        receiver.close()
        process.join(STOP_TIMEOUT_SECONDS)
        if finished or self._stopping:
            return []
        message = f"the analysis process stopped unexpectedly (exit code {process.exitcode})"
        if current is None:  # died before its first document: another child would too
            self._fail(indices, message)
            return []
        self._fail([current], message)
        return [i for i in indices if i not in self._final]

    def _try_cache(self, index: int) -> bool:
        if not self.settings.cache:
            return False
        from reader.analysis import cached_article

        try:
            article = cached_article(self.documents[index], self.settings)
        except Exception:  # a broken cache entry is a miss, not a failure
            return False
        if article is None:
            return False
        self._tell(AnalysisUpdate(index, Stage.CACHED, 1.0, article))
        return True

    def _read(self, receiver: Any) -> tuple[bool, int | None]:
        """Relay messages until the child says it finished or the pipe closes.

        Returns (finished, the document the child was on last). When several progress messages
        for a document are waiting, only the newest is decoded: each carries the whole article so
        far, so older ones are already out of date.
        """
        current: int | None = None
        while True:
            try:
                message = receiver.recv()
                while message[0] == "progress" and receiver.poll():
                    following = receiver.recv()
                    if following[0] != "progress" or following[1] != message[1]:
                        current = self._relay(message, current)
                    message = following
            except (EOFError, OSError):
                return False, current
            if message[0] == "finished":
                return True, current
            current = self._relay(message, current)

    def _relay(self, message: tuple[Any, ...], current: int | None) -> int | None:
        """Pass one child message on; returns the document the child is now on."""
        kind, index = message[0], message[1]
        if kind == "start":
            return int(index)
        if self._stopping:
            return current
        if kind == "progress":
            fraction, payload = message[2], message[3]
            data = json.loads(payload)
            data["text"] = self.documents[index].text  # the child leaves the text out: we have it
            article = Article.from_json(data)
            stage = Stage.DONE if fraction >= 1.0 else Stage.ANALYSING
            self._tell(AnalysisUpdate(index, stage, fraction, article))
        elif kind == "error":
            self._tell(AnalysisUpdate(index, Stage.ERROR, message=message[2]))
        return current


def _context(method: StartMethod) -> SpawnContext | ForkContext | ForkServerContext:
    """The multiprocessing context, typed so its `Process` is known."""
    if method == "fork":
        return multiprocessing.get_context("fork")
    if method == "forkserver":
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _start_with_real_stderr(process: multiprocessing.process.BaseProcess) -> None:
    """Start the child even when a UI has replaced sys.stderr with an object without a real fd.

    multiprocessing hands `sys.stderr.fileno()` to its resource tracker; under Textual that is -1
    and spawning fails with "bad value(s) in fds_to_keep", so the real stderr stands in meanwhile.
    """
    saved = sys.stderr
    try:
        try:
            usable = saved is not None and saved.fileno() >= 0
        except (AttributeError, OSError, ValueError):
            usable = False
        if not usable and sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        process.start()
    finally:
        sys.stderr = saved


def child_main(documents: list[LoadedText], indices: list[int], settings: Settings, sender: Any,
               parent_pid: int, analyser: ChildAnalyser = default_child_analyser) -> None:
    """The child process: announce each document, analyse it progressively, send every step."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c belongs to the app, which stops us cleanly
    with contextlib.suppress(OSError):
        os.nice(5)  # on a busy machine the reader's keys come before the analysis
    _silence_terminal()
    _exit_with_parent(parent_pid)
    try:
        for index, loaded in zip(indices, documents, strict=True):
            sender.send(("start", index))
            try:
                for fraction, article in analyser(loaded, settings):
                    data = article.to_json()
                    data["text"] = ""
                    sender.send(("progress", index, float(fraction), json.dumps(data, ensure_ascii=False)))
            except Exception as exc:
                sender.send(("error", index, one_line_error(exc)))
        sender.send(("finished", -1))
    except (BrokenPipeError, EOFError, OSError):
        pass  # the app went away; nothing left to tell


def _silence_terminal() -> None:
    """The child shares the app's terminal: anything it printed would scribble over the screen."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass


def _exit_with_parent(parent_pid: int) -> None:
    """Leave no orphan: if the app dies without stopping us (SIGKILL), exit within a second."""

    def watch() -> None:
        import time

        while True:
            time.sleep(1.0)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=watch, name="reader-parent-watch", daemon=True).start()


class FunctionAnalysis:
    """Analyse with a plain callable (tests, fakes): in a thread, or inline when `threaded` is False."""

    def __init__(self, documents: Sequence[LoadedText], listener: Listener,
                 analyse: ProgressiveAnalyser, threaded: bool = True) -> None:
        self.documents = list(documents)
        self.listener = listener
        self.analyse = analyse
        self.threaded = threaded
        self._stopping = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if not self.threaded:
            self._run()
            return
        self._thread = threading.Thread(target=self._run, name="reader-analysis", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping = True
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(STOP_TIMEOUT_SECONDS)

    def _run(self) -> None:
        for index, loaded in enumerate(self.documents):
            try:
                for fraction, article in self.analyse(loaded):
                    if self._stopping:
                        return
                    stage = Stage.DONE if fraction >= 1.0 else Stage.ANALYSING
                    self.listener(AnalysisUpdate(index, stage, fraction, article))
            except Exception as exc:
                self.listener(AnalysisUpdate(index, Stage.ERROR, message=one_line_error(exc)))


def process_runner(documents: Sequence[LoadedText], settings: Settings,
                   listener: Listener) -> ProcessAnalysis:
    """The runner the `reader` command uses."""
    return ProcessAnalysis(documents, settings, listener)
