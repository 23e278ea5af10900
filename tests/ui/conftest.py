"""Shared UI test helpers: an app on the seed article with a fake, spaCy-free analysis."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fake_article import partial_article, seed_article, seed_loaded  # noqa: E402

from reader.background import FunctionAnalysis, Listener  # noqa: E402
from reader.config import Settings  # noqa: E402
from reader.model import Article  # noqa: E402
from reader.sources import LoadedText  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402

Steps = Callable[[LoadedText], Iterable[tuple[float, Article]]]


def whole(loaded: LoadedText) -> Iterable[tuple[float, Article]]:
    """The fake analysis: the hand-made seed Article in one step."""
    yield 1.0, seed_article()


def in_halves(loaded: LoadedText) -> Iterable[tuple[float, Article]]:
    """The fake analysis in two chunks, like the progressive pipeline."""
    article = seed_article()
    yield 0.5, partial_article(article, len(article.text) // 2)
    yield 1.0, article


def make_app(steps: Steps | None = whole, documents: Sequence[LoadedText] | None = None,
             settings: Settings | None = None) -> ReaderApp:
    """A ReaderApp whose analysis runs inline (deterministic) from `steps`; None: no analysis."""
    factory = None
    if steps is not None:
        def factory(docs: Sequence[LoadedText], _settings: Settings, listener: Listener) -> FunctionAnalysis:
            return FunctionAnalysis(docs, listener, steps, threaded=False)
    return ReaderApp(list(documents or [seed_loaded()]), settings=settings or Settings(cache=False),
                     runner_factory=factory)


@pytest.fixture
def app() -> ReaderApp:
    return make_app()


def style_at(view, offset: int):
    """The Rich style the article view draws at text `offset` (scrolls it on screen first)."""
    from rich.cells import cell_len

    view.scroll_to_offset(offset)
    row = view.row_of(offset)
    start, _ = view._index.row(row)
    column = cell_len(view.article.text[start:offset])
    strip = view.render_line(row - int(view.scroll_y))
    x = 0
    for segment in strip:
        if x + cell_len(segment.text) > column:
            return segment.style
        x += cell_len(segment.text)
    raise AssertionError(f"offset {offset} is not on its row")


def dimmed(view, offset: int) -> bool:
    style = style_at(view, offset)
    return bool(style is not None and style.dim)
