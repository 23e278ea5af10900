"""Exports of an analysed Article: one function per format, all from the same Article.

The core never imports Textual. `export_article` is the single entry point the CLI and UI call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reader.model import Article

FORMATS = ("json", "txt")


class ExportError(Exception):
    """An export that cannot be produced or written; str() is a one-line message."""


def _json(article: Article, layers: Iterable[str] | None, width: int | None, colour: bool) -> str:
    return article.dumps(indent=2) + "\n"


def _txt(article: Article, layers: Iterable[str] | None, width: int | None, colour: bool) -> str:
    return article.text


EXPORTERS: dict[str, Callable[[Article, Iterable[str] | None, int | None, bool], str]] = {
    "json": _json,
    "txt": _txt,
}


def export_article(
    article: Article,
    fmt: str,
    layers: Iterable[str] | None = None,
    width: int | None = None,
    colour: bool = True,
) -> str:
    """The article in format `fmt` as a string."""
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise ExportError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})") from None
    return exporter(article, layers, width, colour)
