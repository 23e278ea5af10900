"""The export dialog (`e`): choose a format, a path and the layers, then write the file safely.

The dialog only gathers choices; the bytes come from `reader.export.export_article` (the same code
as `reader export`) and reach the disk through `write_atomic`, so an existing file is never
replaced unless "Overwrite" is ticked and a failed write never leaves half a file. It dismisses
with the path it wrote (None when cancelled).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static

from reader.config import Settings, colour_wanted
from reader.export import DESCRIPTIONS, FORMATS, ExportError, export_article
from reader.export.files import default_filename, write_atomic
from reader.layers import all_layers
from reader.model import Article
from reader.shown import Shown, shown_line

DEFAULT_FORMAT = "html"
# The label says the state in words: the checkbox's own mark is hard to read in some themes.
OVERWRITE_OFF = "Overwrite the file if it exists: no"
OVERWRITE_ON = "Overwrite the file if it exists: YES"


class ExportScreen(ModalScreen[tuple[str, Path] | None]):
    """Write the current article to a file in one of the export formats.

    It starts from what the reader shows (the layers switched on) and the last format used, and
    dismisses with (format, path) when written, None when cancelled.
    """

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen #export-dialog {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ExportScreen .export-title { text-style: bold; margin-bottom: 1; }
    ExportScreen .export-label { margin-top: 1; color: $text-muted; }
    ExportScreen #export-layers { height: auto; max-height: 8; }
    ExportScreen #export-error { color: $error; height: auto; margin-top: 1; display: none; }
    ExportScreen .export-hint { width: 1fr; height: 3; content-align: left middle; color: $text-muted; }
    ExportScreen #export-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    ExportScreen #export-buttons Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export-cancel"),
        Binding("ctrl+s", "export", "Export", id="export-save"),
    ]

    def __init__(self, article: Article, settings: Settings, layers: list[str] | None = None,
                 fmt: str | None = None) -> None:
        super().__init__()
        self.article = article
        self.settings = settings
        self.chosen_layers = set(layers) if layers is not None else {item.label for item in all_layers()}
        self.initial_format = fmt if fmt in FORMATS else DEFAULT_FORMAT
        self._auto_path = default_filename(article.source, self.initial_format)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Label("Export this article", classes="export-title")
            yield Label("Format", classes="export-label")
            yield Select([(f"{fmt}: {DESCRIPTIONS[fmt]}", fmt) for fmt in FORMATS], value=self.initial_format,
                         allow_blank=False, id="export-format")
            yield Label("Save to (relative to the current folder)", classes="export-label")
            yield Input(value=self._auto_path, id="export-path")
            yield Label("Layers to highlight", classes="export-label")
            choices = [(item.title, item.label, item.label in self.chosen_layers) for item in all_layers()]
            yield SelectionList[str](*choices, id="export-layers")
            yield Checkbox(OVERWRITE_OFF, value=False, id="export-overwrite")
            yield Static("", id="export-error")
            with Horizontal(id="export-buttons"):
                yield Label("ctrl+s export · esc cancel", classes="export-hint")
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel-button")

    def on_mount(self) -> None:
        self.query_one("#export-format", Select).focus()

    @property
    def chosen_format(self) -> str:
        value = self.query_one("#export-format", Select).value
        return value if isinstance(value, str) else self.initial_format

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        """Follow the format with the file name, unless the user typed their own."""
        path_input = self.query_one("#export-path", Input)
        if path_input.value.strip() == self._auto_path:
            self._auto_path = default_filename(self.article.source, self.chosen_format)
            path_input.value = self._auto_path
        self._show_error(Shown(""))

    @on(Checkbox.Changed, "#export-overwrite")
    def _overwrite_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = OVERWRITE_ON if event.value else OVERWRITE_OFF

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def _go(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-cancel-button")
    def _cancel(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        if self.query_one("#export-go", Button).disabled:  # a write is already under way
            return
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._show_error(Shown("Enter a file name to export to."))
            return
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        overwrite = self.query_one("#export-overwrite", Checkbox).value
        if path.exists() and not path.is_dir() and not overwrite:
            self._show_error(shown_line(f"{path} already exists: tick “Overwrite” to replace it, or choose "
                                        "another name."))
            return
        fmt = self.chosen_format
        layers = list(self.query_one("#export-layers", SelectionList).selected)
        self.query_one("#export-go", Button).disabled = True
        self._show_error(Shown(""))
        self._write(fmt, layers, path, overwrite)

    @work(thread=True, exclusive=True, group="export")
    def _write(self, fmt: str, layers: list[str], path: Path, overwrite: bool) -> None:
        """Render and write off the UI thread: a book-length SVG takes seconds, keys must not wait."""
        try:
            data = export_article(self.article, fmt, layers=layers, colour=colour_wanted())
            write_atomic(path, data, force=overwrite)
        except ExportError as exc:
            self.app.call_from_thread(self._failed, str(exc))
        except Exception as exc:  # a bug in an exporter must not take the reader down with it
            self.app.call_from_thread(self._failed, f"Export failed: {type(exc).__name__}: {exc}")
        else:
            self.app.call_from_thread(self._written, fmt, path)

    def _failed(self, message: str) -> None:
        shown = shown_line(message)  # it quotes the path, and an exporter's error may quote the article
        if not self.is_current:  # cancelled while writing: say it where the user now is
            self.app.notify(shown, title="Export", severity="error", markup=False)
            return
        self.query_one("#export-go", Button).disabled = False
        self._show_error(shown)

    def _written(self, fmt: str, path: Path) -> None:
        self.app.notify(shown_line(f"Exported {fmt} to {path}"), title="Export", markup=False)
        if self.is_current:
            self.dismiss((fmt, path))

    def _show_error(self, message: Shown) -> None:
        # A Text, not a str: a path such as "[b].html" must show literally, not as markup.
        error = self.query_one("#export-error", Static)
        error.update(Text(Shown(message)))
        error.display = bool(message)
