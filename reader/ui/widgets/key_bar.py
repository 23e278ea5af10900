"""The key bar: the keys that matter where the focus is, `? help` and `q quit` always kept.

Textual's Footer drops whatever does not fit at the right, which is where help and quit are; this
bar drops the least important hints first instead, so at 80 columns `?` and `q` stay on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


@dataclass(frozen=True)
class KeyHint:
    keys: str
    label: str
    priority: int  # higher stays longer; 100 = always


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar { height: 1; background: $footer-background; color: $footer-foreground; }
    """

    hints: reactive[tuple[KeyHint, ...]] = reactive(())

    def render(self) -> Text:
        kept = list(self.hints)
        while len(kept) > 1 and _width(kept) > self.size.width:
            kept.remove(min((h for h in kept), key=lambda h: h.priority))
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        for hint in kept:
            line.append(f" {hint.keys}", Style(bold=True))
            line.append(f" {hint.label} ")
        return line


def _width(hints: list[KeyHint]) -> int:
    return sum(len(h.keys) + len(h.label) + 3 for h in hints)
