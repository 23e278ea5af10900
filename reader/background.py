"""Analysis off the UI's path: a cache check in-process, then spaCy in a child process.

spaCy holds the GIL for much of its work, so a thread would stall the interface; a separate process
(started with 'spawn', so no inherited UI state) runs `analyse_progressive_loaded` and streams
`(fraction, Article-as-JSON)` back over a pipe. A thread in the parent reads the pipe, rebuilds
Articles and hands `AnalysisUpdate`s to a listener (the app posts them as messages). Errors in the
child come back as one-line messages, never as tracebacks on the terminal. No Textual here.
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
from typing import Any, Protocol

from reader.config import Settings
from reader.model import Article
from reader.sources import LoadedText

STOP_TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True)
class AnalysisUpdate:
    """News about document `index`: its progress, the article so far, or an error.

    stage is one of: "loading" (waiting for the model), "analysing", "done", "cached", "error".
    """

    index: int
    stage: str
    fraction: float = 0.0
    article: Article | None = None
    message: str = ""


Listener = Callable[[AnalysisUpdate], None]
ProgressiveAnalyser = Callable[[LoadedText], Iterable[tuple[float, Article]]]


class AnalysisRunner(Protocol):
    """Something that analyses the documents and reports to the listener until stopped."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


RunnerFactory = Callable[[Sequence[LoadedText], Settings, Listener], AnalysisRunner]


def one_line_error(exc: BaseException) -> str:
    """An exception as one line for the status bar; user-facing errors keep their own words."""
    text = " ".join(str(exc).split())
    if type(exc).__name__ in ("ModelError", "SourceError", "ConfigError"):
        return text or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class ProcessAnalysis:
    """Analyse documents in order: cached ones in-process, the rest in one child process."""

    def __init__(self, documents: Sequence[LoadedText], settings: Settings, listener: Listener,
                 context: str = "spawn") -> None:
        self.documents = list(documents)
        self.settings = settings
        self.listener = listener
        self.context = context
        self._lock = threading.Lock()
        self._stopping = False
        self._process: multiprocessing.process.BaseProcess | None = None
        self._thread: threading.Thread | None = None

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

    def _run(self) -> None:
        try:
            self._analyse_all()
        except Exception as exc:  # reported in the app, never a traceback on the terminal
            if not self._stopping:
                self.listener(AnalysisUpdate(0, "error", message=one_line_error(exc)))

    def _analyse_all(self) -> None:
        misses = [i for i in range(len(self.documents)) if not self._try_cache(i)]
        if not misses or self._stopping:
            return
        for i in misses:
            self.listener(AnalysisUpdate(i, "loading"))
        ctx = multiprocessing.get_context(self.context)
        receiver, sender = ctx.Pipe(duplex=False)
        process = ctx.Process(
            target=child_main, name="reader-analysis", daemon=True,
            args=([self.documents[i] for i in misses], misses, self.settings, sender, os.getpid()),
        )
        with self._lock:
            if self._stopping:
                return
            try:
                _start_with_real_stderr(process)
            except OSError as exc:
                self.listener(AnalysisUpdate(misses[0], "error", message=f"cannot start analysis: {exc}"))
                return
            self._process = process
        sender.close()
        finished = self._read(receiver)
        receiver.close()
        process.join(STOP_TIMEOUT_SECONDS)
        if not finished and not self._stopping:
            code = process.exitcode
            message = f"the analysis process stopped unexpectedly (exit code {code})"
            self.listener(AnalysisUpdate(misses[0], "error", message=message))

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
        self.listener(AnalysisUpdate(index, "cached", 1.0, article))
        return True

    def _read(self, receiver: Any) -> bool:
        """Relay messages until the child says it finished (True) or the pipe closes (False).

        When several progress messages for a document are waiting, only the newest is decoded: each
        carries the whole article so far, so older ones are already out of date.
        """
        while True:
            try:
                message = receiver.recv()
                while message[0] == "progress" and receiver.poll():
                    following = receiver.recv()
                    if following[0] != "progress" or following[1] != message[1]:
                        self._relay(message)
                    message = following
            except (EOFError, OSError):
                return False
            if message[0] == "finished":
                return True
            self._relay(message)

    def _relay(self, message: tuple) -> None:
        kind, index = message[0], message[1]
        if self._stopping:
            return
        if kind == "progress":
            fraction, payload = message[2], message[3]
            data = json.loads(payload)
            data["text"] = self.documents[index].text  # the child leaves the text out: we have it
            article = Article.from_json(data)
            stage = "done" if fraction >= 1.0 else "analysing"
            self.listener(AnalysisUpdate(index, stage, fraction, article))
        elif kind == "error":
            self.listener(AnalysisUpdate(index, "error", message=message[2]))


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
               parent_pid: int) -> None:
    """The child process: analyse each document progressively and send every step to the parent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c belongs to the app, which stops us cleanly
    with contextlib.suppress(OSError):
        os.nice(5)  # on a busy machine the reader's keys come before the analysis
    _silence_terminal()
    _exit_with_parent(parent_pid)
    from reader.analysis import analyse_progressive_loaded

    try:
        for index, loaded in zip(indices, documents, strict=True):
            try:
                for fraction, article in analyse_progressive_loaded(loaded, settings):
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
                    stage = "done" if fraction >= 1.0 else "analysing"
                    self.listener(AnalysisUpdate(index, stage, fraction, article))
            except Exception as exc:
                self.listener(AnalysisUpdate(index, "error", message=one_line_error(exc)))


def process_runner(documents: Sequence[LoadedText], settings: Settings,
                   listener: Listener) -> ProcessAnalysis:
    """The runner the `reader` command uses."""
    return ProcessAnalysis(documents, settings, listener)
