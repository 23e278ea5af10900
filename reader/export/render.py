"""Article -> rich.Text with one style per layer: the single rendering step the UI and exports share.

Article text is data: control characters and bidi overrides are replaced one-for-one by visible
symbols (so offsets still line up), and the text goes into `rich.Text` directly, never through
markup, so `[bold]` in an article shows literally.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text

from reader.layers import LAYERS, Layer
from reader.model import Article, Span

# Bidi embedding/override/isolate controls and other invisible format characters that can reorder
# or hide text in a terminal.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
REPLACEMENT = "\ufffd"


def neutralise_char(ch: str) -> str:
    """A control character's visible stand-in; every other character is returned unchanged."""
    code = ord(ch)
    if ch in "\n\t":
        return ch
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ESC -> ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= code < 0xA0 or ch in BIDI_CONTROLS or 0xD800 <= code < 0xE000:
        return REPLACEMENT
    return ch


def needs_neutralising(text: str) -> bool:
    return any(neutralise_char(ch) != ch for ch in text)


def neutralise(text: str) -> str:
    """Text safe to show in a terminal, the same length as the input (one symbol per control)."""
    if not needs_neutralising(text):
        return text
    return "".join(neutralise_char(ch) for ch in text)


def layer_styles(colour: bool = True) -> dict[str, Style]:
    """Span label -> Rich style for every layer."""
    return {layer.label: Style.parse(layer.rich_style(colour)) for layer in LAYERS}


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
    order = {layer.label: i for i, layer in enumerate(_paint_order())}
    spans = sorted(visible_spans(article, layers), key=lambda s: (order.get(s.label, 0), s.start))
    for span in spans:
        if focus_entity is not None and span.entity != focus_entity:
            continue
        style = styles.get(span.label)
        if style is not None:
            text.stylize(style, span.start, span.end)
    if focus_entity is not None:
        text.stylize(Style(dim=True), 0, len(text))
        for span in spans:
            if span.entity == focus_entity:
                text.stylize(Style(dim=False), span.start, span.end)
    return text


def _paint_order() -> list[Layer]:
    """Wide, quiet layers first so narrow, important ones paint over them."""
    rank = {"QUOTE": 0, "DATE": 1, "PLACE": 2, "ORG": 3, "PERSON": 4, "CHARGE": 5}
    return sorted(LAYERS, key=lambda layer: rank.get(layer.label, 0))
