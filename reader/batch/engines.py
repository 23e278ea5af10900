"""Where the articles are analysed, behind one interface: this process, a local pool, or a Dask cluster.

An Engine is a context manager whose `outcomes(tasks)` yields one Outcome per task, in input order,
while keeping only a bounded number of tasks in flight, so an input of any length streams through.
Entering an engine starts its workers; enter it before starting any thread (such as a progress
bar), because the local pool forks and a forked child must not inherit a lock another thread holds.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol

from reader.batch.tasks import Outcome, Task, annotate_task, warm_up
from reader.config import Settings
from reader.errors import ReaderError

WINDOW_PER_JOB = 8  # tasks in flight per local worker: enough to keep it busy, little memory
DASK_EXTRA_HINT = "--scheduler needs Dask: pip install 'reader[dask]'"


class AnnotateError(ReaderError):
    """The batch cannot go on (a worker died, the cluster is gone); str() is a one-line message."""


class Engine(Protocol):
    """Runs tasks somewhere and gives back their outcomes in input order."""

    def __enter__(self) -> Engine: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...

    def outcomes(self, tasks: Iterable[Task]) -> Iterator[Outcome]: ...


@dataclass(frozen=True)
class Scheduler:
    """A `--scheduler` value: the address of a running Dask scheduler, or `local:N` worker processes."""

    address: str | None = None
    local_workers: int = 0

    @classmethod
    def parse(cls, spec: str) -> Scheduler:
        """`tcp://HOST:PORT` (any Dask address) or `local:N`; ValueError with a one-line reason."""
        local = re.fullmatch(r"local:(\d+)", spec.strip())
        if local:
            workers = int(local.group(1))
            if workers < 1:
                raise ValueError("local:N needs at least one worker")
            return cls(local_workers=workers)
        if re.fullmatch(r"[a-z][a-z0-9+]*://\S+", spec.strip()):
            return cls(address=spec.strip())
        raise ValueError(f"--scheduler takes tcp://HOST:PORT or local:N, not {spec!r}")

    def __str__(self) -> str:
        return self.address or f"local:{self.local_workers}"


def make_engine(settings: Settings, jobs: int, scheduler: Scheduler | None = None) -> Engine:
    """The engine for these options; without Dask installed, `--scheduler` is one line naming the extra."""
    if scheduler is None:
        return InlineEngine(settings) if jobs <= 1 else PoolEngine(settings, jobs)
    try:
        from reader.batch.dask_engine import DaskEngine
    except ImportError:
        raise AnnotateError(DASK_EXTRA_HINT) from None
    return DaskEngine(settings, scheduler)


class InlineEngine:
    """Every article in this process, one after the other (--jobs 1)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __enter__(self) -> InlineEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def outcomes(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        for task in tasks:
            yield annotate_task(task, self.settings)


_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    """Load the model once per pool worker, before the first article arrives."""
    global _worker_settings
    _worker_settings = settings
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core per worker; no oversubscription
    warm_up(settings)


def _work(task: Task) -> Outcome:
    assert _worker_settings is not None
    return annotate_task(task, _worker_settings)


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork where it exists (the parent has not loaded spaCy, so children start clean and fast)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class PoolEngine:
    """A pool of local worker processes (--jobs N), each loading the model once; workers read the inputs
    from disk themselves, so a task is a path and an offset."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        self.settings = settings
        self.jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> PoolEngine:
        self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_pool_context(),
                                         initializer=_init_worker, initargs=(self.settings,))
        self._pool.submit(int)  # forks every worker now, before the caller starts other threads
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=exc_type is None, cancel_futures=True)
            self._pool = None

    def outcomes(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        assert self._pool is not None, "enter the engine first"
        pool, window = self._pool, self.jobs * WINDOW_PER_JOB
        pending: deque[Future[Outcome]] = deque()
        todo = iter(tasks)
        try:
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
        except BrokenProcessPool:
            raise AnnotateError("a worker process died (out of memory?); try fewer --jobs, "
                                "then add --resume to continue") from None
