"""The status line (less -M): what is under the cursor, where it sits, how far you have read, the file.

The parts come from `reader.ui.status.status_parts`, a pure function; this widget only fits them
to the width (least important first out) and draws them. Article text reaches the screen
through the boundary (`reader.shown`), as plain `Text`, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from reader.shown import shown_line
from reader.ui.status import StatusPart, fit

SEPARATOR = " · "


class StatusLine(Widget):
    """One reverse-video line of status parts."""

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; }
    """
    COMPONENT_CLASSES = {"status--cursor", "status--dim"}

    parts: reactive[tuple[StatusPart, ...]] = reactive(())

    @property
    def text(self) -> str:
        """Everything the line would say given room (tests and the tmux check read this)."""
        return SEPARATOR.join(shown_line(p.text) for p in self.parts)

    def render(self) -> Text:
        width = max(1, self.size.width - 2)
        clean = [StatusPart(shown_line(p.text), p.priority, p.kind) for p in self.parts]
        kept = fit(clean, width, SEPARATOR)
        line = Text(" ", no_wrap=True, overflow="ellipsis", end="")
        for i, part in enumerate(kept):
            if i:
                line.append(SEPARATOR, "dim")
            if part.kind == "cursor":
                line.append("▸ " + part.text, "bold")
            else:
                line.append(part.text)
        line.truncate(self.size.width, overflow="ellipsis")
        return line
