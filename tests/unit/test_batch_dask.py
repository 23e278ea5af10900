"""The Dask engine on a local two-worker cluster listening on 127.0.0.1, with a stand-in analysis."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.batch.engines import DASK_EXTRA_HINT, AnnotateError, Scheduler, make_engine
from reader.batch.tasks import Task, expand
from reader.config import Settings

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

from reader.batch import dask_engine  # noqa: E402  (needs distributed)
from tests.unit.batch_fakes import echo_batch, mark_warm  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scheduler() -> Iterator[Scheduler]:
    """Two single-threaded worker processes; two deaths of an article's workers make it a KilledWorker."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                     dashboard_address=None, silence_logs=50) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        yield Scheduler(address=cluster.scheduler_address)


def corpus(tmp_path: Path, texts: list[str]) -> list[Task]:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"text": text}) + "\n" for text in texts), encoding="utf-8")
    return list(expand([str(path)]))


def engine(scheduler: Scheduler, tmp_path: Path, batch: int = 3) -> dask_engine.DaskEngine:
    return dask_engine.DaskEngine(Settings(cache_dir=str(tmp_path)), scheduler, work=echo_batch, warm=mark_warm,
                                  batch_articles=batch)


def test_outcomes_come_back_in_input_order_from_shipped_bytes(scheduler: Scheduler, tmp_path: Path) -> None:
    texts = [f"Story {n}{' SLOW' if n % 4 == 0 else ''}." for n in range(20)]
    tasks = [*corpus(tmp_path, texts), Task(str(tmp_path / "gone.txt"), index=20)]
    with engine(scheduler, tmp_path) as running:
        outcomes = list(running.outcomes(tasks))
    assert [o.label for o in outcomes] == [t.label for t in tasks]
    assert [o.article.text for o in outcomes if o.article is not None] == texts
    assert outcomes[-1].error is not None and "no such file" in outcomes[-1].error  # read by the client
    assert len(list(tmp_path.glob("warm-*"))) == 2  # the model is loaded once per worker, not per task


def test_inputs_are_pulled_only_as_fast_as_the_cluster_works(scheduler: Scheduler, tmp_path: Path) -> None:
    pulled = 0

    def endless() -> Iterator[Task]:
        nonlocal pulled
        for task in corpus(tmp_path, [f"Story {n}." for n in range(500)]):
            pulled += 1
            yield task

    with engine(scheduler, tmp_path, batch=2) as running:
        outcomes = running.outcomes(endless())
        next(outcomes)
        threads = 2
        assert pulled <= (dask_engine.IN_FLIGHT_PER_THREAD * threads + 1) * 2


def test_a_dead_worker_has_its_work_recomputed_nothing_lost_or_doubled(scheduler: Scheduler,
                                                                       tmp_path: Path) -> None:
    texts = [f"Story {n}." for n in range(8)]
    texts[3] = "Story DIE ONCE."
    tasks = corpus(tmp_path, texts)
    with engine(scheduler, tmp_path) as running:
        outcomes = list(running.outcomes(tasks))
    assert (tmp_path / "died-3").exists()
    assert [o.article.text for o in outcomes if o.article is not None] == texts


def test_an_article_that_kills_every_worker_is_reported_and_skipped(scheduler: Scheduler, tmp_path: Path) -> None:
    texts = [f"Story {n}." for n in range(6)]
    texts[4] = "Story DIE."  # in the last batch, so no other batch can be waiting on the worker it kills
    tasks = corpus(tmp_path, texts)
    with engine(scheduler, tmp_path) as running:
        outcomes = list(running.outcomes(tasks))
    assert [o.label for o in outcomes] == [t.label for t in tasks]
    assert [o.article is None for o in outcomes] == [False, False, False, False, True, False]
    assert outcomes[4].error is not None and "KilledWorker" in outcomes[4].error


def test_an_unreachable_scheduler_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT_S", 1)
    with pytest.raises(AnnotateError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:9 "), \
            make_engine(Settings(), 1, Scheduler.parse("tcp://127.0.0.1:9")):
        pass


def test_without_dask_the_scheduler_option_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "reader.batch.dask_engine")
    monkeypatch.setitem(sys.modules, "distributed", None)  # what an install without the extra looks like
    with pytest.raises(AnnotateError) as caught:
        make_engine(Settings(), 2, Scheduler.parse("local:2"))
    assert str(caught.value) == DASK_EXTRA_HINT and "pip install 'reader[dask]'" in DASK_EXTRA_HINT


@pytest.mark.parametrize(("spec", "parsed"), [("local:3", Scheduler(local_workers=3)),
                                              ("tcp://10.0.0.5:8786", Scheduler(address="tcp://10.0.0.5:8786")),
                                              ("tls://head:8786", Scheduler(address="tls://head:8786"))])
def test_scheduler_values(spec: str, parsed: Scheduler) -> None:
    assert Scheduler.parse(spec) == parsed and str(parsed) == spec


@pytest.mark.parametrize("spec", ["local:0", "local", "10.0.0.5:8786", ""])
def test_bad_scheduler_values(spec: str) -> None:
    with pytest.raises(ValueError):
        Scheduler.parse(spec)
