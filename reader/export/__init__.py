"""Exports of an analysed Article: one function per format, all from the same Article.

Every format starts from `render.py` (the styled text the TUI shows, or its nested-marks form) and
`facts.py` (the sidebar's facts), so no export can disagree with the screen. The core never imports
Textual. `export_article` is the single entry point the CLI and UI call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from reader.errors import OutputError
from reader.model import Article

FORMATS = ("html", "svg", "md", "ansi", "json", "txt")
EXTENSIONS = {"html": ".html", "svg": ".svg", "md": ".md", "ansi": ".ansi", "json": ".json", "txt": ".txt"}
DESCRIPTIONS = {
    "html": "HTML page: highlights, legend, facts, chart",
    "svg": "SVG picture of the terminal view",
    "md": "Markdown: marked highlights, facts as sections",
    "ansi": "ANSI text for less -R",
    "json": "JSON annotations (reader.annotations/1)",
    "txt": "plain analysed text",
}


class ExportError(OutputError):
    """An export that cannot be produced or written; str() is a one-line message."""


# What an exporter returns: text (written as UTF-8) or bytes, so a binary format fits the same path.
Exported = str | bytes


def as_bytes(data: Exported) -> bytes:
    """The bytes to write: text as UTF-8 (surrogate escapes kept as the bytes they stand for)."""
    return data if isinstance(data, bytes) else data.encode("utf-8", "surrogateescape")


# Characters json.dumps(ensure_ascii=False) leaves raw although a terminal may act on them (DEL,
# C1 controls such as CSI, bidi overrides) or UTF-8 cannot encode (lone surrogates).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _json(article: Article, layers: Iterable[str] | None, width: int | None, colour: bool) -> str:
    # The JSON keeps the exact text: the characters above are written as \\uXXXX escapes, which read
    # back as the same string, so `cat out.json` cannot drive the terminal. (They can only occur
    # inside JSON strings, so replacing them in the whole document is safe.)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", article.dumps(indent=2)) + "\n"


def _txt(article: Article, layers: Iterable[str] | None, width: int | None, colour: bool) -> str:
    return article.text


def _html(article: Article, layers: Iterable[str] | None, width: int | None, colour: bool) -> str:
    from reader.export.html import export_html

    return export_html(article, layers)


def _md(article: Article, layers: Iterable[str] | None, width: int | None, colour: bool) -> str:
    from reader.export.markdown import export_markdown

    return export_markdown(article, layers)


def _ansi(article: Article, layers: Iterable[str] | None, width: int | None, colour: bool) -> str:
    from reader.export.terminal import export_ansi

    return export_ansi(article, layers, width, colour)


def _svg(article: Article, layers: Iterable[str] | None, width: int | None, colour: bool) -> str:
    from reader.export.terminal import export_svg

    return export_svg(article, layers, width)


Exporter = Callable[[Article, Iterable[str] | None, int | None, bool], Exported]
EXPORTERS: dict[str, Exporter] = {
    "html": _html,
    "svg": _svg,
    "md": _md,
    "ansi": _ansi,
    "json": _json,
    "txt": _txt,
}


def export_article(
    article: Article,
    fmt: str,
    layers: Iterable[str] | None = None,
    width: int | None = None,
    colour: bool = True,
) -> Exported:
    """The article in format `fmt`: text for the formats so far, bytes for a binary one.

    `layers` limits the highlights (labels such as PERSON; None for all); `width` is the line width
    of ansi (default: the terminal's) and svg (default 100); `colour` False gives ansi with the
    non-colour cues only (NO_COLOR).
    """
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise ExportError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})") from None
    return exporter(article, None if layers is None else list(layers), width, colour)
