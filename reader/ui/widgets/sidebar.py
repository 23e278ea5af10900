"""The sidebar: a filter prompt, the facts tree and a detail area with the selected row's whole text."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from reader.shown import Shown
from reader.ui.widgets.facts_panel import FactsPanel
from reader.ui.widgets.search_bar import SearchBar


class Sidebar(Vertical):
    """Facts tree above, the highlighted row in full below; `/` filters the tree as you type."""

    DEFAULT_CSS = """
    Sidebar #facts-filter { dock: top; }
    Sidebar FactsPanel { height: 1fr; }
    Sidebar #facts-detail { height: auto; max-height: 40%; border-top: hkey $primary 50%; color: $text;
                            display: none; }
    Sidebar #facts-detail.-shown { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield SearchBar(id="facts-filter")
        yield FactsPanel(id="facts")
        yield Static("", id="facts-detail")

    @property
    def facts_tree(self) -> FactsPanel:
        return self.query_one(FactsPanel)

    @property
    def detail(self) -> Static:
        return self.query_one("#facts-detail", Static)

    @property
    def detail_text(self) -> str:
        return str(self.detail.content)

    @on(FactsPanel.RowHighlighted)
    def _row(self, event: FactsPanel.RowHighlighted) -> None:
        self.detail.update(Text(Shown(event.detail)))  # through the boundary; a Text, never markup
        self.detail.set_class(bool(event.detail), "-shown")

    @on(FactsPanel.FilterRequested)
    def _open_filter(self) -> None:
        self.query_one("#facts-filter", SearchBar).open(self.facts_tree.filter_text)

    @on(Input.Changed, "#facts-filter")
    def _filter_typed(self, event: Input.Changed) -> None:
        event.stop()
        self.facts_tree.set_filter(event.value)

    @on(SearchBar.Closed, "#facts-filter")
    def _filter_closed(self, event: SearchBar.Closed) -> None:
        event.stop()
        if not event.submitted:
            self.facts_tree.set_filter("")
        self.facts_tree.focus()
