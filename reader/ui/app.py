"""The Textual app: wires the article view, the facts sidebar, the legend and the analysis runner.

The app works from Articles only and never imports spaCy: the plain text is on screen first, and
analysis arrives as `AnalysisUpdate`s from a runner (a child process for the real command, a fake
in tests) that the app starts after its first frame and stops when it quits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Horizontal
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from reader.background import AnalysisRunner, AnalysisUpdate, RunnerFactory, Stage
from reader.config import Settings
from reader.layers import LAYER_BY_LABEL, LAYERS
from reader.model import Article
from reader.shown import Shown, shown_line
from reader.sources import LoadedText
from reader.ui.screens.help import HelpScreen, binding_rows
from reader.ui.widgets.article_view import ArticleView, ViewState
from reader.ui.widgets.facts_panel import FactsPanel
from reader.ui.widgets.legend import Legend
from reader.ui.widgets.search_bar import SearchBar

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


def _layer_bindings() -> list[BindingType]:
    return [Binding(layer.key, f"toggle_layer('{layer.label}')", f"{layer.title} on/off", show=False,
                    id=f"toggle_{layer.css_name}") for layer in LAYERS]


class ReaderApp(App[int]):
    """Read articles with people, organisations, charges and quotes highlighted, facts alongside."""

    TITLE = "reader"
    CSS_PATH = "reader.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *_layer_bindings(),
        Binding("slash", "search", "Search", id="search"),
        Binding("s", "switch_focus", "Article/sidebar", id="switch_focus"),
        Binding("f", "toggle_sidebar", "Sidebar", id="toggle_sidebar"),
        Binding("e", "export", "Export", id="export"),
        Binding("greater_than_sign", "switch_article(1)", "Next article", show=False, id="next_article"),
        Binding("less_than_sign", "switch_article(-1)", "Previous article", show=False,
                id="previous_article"),
        Binding("t", "toggle_theme", "Light/dark", show=False, id="toggle_theme"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, documents: Sequence[LoadedText], settings: Settings | None = None,
                 runner_factory: RunnerFactory | None = None) -> None:
        super().__init__()
        if not documents:
            raise ValueError("ReaderApp needs at least one document")
        self.settings = settings or Settings()
        self.documents = [Document(d, Article(text=d.text, source=d.source, title=d.title))
                          for d in documents]
        self.current = 0
        self.runner_factory = runner_factory
        self.runner: AnalysisRunner | None = None
        self._facts_dirty = False
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    # ----- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield ArticleView(self.current_article, id="article")
            yield FactsPanel(id="facts")
        yield Legend(id="legend")
        yield SearchBar(id="search")
        yield Footer()

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
    def legend(self) -> Legend:
        return self.query_one(Legend)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables plus the layer palette: `$layer-person`, `$layer-person-cue`, ..."""
        variables = super().get_css_variables()
        dark = self.current_theme.dark if self.current_theme is not None else True
        for layer in LAYERS:
            colour = Color.parse(layer.colour)
            if not dark:  # Okabe-Ito's light hues need more weight on a light background
                colour = colour.darken(0.25)
            variables[f"layer-{layer.css_name}"] = colour.hex
            variables[f"layer-{layer.css_name}-cue"] = layer.cue
        return variables

    def on_mount(self) -> None:
        self._apply_keymap()
        if self.settings.theme and self.settings.theme not in self.available_themes:
            self.say(shown_line(f"config: unknown theme {self.settings.theme!r} (try textual-dark or "
                                "textual-light)"), severity="warning", timeout=8)
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
            self.say(shown_line(f"Analysis failed for {document.loaded.source or 'the article'}: "
                                f"{update.message}"), title="Analysis error", severity="error", timeout=15)
        if update.article is not None and update.article.text == document.loaded.text:
            document.article = update.article
            if update.index == self.current:
                self.article_view.update_article(update.article)
                final = update.stage in (Stage.DONE, Stage.CACHED)
                if final:
                    self.facts.show(update.article)
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

    def _refresh_status(self) -> None:
        """The right side of the legend: progress first (it matters most), then search, focus, cursor."""
        view = self.article_view
        parts = []
        progress = self.progress_text()
        if progress:
            parts.append(progress)
        if view.query_text:
            count = len(view.matches)
            where = f"{view.match_index + 1}/{count}" if view.match_index is not None else f"{count}"
            parts.append(f"/{shown_line(view.query_text, 20)}: {where} match{'es' if count != 1 else ''}")
        if view.focus_entity is not None:
            entity = self.current_article.entity(view.focus_entity)
            parts.append(f"focus: {shown_line(entity.name if entity else view.focus_entity, 24)}")
        span = view.selected_span
        if span is not None:
            parts.append(f"▸ {shown_line(span.label)} {shown_line(span.text, 24)}")
        if len(self.documents) > 1:
            parts.append(f"article {self.current + 1}/{len(self.documents)}")
        self.legend.status = Shown("  ·  ".join(parts))  # each part made of shown pieces
        self.legend.hidden = frozenset(view.hidden_layers)

    def _show_document(self) -> None:
        document = self.documents[self.current]
        article = document.article
        self.title = shown_line(article.title, empty="reader")
        self.sub_title = shown_line(article.source)
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
    def _search_changed(self) -> None:
        self._refresh_status()

    @on(FactsPanel.MentionChosen)
    def _mention_chosen(self, event: FactsPanel.MentionChosen) -> None:
        self.article_view.move_cursor(event.start, event.end)
        if event.total > 1:
            self.say(Shown(f"mention {event.index + 1} of {event.total}"), timeout=1.5)

    @on(Input.Changed, "SearchBar")
    def _search_typed(self, event: Input.Changed) -> None:
        self.article_view.search(event.value)

    @on(SearchBar.Closed)
    def _search_closed(self, event: SearchBar.Closed) -> None:
        view = self.article_view
        view.focus()
        if event.submitted and view.matches:
            view.action_next_match(1)

    # ----- actions ----------------------------------------------------------------------------

    def action_toggle_layer(self, label: str) -> None:
        if label in LAYER_BY_LABEL:
            self.article_view.toggle_layer(label)
            self._refresh_status()

    def action_search(self) -> None:
        self.query_one(SearchBar).open(self.article_view.query_text)

    def action_switch_focus(self) -> None:
        facts = self.facts
        if self.focused is self.article_view and facts.display:
            facts.focus()
        else:
            self.article_view.focus()

    def action_toggle_sidebar(self) -> None:
        facts = self.facts
        facts.display = not facts.display
        if not facts.display and self.focused is facts:
            self.article_view.focus()

    def action_switch_article(self, direction: int) -> None:
        if len(self.documents) < 2:
            self.say(Shown("Only one article is open"), timeout=2)
            return
        self.documents[self.current].view_state = self.article_view.save_state()
        self.current = (self.current + direction) % len(self.documents)
        self._show_document()

    def say(self, message: Shown, *, title: str = "", severity: SeverityLevel = "information",
            timeout: float | None = None) -> None:
        """A notification: only shown text, never parsed as markup (a path may hold `[b]`)."""
        self.notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_export(self) -> None:
        from reader.ui.screens.export import ExportScreen

        self.push_screen(ExportScreen(self.current_article, self.settings))

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

        return [("Article", only(ArticleView.BINDINGS)), ("Reader", only(ReaderApp.BINDINGS)),
                ("Sidebar", only(FactsPanel.BINDINGS)), ("Search", only(SearchBar.BINDINGS))]

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
        yield SystemCommand("Help", "Every key and what it does", self.action_help)
        yield SystemCommand("Light/dark", "Switch between the light and dark theme", self.action_toggle_theme)
        if len(self.documents) > 1:
            yield SystemCommand("Next article", self._article_help(1), lambda: self.action_switch_article(1))
            yield SystemCommand("Previous article", self._article_help(-1),
                                lambda: self.action_switch_article(-1))
        for layer in LAYERS:
            yield SystemCommand(f"Toggle {layer.title}", f"Show or hide the {layer.title.lower()} layer",
                                lambda label=layer.label: self.action_toggle_layer(label))

    def _article_help(self, direction: int) -> Shown:
        """The palette's help line names the article a command goes to."""
        article = self.documents[(self.current + direction) % len(self.documents)].article
        return Shown(f"Show {shown_line(article.title or article.source, 50, empty='the article')}")

