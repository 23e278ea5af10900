"""Annotate on a Dask cluster (`--scheduler tcp://HOST:PORT` or `--scheduler local:N`).

The client (this process) reads each input's bytes and sends them in small batches, so workers need
reader and its model installed but not the inputs' disk. At most a few batches per worker thread are
in flight, so the client's memory stays flat however long the input. Results come back in input order.

Each worker loads the model once: `ModelPlugin` warms it when the worker joins and the pipeline is
cached per process. Dask recomputes the tasks of a worker that dies; a batch whose workers keep
dying (`KilledWorker`) is retried one article at a time, so only the article that kills them is
reported and skipped.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import signal
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from typing import Any

import dask.config
from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin
from distributed.comm.core import CommClosedError

from reader.batch.engines import AnnotateError, Scheduler
from reader.batch.tasks import Outcome, Task, annotate_batch, warm_up, with_data
from reader.config import Settings

BATCH_ARTICLES = 4  # articles per Dask task: a round trip carries a few seconds of work
IN_FLIGHT_PER_THREAD = 2  # batches in flight per worker thread: workers never wait, the client holds little
CONNECT_TIMEOUT_S = 10
WORKER_WAIT_S = 120
WINDOW_REFRESH_S = 5.0  # how often to ask how many worker threads there are (workers come and go)
# A local cluster's workers run without Dask's sampling profiler (it walks spaCy's deep stacks every
# 10 ms: about 15% more CPU per article) and look at their event loop, memory and system counters
# once a second or two rather than every 20 to 500 ms: on cores the analysis needs, that is overhead.
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
                        "distributed.worker.memory.monitor-interval": "1s",
                        "distributed.admin.system-monitor.interval": "2s"}

CLIENT_LOG = logging.getLogger("distributed.client")

BatchWork = Callable[[list[Task], Settings], list[Outcome]]
WarmUp = Callable[[Settings], None]


class ModelPlugin(WorkerPlugin):
    """Loads the model when a worker joins, in a thread, so it is ready before the first batch arrives."""

    name = "reader-model"

    def __init__(self, settings: Settings, warm: WarmUp = warm_up) -> None:
        self.settings = settings
        self.warm = warm

    async def setup(self, worker: Any) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self.warm, self.settings)


class CtrlCPlugin(WorkerPlugin):
    """For a local cluster's workers: Ctrl-C in the terminal reaches the whole process group, but it is
    for the command, which stops and closes the cluster; a worker that took it would die with a traceback."""

    name = "reader-ctrl-c"

    def setup(self, worker: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)


class DaskEngine:
    """Runs batches of tasks on a Dask cluster and yields their outcomes in input order."""

    def __init__(self, settings: Settings, scheduler: Scheduler, work: BatchWork = annotate_batch,
                 warm: WarmUp = warm_up, batch_articles: int = BATCH_ARTICLES) -> None:
        self.settings = settings
        self.scheduler = scheduler
        self.work, self.warm = work, warm
        self.batch_articles = max(1, batch_articles)
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None
        self._keys = (f"reader-annotate-{uuid.uuid4().hex[:12]}-{n}" for n in itertools.count())
        self._window = 0
        self._window_at = 0.0
        self._client_log_level = CLIENT_LOG.level

    def __enter__(self) -> DaskEngine:
        try:
            if self.scheduler.local_workers:
                with dask.config.set(LOCAL_CLUSTER_CONFIG):  # the nannies hand it to the workers they start
                    self._cluster = LocalCluster(n_workers=self.scheduler.local_workers, threads_per_worker=1,
                                                 processes=True, host="127.0.0.1", dashboard_address=None,
                                                 silence_logs=logging.CRITICAL)
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.scheduler.address, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            self.__exit__(None, None, None)
            raise AnnotateError(f"cannot reach the Dask scheduler at {self.scheduler} ({_reason(exc)})") from None
        try:
            if self._cluster is not None:
                self._client.register_plugin(CtrlCPlugin(), name=CtrlCPlugin.name)
            self._client.register_plugin(ModelPlugin(self.settings, self.warm), name=ModelPlugin.name)
            self._client.wait_for_workers(1, timeout=WORKER_WAIT_S)
        except TimeoutError:
            self.__exit__(None, None, None)
            raise AnnotateError(f"no Dask worker joined the scheduler at {self.scheduler} "
                                f"within {WORKER_WAIT_S} s") from None
        # From here on a lost scheduler is reported as one line by outcomes(), not as the client's traceback.
        self._client_log_level = CLIENT_LOG.level
        CLIENT_LOG.setLevel(logging.CRITICAL)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        CLIENT_LOG.setLevel(self._client_log_level)  # after close(), which logs a lost scheduler too

    def outcomes(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        """One Outcome per task, in input order; the next batches are submitted before one is yielded."""
        batches = self._batches(tasks)
        pending: deque[tuple[list[Task], Future[list[Outcome]]]] = deque()
        self._fill(pending, batches)
        while pending:
            batch, future = pending.popleft()
            done = self._result(batch, future)
            self._fill(pending, batches)
            yield from done

    def _batches(self, tasks: Iterable[Task]) -> Iterator[list[Task]]:
        todo = iter(tasks)
        while batch := list(itertools.islice(todo, self.batch_articles)):
            yield [with_data(task, self.settings.max_bytes) for task in batch]

    def _fill(self, pending: deque[tuple[list[Task], Future[list[Outcome]]]], batches: Iterator[list[Task]]) -> None:
        while len(pending) < self._in_flight():
            batch = next(batches, None)
            if batch is None:
                return
            pending.append((batch, self._submit(batch)))

    def _in_flight(self) -> int:
        """Batches to keep in flight: a few per worker thread, recounted now and then as workers come and go."""
        now = time.monotonic()
        if now - self._window_at > WINDOW_REFRESH_S:
            assert self._client is not None
            threads = sum(self._client.nthreads().values())
            self._window, self._window_at = IN_FLIGHT_PER_THREAD * max(1, threads), now
        return self._window

    def _submit(self, batch: list[Task]) -> Future[list[Outcome]]:
        assert self._client is not None, "enter the engine first"
        return self._client.submit(self.work, batch, self.settings, key=next(self._keys), retries=0)

    def _result(self, batch: list[Task], future: Future[list[Outcome]]) -> list[Outcome]:
        try:
            return future.result()
        except KilledWorker:
            if len(batch) > 1:  # find the article that kills workers: each alone, one after the other, so
                # no innocent article waits on the worker the culprit kills (each death counts against it too)
                return [outcome for task in batch for outcome in self._result([task], self._submit([task]))]
            return [Outcome(batch[0].label, batch[0].index,
                            error="skipped: every Dask worker that tried it died (KilledWorker)")]
        except ImportError as exc:
            raise AnnotateError(f"a Dask worker cannot run reader ({_reason(exc)}): install reader and "
                                "its model on every worker") from None
        except (CancelledError, CommClosedError, OSError, TimeoutError) as exc:
            reason = "the connection was lost" if isinstance(exc, CancelledError) else _reason(exc)
            raise AnnotateError(f"lost the Dask scheduler at {self.scheduler} ({reason}); "
                                "run the command again with --resume to continue") from None


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
