"""The Textual app: wires the article view, the facts sidebar, the legend and the analysis runner.

The app works from Articles only and never imports spaCy: the plain text is on screen first, and
analysis arrives as `AnalysisUpdate`s from a runner (a child process for the real command, a fake
in tests) that the app starts after its first frame and stops when it quits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Horizontal
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Header, Input, Label

from reader.background import AnalysisRunner, AnalysisUpdate, RunnerFactory, Stage
from reader.config import Settings
from reader.corrections import Operation
from reader.facts import source_name
from reader.layers import all_layers, layer
from reader.model import Article
from reader.shown import Shown, shown_line
from reader.sources import LoadedText
from reader.ui.correcting import OpenCorrections, corrected_notes
from reader.ui.palette import ArticleCommands, EntityCommands
from reader.ui.screens.help import HelpScreen, binding_rows
from reader.ui.status import StatusState, status_parts
from reader.ui.widgets.article_view import ArticleView, ViewState
from reader.ui.widgets.facts_panel import FactsPanel
from reader.ui.widgets.key_bar import KeyBar, KeyHint
from reader.ui.widgets.legend import Legend
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.sidebar import Sidebar
from reader.ui.widgets.status_line import StatusLine

FACTS_REFRESH_SECONDS = 1.0


@dataclass
class Document:
    """One opened article and where its analysis and the reader's place in it stand."""

    loaded: LoadedText
    article: Article
    stage: Stage = Stage.WAITING
    fraction: float = 0.0
    message: str = ""
    view_state: ViewState | None = None


class AnalysisProgress(Message):
    """An `AnalysisUpdate` crossing from the runner's thread into the app."""

    def __init__(self, update: AnalysisUpdate) -> None:
        super().__init__()
        self.update = update


def _layer_bindings() -> list[Binding]:
    return [Binding(item.key, f"toggle_layer('{item.label}')", f"{item.title} on/off", show=False,
                    id=f"toggle_{item.css_name}") for item in all_layers()]


class ReaderApp(App[int]):
    """Read articles with people, organisations, charges and quotes highlighted, facts alongside."""

    TITLE = "reader"
    CSS_PATH = "reader.tcss"
    COMMANDS = App.COMMANDS | {EntityCommands, ArticleCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="search"),
        Binding("s", "switch_focus", "Article/sidebar", id="switch_focus"),
        Binding("f", "toggle_sidebar", "Sidebar", id="toggle_sidebar"),
        Binding("e", "export", "Export", id="export"),
        Binding("x", "correct", "Correct", show=False, id="correct"),
        Binding("X", "add_highlight", "Add highlight", show=False, id="add_highlight"),
        Binding("ctrl+z", "undo_correction", "Undo correction", show=False, id="undo_correction"),
        Binding("greater_than_sign", "switch_article(1)", "Next article", show=False, id="next_article"),
        Binding("less_than_sign", "switch_article(-1)", "Previous article", show=False,
                id="previous_article"),
        Binding("t", "toggle_theme", "Light/dark", show=False, id="toggle_theme"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, documents: Sequence[LoadedText], settings: Settings | None = None,
                 runner_factory: RunnerFactory | None = None, notices: Sequence[str] = ()) -> None:
        super().__init__()
        # Layer keys come from the registry when the app is made, so a layer added there has its key.
        self.layer_bindings = _layer_bindings()
        keys = self._bindings.key_to_bindings
        for binding in self.layer_bindings:
            keys[binding.key] = [*keys.get(binding.key, ()), binding]  # a new list: the class's map is shared
        if not documents:
            raise ValueError("ReaderApp needs at least one document")
        self.settings = settings or Settings()
        self.documents = [Document(d, Article(text=d.text, source=d.source, title=d.title))
                          for d in documents]
        self.current = 0
        self.runner_factory = runner_factory
        self.runner: AnalysisRunner | None = None
        self._facts_dirty = False
        self.last_export_format: str | None = None
        self.notices = list(notices)  # e.g. articles the command line could not read and skipped
        self.corrections = OpenCorrections(lambda message, severity: self.say(
            shown_line(message), severity=severity, timeout=8))
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    # ----- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield ArticleView(self.current_article, id="article")
            yield Sidebar(id="sidebar")
        yield Legend(id="legend")
        yield StatusLine(id="status")
        with Horizontal(id="prompt"):
            yield Label("/", id="prompt-slash")
            yield SearchBar(id="search")
        yield KeyBar(id="keys")

    @property
    def current_article(self) -> Article:
        return self.documents[self.current].article

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def facts(self) -> FactsPanel:
        return self.query_one(FactsPanel)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def status_line(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def legend(self) -> Legend:
        return self.query_one(Legend)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables plus the layer palette: `$layer-person`, `$layer-person-cue`, ..."""
        variables = super().get_css_variables()
        dark = self.current_theme.dark if self.current_theme is not None else True
        for item in all_layers():
            colour = Color.parse(item.colour)
            if not dark:  # Okabe-Ito's light hues need more weight on a light background
                colour = colour.darken(0.25)
            variables[f"layer-{item.css_name}"] = colour.hex
        return variables

    def on_mount(self) -> None:
        self._apply_keymap()
        if self.settings.theme and self.settings.theme not in self.available_themes:
            self.say(shown_line(f"config: unknown theme {self.settings.theme!r} (try textual-dark or "
                                "textual-light)"), severity="warning", timeout=8)
        self._show_prompt(False)
        for notice in self.notices:
            self.say(shown_line(notice), title="Not opened", severity="warning", timeout=12)
        self._show_document()
        self.article_view.focus()
        self.call_after_refresh(self.start_analysis)
        self.set_interval(FACTS_REFRESH_SECONDS, self._refresh_facts_if_dirty)

    def _apply_keymap(self) -> None:
        keymap = dict(self.settings.bindings)
        known = {binding.id for _, bindings in self.binding_groups() for binding in bindings if binding.id}
        unknown = sorted(set(keymap) - known)
        if unknown:
            self.say(shown_line(f"config: unknown binding id(s) {', '.join(unknown)}"), severity="warning",
                     timeout=8)
        if keymap:
            self.set_keymap({k: v for k, v in keymap.items() if k in known})

    # ----- analysis ---------------------------------------------------------------------------

    def start_analysis(self) -> None:
        """Start the runner after the first frame, so the text never waits for the model."""
        if self.runner_factory is None or self.runner is not None:
            return
        for document in self.documents:
            document.stage = Stage.LOADING
        self.runner = self.runner_factory([d.loaded for d in self.documents], self.settings, self._post_update)
        self.runner.start()
        self._refresh_status()

    def _post_update(self, update: AnalysisUpdate) -> None:
        """The runner's listener: called from its thread, so the update crosses as a message."""
        self.post_message(AnalysisProgress(update))

    def stop_analysis(self) -> None:
        """Stop the runner (and its child process); called on quit and by the CLI as a safety net."""
        runner, self.runner = self.runner, None
        if runner is not None:
            runner.stop()

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        update = message.update
        if not 0 <= update.index < len(self.documents):
            return
        document = self.documents[update.index]
        document.stage, document.fraction = update.stage, update.fraction
        if update.stage is Stage.ERROR:
            document.message = update.message
            if update.index == self.current:
                self._show_facts(document)
            where = source_name(document.loaded.source) or "the article"
            self.say(shown_line(f"Analysis failed for {where}: {update.message}"), title="Analysis error",
                     severity="error", timeout=15)
        if update.article is not None and update.article.text == document.loaded.text:
            final = update.stage in (Stage.DONE, Stage.CACHED)
            document.article = self.corrections.corrected(update.index, update.article, final)
            if update.index == self.current:
                self.article_view.update_article(document.article)
                if final:
                    self.facts.show(document.article)
                    self._facts_dirty = False
                else:
                    self._facts_dirty = True
        self._refresh_status()

    def _refresh_facts_if_dirty(self) -> None:
        if self._facts_dirty:
            self._facts_dirty = False
            self.facts.show(self.current_article)

    # ----- status -----------------------------------------------------------------------------

    def progress_text(self) -> str:
        document = self.documents[self.current]
        if document.stage is Stage.LOADING:
            return "loading the language model…"
        if document.stage is Stage.ANALYSING:
            filled = round(document.fraction * 10)
            return f"analysing {'▰' * filled}{'▱' * (10 - filled)} {document.fraction:.0%}"
        if document.stage is Stage.ERROR:
            return "analysis failed"
        if document.stage is Stage.WAITING and self.runner_factory is not None:
            return "starting analysis…"
        return ""

    def status_state(self) -> StatusState:
        """What the status line reports besides the article and the cursor."""
        view = self.article_view
        focus = self.current_article.entity(view.focus_entity) if view.focus_entity else None
        span = view.selected_span
        visible = view.visible_ranges() if span is not None else ()
        return StatusState(
            span=span, visible=visible,
            focus_name=(focus.name if focus else view.focus_entity),
            query=view.query_text, match_index=view.match_index, match_count=len(view.matches),
            progress=self.progress_text(), percent=view.percent_read(),
            file_name=source_name(self.documents[self.current].loaded.source),
            article_index=self.current, article_count=len(self.documents),
            notes=corrected_notes(self.current_article, span),
        )

    def _refresh_status(self) -> None:
        """The status line, the legend's switched-off layers and the key bar follow the state."""
        view = self.article_view
        self.status_line.parts = tuple(status_parts(self.current_article, view.cursor, self.status_state()))
        self.legend.hidden = frozenset(view.hidden_layers)
        self._refresh_keys()

    def _key(self, binding_id: str, default: str) -> str:
        from reader.ui.screens.help import key_display

        return key_display(self._keymap.get(binding_id, default))

    def _refresh_keys(self) -> None:
        """Hints for where the focus is; `?` and `q` have the top priority so 80 columns keep them."""
        k = self._key
        in_sidebar = self.focused is self.facts
        hints = [KeyHint(k("help", "question_mark"), "help", 100), KeyHint(k("quit", "q"), "quit", 100)]
        if in_sidebar:
            hints[:0] = [KeyHint("j/k", "move", 60), KeyHint(k("sidebar_select", "enter"), "go to", 80),
                         KeyHint(k("sidebar_filter", "slash"), "filter", 70),
                         KeyHint(k("sidebar_leave", "escape"), "article", 75)]
        else:
            hints[:0] = [KeyHint(k("next_highlight", "tab"), "next", 80),
                         KeyHint(k("focus_entity", "enter"), "focus", 70),
                         KeyHint(k("search", "slash"), "search", 90),
                         KeyHint(k("next_by_speaker", "right_curly_bracket"), "same speaker", 30),
                         KeyHint(k("copy_quote", "y"), "copy quote", 25)]
        hints[-2:-2] = [KeyHint(k("switch_focus", "s"), "sidebar", 50), KeyHint(k("toggle_sidebar", "f"), "facts", 40),
                        KeyHint(k("export", "e"), "export", 45)]
        if len(self.documents) > 1:
            keys = f"{k('next_article', 'greater_than_sign')}{k('previous_article', 'less_than_sign')}"
            hints[-2:-2] = [KeyHint(keys, "articles", 85)]
        hints.insert(-2, KeyHint("^p", "palette", 20))
        self.query_one(KeyBar).hints = tuple(hints)

    def _show_document(self) -> None:
        document = self.documents[self.current]
        article = document.article
        self.title = shown_line(article.title, empty="reader")
        self.sub_title = shown_line(source_name(article.source))
        self.article_view.load(article, document.view_state)
        self._show_facts(document)
        self._refresh_status()

    def _show_facts(self, document: Document) -> None:
        if document.stage is Stage.ERROR and not document.article.analysed:
            self.facts.show_message(shown_line(f"no facts: the analysis failed ({document.message})"))
        elif document.stage is Stage.WAITING and self.runner_factory is None:
            self.facts.show_message(Shown("no analysis in this view"))
        else:
            self.facts.show(document.article)

    # ----- messages from the widgets ----------------------------------------------------------

    @on(ArticleView.EntityFocused)
    def _entity_focused(self, event: ArticleView.EntityFocused) -> None:
        if event.entity_id is not None:
            self.facts.reveal_entity(event.entity_id)
        self._refresh_status()

    @on(ArticleView.CursorMoved)
    @on(ArticleView.SearchChanged)
    @on(ArticleView.Scrolled)
    def _search_changed(self) -> None:
        self._refresh_status()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._refresh_keys()

    @on(FactsPanel.MentionChosen)
    def _mention_chosen(self, event: FactsPanel.MentionChosen) -> None:
        self.article_view.move_cursor(event.start, event.end)

    @on(FactsPanel.Leave)
    def _leave_sidebar(self) -> None:
        self.article_view.focus()

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        self.article_view.search(event.value)

    @on(SearchBar.Closed, "#search")
    def _search_closed(self, event: SearchBar.Closed) -> None:
        """Enter jumps to the next match; escape clears the search, as in less."""
        view = self.article_view
        self._show_prompt(False)
        view.focus()
        if event.submitted and view.matches:
            view.action_next_match(1)
        elif not event.submitted:
            view.search("")

    def _show_prompt(self, shown: bool) -> None:
        self.query_one("#prompt").display = shown
        self.query_one(KeyBar).display = not shown

    # ----- actions ----------------------------------------------------------------------------

    def action_toggle_layer(self, label: str) -> None:
        if layer(label) is not None:
            self.article_view.toggle_layer(label)
            self._refresh_status()

    def action_search(self) -> None:
        self._show_prompt(True)
        self.query_one("#search", SearchBar).open(self.article_view.query_text)

    def action_switch_focus(self) -> None:
        sidebar = self.sidebar
        if self.focused is self.article_view and sidebar.display:
            self.facts.focus()
        else:
            self.article_view.focus()

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        sidebar.display = not sidebar.display
        if not sidebar.display:
            self.article_view.focus()

    def action_switch_article(self, direction: int) -> None:
        if len(self.documents) < 2:
            self.say(Shown("Only one article is open"), timeout=2)
            return
        self.show_article((self.current + direction) % len(self.documents))

    def show_article(self, index: int) -> None:
        """Switch to article `index`, keeping where the reader was in the one they leave."""
        if index == self.current or not 0 <= index < len(self.documents):
            return
        self.documents[self.current].view_state = self.article_view.save_state()
        self.current = index
        self._show_document()

    def say(self, message: Shown, *, title: str = "", severity: SeverityLevel = "information",
            timeout: float | None = None) -> None:
        """A notification: only shown text, never parsed as markup (a path may hold `[b]`)."""
        self.notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_export(self) -> None:
        from reader.ui.screens.export import ExportScreen

        shown = [item.label for item in all_layers() if item.label not in self.article_view.hidden_layers]
        screen = ExportScreen(self.current_article, self.settings, layers=shown,
                              fmt=self.last_export_format)
        self.push_screen(screen, self._exported)

    def _exported(self, result: tuple[str, object] | None) -> None:
        """Remember the format of the last export, so the next dialog starts from it."""
        if result is not None:
            self.last_export_format = result[0]

    def action_correct(self) -> None:
        from reader.ui.screens.correct import ask_correction

        span = self.article_view.selected_span
        if span is None:
            self.notify("Put the cursor on a highlight first (tab moves to the next one)", timeout=3)
            return
        ask_correction(self, self.current_article, span, self._record_correction)

    def action_add_highlight(self) -> None:
        from reader.ui.screens.correct import ask_label

        view = self.article_view
        if view.match_index is None:
            self.notify("Search for the words first (/, then n to pick the match)", timeout=3)
            return
        start, end = view.matches[view.match_index]
        ask_label(self, self.current_article.text[start:end], start, self._record_correction)

    def _record_correction(self, operation: Operation) -> None:
        self._show_corrected(self.corrections.record(self.current, operation))

    def action_undo_correction(self) -> None:
        undone, article = self.corrections.undo(self.current)
        if undone is None:
            self.notify("No correction to undo", timeout=2)
            return
        self.say(shown_line(f"Undone: {undone.describe()}"), timeout=3)
        self._show_corrected(article)

    def _show_corrected(self, article: Article | None) -> None:
        if article is not None:
            self.documents[self.current].article = article
            self.article_view.update_article(article)
            self.facts.show(article)
            self._refresh_status()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(binding_rows(self.binding_groups(), self._keymap)))

    async def action_quit(self) -> None:
        self.stop_analysis()
        self.exit(0)

    def on_unmount(self) -> None:
        self.stop_analysis()

    def binding_groups(self) -> list[tuple[str, Iterable[Binding]]]:
        """Every binding the reader defines, grouped for the help screen and keymap checks."""
        def only(bindings: Iterable[BindingType]) -> list[Binding]:
            return [b for b in bindings if isinstance(b, Binding)]

        return [("Article", only(ArticleView.BINDINGS)), ("Reader", only([*self.layer_bindings, *ReaderApp.BINDINGS])),
                ("Sidebar", only(FactsPanel.BINDINGS)), ("Search and filter", only(SearchBar.BINDINGS))]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        view = self.article_view
        yield SystemCommand("Next highlight", "Move the cursor to the next highlight",
                            lambda: view.action_next_highlight(1))
        yield SystemCommand("Focus entity", "Light every mention of the entity under the cursor",
                            view.action_focus_entity)
        yield SystemCommand("Clear focus", "Leave focus mode", view.action_clear_focus)
        yield SystemCommand("Search", "Find text in the article", self.action_search)
        yield SystemCommand("Toggle sidebar", "Show or hide the facts sidebar", self.action_toggle_sidebar)
        yield SystemCommand("Export", "Save the highlighted article (HTML, SVG, Markdown, ...)",
                            self.action_export)
        yield SystemCommand("Correct highlight", "Fix what the analysis got wrong under the cursor",
                            self.action_correct)
        yield SystemCommand("Undo correction", "Forget the last correction", self.action_undo_correction)
        yield SystemCommand("Help", "Every key and what it does", self.action_help)
        yield SystemCommand("Light/dark", "Switch between the light and dark theme", self.action_toggle_theme)
        if len(self.documents) > 1:
            yield SystemCommand("Next article", self._article_help(1), lambda: self.action_switch_article(1))
            yield SystemCommand("Previous article", self._article_help(-1),
                                lambda: self.action_switch_article(-1))
        for item in all_layers():
            yield SystemCommand(f"Toggle {item.title}", f"Show or hide the {item.title.lower()} layer",
                                lambda label=item.label: self.action_toggle_layer(label))

    def _article_help(self, direction: int) -> Shown:
        """The palette's help line names the article a command goes to."""
        article = self.documents[(self.current + direction) % len(self.documents)].article
        return Shown(f"Show {shown_line(article.title or article.source, 50, empty='the article')}")

