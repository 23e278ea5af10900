"""The highlight layers and their palette, defined once for the UI and every export.

Colours are Okabe-Ito (distinct for colour-blind readers); each layer also has a non-colour cue
(bold, underline, italic, reverse) so NO_COLOR and monochrome terminals keep layers apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layer:
    """One highlight layer: the span label it shows, how it looks, and whether it is primary."""

    label: str
    title: str
    colour: str  # foreground hex colour
    cue: str  # Rich style words that carry the layer without colour
    primary: bool
    key: str  # the number key that toggles it

    @property
    def css_name(self) -> str:
        return self.label.lower()

    def rich_style(self, colour: bool = True) -> str:
        return f"{self.cue} {self.colour}" if colour else self.cue


LAYERS: tuple[Layer, ...] = (
    Layer("PERSON", "People", "#56B4E9", "bold", True, "1"),
    Layer("ORG", "Organisations", "#009E73", "underline", True, "2"),
    Layer("CHARGE", "Charges", "#D55E00", "bold reverse", True, "3"),
    Layer("QUOTE", "Quotes", "#E69F00", "italic", True, "4"),
    Layer("PLACE", "Places", "#CC79A7", "dim underline", False, "5"),
    Layer("DATE", "Dates", "#F0E442", "dim", False, "6"),
)
LAYER_BY_LABEL = {layer.label: layer for layer in LAYERS}
ALL_LABELS = tuple(layer.label for layer in LAYERS)
