"""The Textual app: the article with its highlights on the left, the extracted facts on the right.

The app works from Articles only. Analysis is injected as a callable and runs in a worker, so the
plain text is on screen before the model has even loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static, Tree

from reader.config import Settings
from reader.export.render import render_article
from reader.model import Article
from reader.sources import LoadedText

Analyser = Callable[[LoadedText], Article]


class ArticleText(Static):
    """The article, highlighted once the analysis arrives."""


class FactsPanel(Tree[str]):
    """People, organisations and quotes found in the article."""

    def show(self, article: Article) -> None:
        self.clear()
        self.root.expand()
        people = self.root.add("People", expand=True)
        orgs = self.root.add("Organisations", expand=True)
        for entity in article.entities:
            branch = {"PERSON": people, "ORG": orgs}.get(entity.label)
            if branch is not None:
                branch.add_leaf(f"{entity.name} ({len(entity.mentions)})", data=entity.id)
        quotes = self.root.add("Quotes", expand=True)
        for quote in article.quotes:
            speaker = quote.speaker_name or "unknown"
            words = " ".join(quote.text.split())
            quotes.add_leaf(f"{speaker}: {words[:60]}{'…' if len(words) > 60 else ''}")


class ReaderApp(App[int]):
    """Read one or more articles with people, organisations, charges and quotes highlighted."""

    TITLE = "reader"
    CSS = """
    #body { height: 1fr; }
    #article-scroll { width: 2fr; padding: 0 1; }
    FactsPanel { width: 1fr; border-left: solid $primary; }
    """
    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, documents: Sequence[LoadedText], analyser: Analyser | None = None,
                 settings: Settings | None = None) -> None:
        super().__init__()
        self.documents = list(documents)
        self.analyser = analyser
        self.settings = settings or Settings()
        self.article = Article(text=self.documents[0].text, source=self.documents[0].source,
                               title=self.documents[0].title)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with VerticalScroll(id="article-scroll"):
                yield ArticleText(render_article(self.article), id="article")
            yield FactsPanel("Facts", id="facts")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.article.source
        if self.analyser is not None:
            self.notify("Analysing…", timeout=2)
            self.analyse()

    @work(thread=True, exclusive=True)
    def analyse(self) -> None:
        assert self.analyser is not None
        try:
            article = self.analyser(self.documents[0])
        except Exception as exc:  # shown in the app, never as a traceback
            self.call_from_thread(self.notify, f"Analysis failed: {exc}", severity="error", timeout=10)
            return
        self.call_from_thread(self.show_article, article)

    def show_article(self, article: Article) -> None:
        self.article = article
        self.query_one(ArticleText).update(render_article(article))
        self.query_one(FactsPanel).show(article)

    def action_quit(self) -> None:
        self.exit(0)
