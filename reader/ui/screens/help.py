"""The help screen: every key, generated from the bindings themselves (remaps included)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.shown import Shown, shown_line


def key_display(keys: str) -> str:
    """`j,down` -> `j / ↓` in the spelling Textual uses on screen."""
    from textual.keys import format_key

    return " / ".join(format_key(key.strip()) for key in keys.split(","))


HelpRow = tuple[Shown, Shown, Shown, Shown]


def binding_rows(groups: Iterable[tuple[str, Iterable[Binding]]], keymap: Mapping[str, str]
                 ) -> list[HelpRow]:
    """(group, keys, what it does, binding id) for every binding, with the keymap's keys if remapped.

    Keys come from the user's config file, so every cell goes through the boundary.
    """
    rows = []
    for group, bindings in groups:
        for binding in bindings:
            keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
            rows.append((shown_line(group), shown_line(key_display(keys)),
                         shown_line(binding.description or binding.action), shown_line(binding.id)))
    return rows


class HelpScreen(ModalScreen[None]):
    """A modal table of every key; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help", id="help_close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 76; max-width: 100%; height: 90%; border: round $accent;
                                  background: $surface; padding: 0 1; }
    """

    def __init__(self, rows: list[HelpRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=True, header_style="bold")
        table.add_column("Keys", no_wrap=True)
        table.add_column("Does")
        group = None
        # The binding ids are for the config file, not for reading the keys: the README lists them.
        for row_group, keys, description, _binding_id in self.rows:
            if row_group != group:
                group = row_group
                table.add_row(Text(group, style="bold underline"), "")
            table.add_row(Text(keys, style="bold"), Text(description))
        table.add_row("", "")
        table.add_row("", Text("Remap keys in the config file's [bindings] table (ids in the README)", style="dim"))
        with VerticalScroll():
            yield Static(table, id="help-table")
