"""The `/` search line: live match count while typing, enter to jump, escape to leave."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """An input docked at the bottom, hidden until `/` is pressed."""

    BINDINGS = [Binding("escape", "cancel", "Close search", id="search_cancel")]
    DEFAULT_CSS = """
    SearchBar { dock: bottom; display: none; border: none; height: 1; padding: 0 1; }
    SearchBar.-open { display: block; }
    """

    class Closed(Message):
        """The search bar was closed; `submitted` says whether with enter (jump) or escape."""

        def __init__(self, query: str, submitted: bool) -> None:
            super().__init__()
            self.query = query
            self.submitted = submitted

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search (enter: jump, escape: close)", id=id)

    def open(self, query: str = "") -> None:
        self.value = query
        self.add_class("-open")
        self.focus()
        self.select_all()  # typing replaces the last search; enter alone repeats it

    def close(self, submitted: bool) -> None:
        self.remove_class("-open")
        self.post_message(self.Closed(self.value, submitted))

    def action_cancel(self) -> None:
        self.close(submitted=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close(submitted=True)
