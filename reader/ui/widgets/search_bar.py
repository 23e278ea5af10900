"""The `/` search prompt on the bottom line, as in less: the query shows as typed, enter jumps to the
next match, escape clears the search."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """A one-line input that takes the key bar's place while it is open."""

    BINDINGS = [Binding("escape", "cancel", "Clear search", id="search_cancel")]
    DEFAULT_CSS = """
    SearchBar, SearchBar:focus { display: none; border: none; height: 1; padding: 0 0; min-height: 1;
                                 background: $panel; }
    SearchBar.-open { display: block; }
    """

    class Closed(Message):
        """The prompt closed; `submitted`: enter (jump) rather than escape (clear)."""

        def __init__(self, bar: SearchBar, query: str, submitted: bool) -> None:
            super().__init__()
            self.bar = bar
            self.query = query
            self.submitted = submitted

        @property
        def control(self) -> SearchBar:
            return self.bar

    def __init__(self, *, id: str | None = None, prompt: str = "/") -> None:
        super().__init__(placeholder="type to search · enter: next match · esc: clear", id=id)
        self.prompt = prompt

    def open(self, query: str = "") -> None:
        self.value = query
        self.add_class("-open")
        self.focus()
        self.select_all()  # typing replaces the last search; enter alone repeats it

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def close(self, submitted: bool) -> None:
        self.remove_class("-open")
        self.post_message(self.Closed(self, self.value, submitted))

    def action_cancel(self) -> None:
        self.close(submitted=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close(submitted=True)
