"""Layer looks for the TUI, read from the layer registry: colour plus cue, or the cue alone under NO_COLOR.

Light themes darken Okabe-Ito's light hues; NO_COLOR uses each layer's own `mono` cue, so every
layer stays distinguishable without colour (Textual itself strips the colours that remain).
"""

from __future__ import annotations

from functools import lru_cache

from rich.style import Style
from textual.color import Color

from reader.layers import VARIANTS, all_layers, layer


def _colour(hex_colour: str, dark: bool) -> str:
    colour = Color.parse(hex_colour)
    return (colour if dark else colour.darken(0.25)).hex


@lru_cache(maxsize=8)
def _cached(dark: bool, mono: bool, labels: tuple[str, ...]) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    for item in all_layers():
        words = item.mono if mono else f"{item.cue} {_colour(item.colour, dark)}"
        styles[item.label] = Style.parse(words.strip() or "none")
    for look in VARIANTS:
        base = layer(look.label)
        colour = "" if mono or base is None else _colour(base.colour, dark)
        words = look.mono if mono else f"{look.cue} {colour}"
        styles[f"{look.label}:{look.kind}"] = Style.parse(words.strip() or "none")
    return styles


def look_styles(dark: bool, mono: bool) -> dict[str, Style]:
    """Look key (a span label, or `LABEL:kind`) -> Rich style."""
    return _cached(dark, mono, tuple(item.label for item in all_layers()))
