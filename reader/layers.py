"""The layer registry: every highlight layer's label, name, key, paint rank and looks, defined once.

The legend, the TUI's styles, every export (terminal, HTML, Markdown) and `--layers` read this
registry, so adding a layer is one `Layer` entry here plus the extractor that emits its spans.
Colours are Okabe-Ito (distinct for colour-blind readers); each layer also has its own non-colour
cue (`mono`) so NO_COLOR and monochrome terminals still tell every layer apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Layer:
    """One highlight layer: the span label it shows and how each surface draws it."""

    label: str  # the span label (PERSON, ...)
    title: str  # plural name for legends and menus: "People"
    name: str  # singular name for a highlight: "Person"
    key: str  # the number key that toggles it
    rank: int  # paint rank: higher paints over lower (quotes underneath, charges on top)
    colour: str  # foreground hex colour
    cue: str  # Rich style words drawn with the colour in the TUI and colour exports
    mono: str  # Rich style words that carry the layer alone under NO_COLOR; unique per layer
    html_cue: str  # CSS declarations that keep the layer apart in greyscale print
    md_open: str = ""  # Markdown markers around a highlight ("" = no marker)
    md_close: str = ""
    primary: bool = False

    @property
    def css_name(self) -> str:
        return self.label.lower()

    def rich_style(self, colour: bool = True) -> str:
        return f"{self.cue} {self.colour}".strip() if colour else self.mono


@dataclass(frozen=True)
class Variant:
    """A quieter look for some spans of a layer, chosen from the data (a quote's `kind`)."""

    label: str
    kind: str
    title: str
    cue: str
    mono: str
    html_cue: str

    def rich_style(self, colour: bool = True, layer_colour: str = "") -> str:
        return f"{self.cue} {layer_colour}".strip() if colour else self.mono


_LAYERS: list[Layer] = [
    Layer("PERSON", "People", "Person", "1", 5, "#56B4E9", "bold", "bold", "font-weight: 700;",
          "**", "**", primary=True),
    Layer("ORG", "Organisations", "Organisation", "2", 4, "#009E73", "underline", "underline",
          "text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 3px;",
          "*", "*", primary=True),
    Layer("CHARGE", "Charges", "Charge", "3", 6, "#D55E00", "bold reverse", "bold reverse",
          "font-weight: 700; outline: 1.5px solid var(--charge-line); outline-offset: -1px;",
          "⚖[", "]", primary=True),
    Layer("QUOTE", "Quotes", "Quote", "4", 0, "#E69F00", "italic", "italic", "font-style: italic;",
          primary=True),
    Layer("PLACE", "Places", "Place", "5", 2, "#CC79A7", "", "bold underline",
          "text-decoration: underline dotted; text-underline-offset: 3px;"),
    Layer("DATE", "Dates", "Date", "6", 1, "#F0E442", "", "italic underline",
          "text-decoration: underline dashed; text-underline-offset: 3px;"),
    Layer("LAW", "Laws", "Law", "7", 3, "#0072B2", "", "underline reverse",
          "text-decoration: underline double; text-underline-offset: 3px;"),
]

# Scare quotes and quoted terms are QUOTE spans that nobody said: quieter, never counted as speech.
VARIANTS: tuple[Variant, ...] = (
    Variant("QUOTE", "term", "Quoted terms", "dim italic", "dim italic", "font-style: italic; opacity: .75;"),
)


def all_layers() -> tuple[Layer, ...]:
    """Every layer in key order."""
    return tuple(_LAYERS)


def layer(label: str) -> Layer | None:
    return next((item for item in _LAYERS if item.label == label), None)


def all_labels() -> tuple[str, ...]:
    return tuple(item.label for item in _LAYERS)


def paint_rank(label: str) -> int:
    found = layer(label)
    return found.rank if found is not None else -1


def paint_order() -> tuple[Layer, ...]:
    """Wide, quiet layers first so narrow, important ones paint over them."""
    return tuple(sorted(_LAYERS, key=lambda item: item.rank))


def variant(label: str, kind: str | None) -> Variant | None:
    return next((v for v in VARIANTS if v.label == label and v.kind == kind), None)


@contextmanager
def registered(extra: Layer) -> Iterator[Layer]:
    """Add a layer for the duration of a block (tests prove a new layer needs nothing else)."""
    _LAYERS.append(extra)
    try:
        yield extra
    finally:
        _LAYERS.remove(extra)
