"""The background runner: cache first, spaCy in a child process, errors as messages, no orphans."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from reader.background import (
    AnalysisUpdate,
    FunctionAnalysis,
    ProcessAnalysis,
    Stage,
    StartMethod,
    one_line_error,
)
from reader.config import Settings
from reader.errors import ModelError
from reader.model import Article
from reader.sources import LoadedText, load

from .runner_doubles import CRASH_MARK, crash_on_mark

SEED = Path(__file__).resolve().parents[2] / "sample_articles" / "seed_philly_detainer.txt"


class Collector:
    def __init__(self) -> None:
        self.updates: list[AnalysisUpdate] = []
        self.finished = threading.Event()

    def __call__(self, update: AnalysisUpdate) -> None:
        self.updates.append(update)
        if update.stage in ("done", "error", "cached"):
            self.finished.set()


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_cache_hit_needs_no_child_process(monkeypatch):
    loaded = load(str(SEED))
    cached = Article(text=loaded.text, source=loaded.source, pipeline={"model": "cached"})
    monkeypatch.setattr("reader.analysis.cached_article", lambda _loaded, _settings: cached)
    collect = Collector()
    runner = ProcessAnalysis([loaded], Settings(), collect)
    runner.start()
    assert collect.finished.wait(10)
    runner.stop()
    assert runner.process is None
    assert [(u.stage, u.article is cached) for u in collect.updates] == [("cached", True)]


@pytest.mark.slow
def test_the_child_process_streams_the_analysis_and_exits(tmp_path):
    loaded = load(str(SEED))
    collect = Collector()
    runner = ProcessAnalysis([loaded], Settings(cache=False, cache_dir=str(tmp_path)), collect)
    runner.start()
    assert collect.finished.wait(120)
    wait_for(lambda: runner.process is not None and not runner.process.is_alive(), 30)
    runner.stop()
    stages = [u.stage for u in collect.updates]
    assert stages[0] == "loading" and stages[-1] == "done"
    final = collect.updates[-1].article
    assert final is not None and final.text == loaded.text and final.spans
    assert all(final.text[s.start:s.end] == s.text for s in final.spans)
    assert runner.process.pid != os.getpid()


@pytest.mark.slow
def test_a_model_error_in_the_child_comes_back_as_one_line(tmp_path):
    collect = Collector()
    runner = ProcessAnalysis([load(str(SEED))], Settings(cache=False, model="no_such_model_xyz"), collect)
    runner.start()
    assert collect.finished.wait(120)
    runner.stop()
    error = collect.updates[-1]
    assert error.stage == "error"
    assert "no_such_model_xyz" in error.message and "\n" not in error.message


@pytest.mark.slow
def test_stop_leaves_no_process_and_a_killed_child_is_reported():
    collect = Collector()
    runner = ProcessAnalysis([load(str(SEED))], Settings(cache=False), collect)
    runner.start()
    wait_for(lambda: runner.process is not None and runner.process.is_alive())
    os.kill(runner.process.pid, signal.SIGKILL)
    assert collect.finished.wait(30)
    assert collect.updates[-1].stage == "error"
    assert "stopped unexpectedly" in collect.updates[-1].message
    runner.stop()

    second = ProcessAnalysis([load(str(SEED))], Settings(cache=False), Collector())
    second.start()
    wait_for(lambda: second.process is not None and second.process.is_alive())
    second.stop()
    assert not second.process.is_alive()
    assert second.process.exitcode is not None


def test_function_analysis_reports_errors_as_updates():
    def broken(_loaded):
        raise ValueError("bad\ninput")

    collect = Collector()
    FunctionAnalysis([load(str(SEED))], collect, broken, threaded=False).start()
    assert [(u.stage, u.message) for u in collect.updates] == [("error", "ValueError: bad input")]


def test_one_line_error_keeps_user_messages_plain():
    assert one_line_error(ModelError("cannot load\n the pipeline")) == "cannot load the pipeline"
    assert one_line_error(KeyError("x")) == "KeyError: 'x'"


def test_one_line_error_goes_by_the_hierarchy_not_the_class_name():
    class ModelError(Exception):  # same name, not a ReaderError: a bug, shown with its type
        pass

    assert one_line_error(ModelError("boom")) == "ModelError: boom"


def three_articles(crash: set[int]) -> list[LoadedText]:
    return [LoadedText(text=f"Article {i}.\n\n{CRASH_MARK if i in crash else 'Calm'} body {i}.\n",
                       source=f"a{i}.txt", title=f"Article {i}") for i in range(3)]


def finals(updates: list[AnalysisUpdate]) -> dict[int, AnalysisUpdate]:
    """The last update of every document."""
    return {u.index: u for u in updates}


@pytest.mark.parametrize("context", ["spawn", "fork"])
def test_a_child_that_dies_on_the_second_article_fails_only_that_one(context: StartMethod) -> None:
    collect = Collector()
    runner = ProcessAnalysis(three_articles({1}), Settings(cache=False), collect, context=context,
                             analyser=crash_on_mark)
    runner.start()
    wait_for(lambda: len({u.index for u in collect.updates if u.stage.final}) == 3, 60)
    runner.stop()
    last = finals(collect.updates)
    assert last[0].stage is Stage.DONE and last[0].article is not None
    assert last[1].stage is Stage.ERROR and "stopped unexpectedly (exit code 7)" in last[1].message
    assert last[2].stage is Stage.DONE and last[2].article is not None  # by a fresh child
    assert runner.children_started == 2
    errors = [u.index for u in collect.updates if u.stage is Stage.ERROR]
    assert errors == [1]  # the finished article 0 is never blamed
    assert [u.stage for u in collect.updates if u.index == 0][-1] is Stage.DONE


def test_children_that_keep_dying_fail_every_article_and_leave_none_analysing() -> None:
    collect = Collector()
    runner = ProcessAnalysis(three_articles({0, 1, 2}), Settings(cache=False), collect, analyser=crash_on_mark)
    runner.start()
    wait_for(lambda: len({u.index for u in collect.updates if u.stage.final}) == 3, 60)
    runner.stop()
    assert all(u.stage is Stage.ERROR for u in finals(collect.updates).values())
    assert runner.children_started == 3


def test_a_child_that_cannot_start_fails_every_article() -> None:
    collect = Collector()
    runner = ProcessAnalysis(three_articles(set()), Settings(cache=False), collect,
                             analyser=lambda loaded, settings: iter(()))  # a lambda cannot be spawned
    runner.start()
    wait_for(lambda: len({u.index for u in collect.updates if u.stage.final}) == 3, 30)
    runner.stop()
    assert all(u.stage is Stage.ERROR for u in finals(collect.updates).values())
