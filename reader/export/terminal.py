"""Article -> what a terminal shows: ANSI escape codes for `less -R`, or an SVG picture of it.

Both print `render_article` (the same styled text the TUI shows) through a Rich Console that never
interprets markup or emoji codes in the article, so `[bold]` and `:smile:` stay literal.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterable

from rich.console import CONSOLE_SVG_FORMAT, Console

from reader.export.render import legend_text, render_article
from reader.facts import source_name
from reader.model import Article
from reader.shown import neutralise

DEFAULT_SVG_WIDTH = 100
# Rich's SVG template fetches Fira Code from a CDN; keep only the `local()` font so the file makes
# no network requests (it falls back to the viewer's monospace font).
SVG_FORMAT = re.sub(r",\s*url\([^)]*\)\s*format\([^)]*\)", "", CONSOLE_SVG_FORMAT)


def terminal_width() -> int:
    """The terminal's width, 80 when there is no terminal (a pipe, a file, a test)."""
    return shutil.get_terminal_size((80, 24)).columns


def _console(width: int, colour: bool, record: bool = False) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=True,
        color_system="truecolor",
        no_color=not colour,
        markup=False,
        emoji=False,
        highlight=False,
        record=record,
        legacy_windows=False,
        soft_wrap=False,
    )
    return console, buffer


def export_ansi(article: Article, layers: Iterable[str] | None = None, width: int | None = None,
                colour: bool = True) -> str:
    """The highlighted article wrapped to `width` with SGR codes; without `colour`, the non-colour
    cues only (bold, underline, italic, reverse, dim), as NO_COLOR asks."""
    console, buffer = _console(width or terminal_width(), colour)
    console.print(legend_text(layers, colour))
    console.print()
    console.print(render_article(article, layers, colour=colour))
    return buffer.getvalue()


def export_svg(article: Article, layers: Iterable[str] | None = None, width: int | None = None) -> str:
    """An SVG of the article as the terminal shows it, with the article's title in the window bar."""
    console, _ = _console(width or DEFAULT_SVG_WIDTH, colour=True, record=True)
    console.print(legend_text(layers, colour=True))
    console.print()
    console.print(render_article(article, layers, colour=True))
    title = " ".join(neutralise(article.title or source_name(article.source) or "reader").split())
    return console.export_svg(title=title, code_format=SVG_FORMAT)
