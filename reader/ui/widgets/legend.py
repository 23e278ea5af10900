"""The legend: each layer's key and name in its own look, so it is also the key to the colours
(and, under NO_COLOR, to each layer's own bold/underline/italic/reverse cue)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from reader.layers import VARIANTS, all_layers
from reader.ui.looks import look_styles


class Legend(Widget):
    """One line: `1 People  2 Organisations ...`; a layer switched off is struck through."""

    COMPONENT_CLASSES = {"legend--off"}
    DEFAULT_CSS = """
    Legend { height: 1; }
    """

    hidden: reactive[frozenset[str]] = reactive(frozenset())

    def render(self) -> Text:
        theme = self.app.current_theme
        looks = look_styles(theme.dark if theme is not None else True, self.app.no_color)
        off = self.get_component_rich_style("legend--off", partial=True)
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for item in all_layers():
            line.append(f" {item.key} ", Style(bold=True))
            line.append(item.title, off if item.label in self.hidden else looks[item.label])
            line.append(" ")
        for look in VARIANTS:
            if look.label not in self.hidden and self.size.width - line.cell_len > len(look.title) + 2:
                line.append(" ")
                line.append(look.title.lower(), looks[f"{look.label}:{look.kind}"])
        return line
