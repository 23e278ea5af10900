"""Analysers for the runner's child process: module-level, so 'spawn' can send them by name."""

from __future__ import annotations

import os
from collections.abc import Iterator

from reader.config import Settings
from reader.model import Article
from reader.sources import LoadedText

CRASH_MARK = "CRASH-HERE"


def crash_on_mark(loaded: LoadedText, settings: Settings) -> Iterator[tuple[float, Article]]:
    """Two steps per article; the child dies outright (no exception, no message) on a marked one."""
    yield 0.5, Article(text=loaded.text, source=loaded.source, title=loaded.title, pipeline={"model": "half"})
    if CRASH_MARK in loaded.text:
        os._exit(7)
    yield 1.0, Article(text=loaded.text, source=loaded.source, title=loaded.title, pipeline={"model": "fake"})
