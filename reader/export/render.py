"""Article -> rich.Text with one style per layer: the single rendering step the UI and exports share.

Article text is data: control characters and bidi overrides are replaced one-for-one by visible
symbols (so offsets still line up), and the text goes into `rich.Text` directly, never through
markup, so `[bold]` in an article shows literally.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from reader.layers import VARIANTS, all_layers, layer, paint_rank
from reader.model import Article, Span
from reader.shown import neutralise as neutralise  # the one neutralising step, re-exported


def layer_styles(colour: bool = True) -> dict[str, Style]:
    """Look key (a span label, or `LABEL:kind` for a variant) -> Rich style, for every layer."""
    styles = {item.label: Style.parse(item.rich_style(colour)) for item in all_layers()}
    for look in VARIANTS:
        base = layer(look.label)
        styles[f"{look.label}:{look.kind}"] = Style.parse(look.rich_style(colour, base.colour if base else ""))
    return styles


def term_ranges(article: Article) -> frozenset[tuple[int, int]]:
    """The QUOTE spans that are quoted terms, not speech (`quotes[].kind == "term"`)."""
    return frozenset((q.start, q.end) for q in article.quotes if getattr(q, "kind", "speech") == "term")


def look_key(span: Span, terms: frozenset[tuple[int, int]]) -> str:
    """Which look a span takes: its layer's, or the quieter variant for a quoted term."""
    if span.label == "QUOTE" and (span.start, span.end) in terms:
        return "QUOTE:term"
    return span.label


def visible_spans(article: Article, layers: Iterable[str] | None = None) -> list[Span]:
    """The spans to draw, in text order, limited to the layers switched on."""
    wanted = None if layers is None else set(layers)
    return [s for s in article.spans if wanted is None or s.label in wanted]


def render_article(
    article: Article,
    layers: Iterable[str] | None = None,
    colour: bool = True,
    focus_entity: str | None = None,
) -> Text:
    """The whole article as styled text. Quotes go underneath so names inside them stay visible.

    With `focus_entity`, only that entity's mentions keep their style and everything else is dimmed.
    """
    text = Text(neutralise(article.text), end="")
    styles = layer_styles(colour)
    terms = term_ranges(article)
    spans = sorted(visible_spans(article, layers), key=lambda s: (paint_rank(s.label), s.start))
    for span in spans:
        if focus_entity is not None and span.entity != focus_entity:
            continue
        style = styles.get(look_key(span, terms))
        if style is not None:
            text.stylize(style, span.start, span.end)
    if focus_entity is not None:
        text.stylize(Style(dim=True), 0, len(text))
        for span in spans:
            if span.entity == focus_entity:
                text.stylize(Style(dim=False), span.start, span.end)
    return text


def legend_text(layers: Iterable[str] | None = None, colour: bool = True) -> Text:
    """One line naming each layer shown in its own look: the key to a terminal export's highlights."""
    wanted = None if layers is None else set(layers)
    styles = layer_styles(colour)
    line = Text("Highlights:", end="")
    for item in all_layers():
        if wanted is None or item.label in wanted:
            line.append("  ")
            line.append(item.title, styles[item.label])
    for look in VARIANTS:
        if wanted is None or look.label in wanted:
            line.append("  ")
            line.append(look.title.lower(), styles[f"{look.label}:{look.kind}"])
    return line


# ---------------------------------------------------------------------------------------------
# Nesting: the same spans as properly nested open/close tokens, for formats with elements
# (HTML) or paired markers (Markdown). Quotes contain names, and spans may even cross; a span
# that crosses another is closed and reopened around it (`Open.continued`), never dropped.


@dataclass(frozen=True)
class Mark:
    """A stretch of text to wrap: a highlight span, or a structural range such as the headline."""

    start: int
    end: int
    kind: str  # a span label (PERSON, ...) or a structural name such as "headline"
    rank: int = 0  # lower wraps outside higher when two marks start together
    span: Span | None = None


@dataclass(frozen=True)
class Open:
    mark: Mark
    continued: bool  # True when reopening a mark that a crossing mark forced closed


@dataclass(frozen=True)
class Close:
    mark: Mark


@dataclass(frozen=True)
class Chunk:
    """Plain text `text[start:end]` between tokens; never empty."""

    start: int
    end: int


Token = Open | Close | Chunk


def span_marks(article: Article, layers: Iterable[str] | None = None) -> list[Mark]:
    """A Mark for each visible span, ranked so wide layers (quotes) wrap narrow ones (names)."""
    return [Mark(s.start, s.end, s.label, paint_rank(s.label), s)
            for s in visible_spans(article, layers)]


def headline_mark(text: str) -> Mark | None:
    """The first line, when the text has one followed by more (the title line of DESIGN section 2)."""
    end = text.find("\n")
    if end <= 0 or not text[:end].strip():
        return None
    return Mark(0, end, "headline", -1)


def split_marks(marks: Iterable[Mark], text: str, breaks: str = "\n", trim: bool = True) -> list[Mark]:
    """Marks cut at `breaks` characters (Markdown emphasis cannot cross a line) and, with `trim`,
    shrunk to exclude whitespace at their ends (emphasis markers must touch the words)."""
    out: list[Mark] = []
    for mark in marks:
        pos = mark.start
        while pos < mark.end:
            cut = min((i for i in (text.find(b, pos, mark.end) for b in breaks) if i != -1), default=mark.end)
            start, end = pos, cut
            if trim:
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
            if start < end:
                out.append(Mark(start, end, mark.kind, mark.rank, mark.span))
            pos = cut + 1
    return out


def nest(marks: Sequence[Mark], length: int) -> list[Token]:
    """Open/Close/Chunk tokens covering `0..length`, properly nested.

    At each boundary the marks that end are closed (with any marks opened inside them closed first
    and reopened just after), then the marks that start are opened, longest first.
    """
    valid = [m for m in marks if 0 <= m.start < m.end <= length]
    starting: dict[int, list[Mark]] = defaultdict(list)
    for mark in valid:
        starting[mark.start].append(mark)
    for group in starting.values():
        group.sort(key=lambda m: (-m.end, m.rank))
    points = sorted({0, length, *(m.start for m in valid), *(m.end for m in valid)})
    tokens: list[Token] = []
    stack: list[Mark] = []
    for i, point in enumerate(points):
        ending = [depth for depth, mark in enumerate(stack) if mark.end == point]
        if ending:
            popped = stack[ending[0]:]
            del stack[ending[0]:]
            tokens.extend(Close(mark) for mark in reversed(popped))
            for mark in popped:
                if mark.end != point:
                    stack.append(mark)
                    tokens.append(Open(mark, continued=True))
        for mark in starting.get(point, ()):
            stack.append(mark)
            tokens.append(Open(mark, continued=False))
        if i + 1 < len(points):
            tokens.append(Chunk(point, points[i + 1]))
    return tokens
