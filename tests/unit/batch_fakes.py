"""Stand-ins for the analysis that Dask worker processes import by name (a test's monkeypatch cannot
reach a spawned worker). They read only the bytes the client shipped, never the disk."""

from __future__ import annotations

import os
import time
from pathlib import Path

from reader.batch.tasks import Outcome, Task, loaded_text
from reader.config import Settings
from reader.model import Article


def echo_batch(tasks: list[Task], settings: Settings) -> list[Outcome]:
    """Echo each text as an Article. `DIE` in a text kills the worker every time; `DIE ONCE` only the
    first time (a marker file under settings.cache_dir remembers); `SLOW` takes a moment."""
    outcomes = []
    for task in tasks:
        if task.problem is not None:
            outcomes.append(Outcome(task.label, task.index, error=task.problem))
            continue
        assert task.data is not None, "the client must ship the bytes"
        loaded = loaded_text(task, task.data)
        if "DIE ONCE" in loaded.text:
            marker = Path(settings.cache_dir or ".") / f"died-{task.index}"
            if not marker.exists():
                marker.touch()
                os._exit(1)
        elif "DIE" in loaded.text:
            os._exit(1)
        if "SLOW" in loaded.text:
            time.sleep(0.3)
        article = Article(text=loaded.text, source=loaded.source, title=loaded.title, pipeline={"model": "fake"})
        outcomes.append(Outcome(task.label, task.index, article=article, words=len(loaded.text.split())))
    return outcomes


def mark_warm(settings: Settings) -> None:
    """Record which process warmed up (one file per worker process)."""
    (Path(settings.cache_dir or ".") / f"warm-{os.getpid()}").touch()
