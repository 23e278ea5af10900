"""The status line: which layers are on (in their own look), analysis progress and search count.

Layers are drawn with the same component styles as the article, so the legend is also the key to
the colours and, under NO_COLOR, to the bold/underline/italic cues.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from reader.layers import LAYERS
from reader.shown import Shown
from reader.ui.widgets.article_view import layer_component


class Legend(Widget):
    """One line: `1 People  2 Organisations ...` then the status on the right."""

    COMPONENT_CLASSES = {layer_component(layer.label) for layer in LAYERS} | {"legend--off"}
    DEFAULT_CSS = """
    Legend { height: 1; }
    """

    hidden: reactive[frozenset[str]] = reactive(frozenset())
    status: reactive[Shown] = reactive(Shown(""))  # only shown text: it may quote the article

    def render(self) -> Text:
        line = self._layers(short=False)
        if self.status and line.cell_len + len(self.status) + 2 > self.size.width:
            line = self._layers(short=True)  # narrow terminal: keep the status readable
        if self.status:
            gap = max(1, self.size.width - line.cell_len - len(self.status) - 1)
            line.append(" " * gap)
            line.append(Shown(self.status))
        return line

    def _layers(self, short: bool) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        off = self.get_component_rich_style("legend--off", partial=True)
        for layer in LAYERS:
            title = layer.title[:3] if short else layer.title
            line.append(f" {layer.key}", Style(bold=True))
            line.append(" " if short else " ")
            if layer.label not in self.hidden:
                line.append(title, self.get_component_rich_style(layer_component(layer.label), partial=True))
            else:
                line.append(title if short else f"{title} (off)", off)
            line.append("" if short else " ")
        return line

    def layers_shown(self) -> list[str]:
        return [layer.label for layer in LAYERS if layer.label not in self.hidden]
