"""Command palette providers: jump to any entity by typing its name, or to another open article."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.facts import facts_of, source_name
from reader.layers import layer
from reader.shown import Shown, shown_line

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp


def _clean(text: str | None) -> Shown:
    return shown_line(text)


class EntityCommands(Provider):
    """`ctrl+p` then a name: people, organisations and places of the article on screen."""

    def _entries(self) -> list[tuple[str, str, str, tuple[int, int]]]:
        app = cast("ReaderApp", self.app)
        article = app.current_article
        if not article.analysed:
            return []
        facts = facts_of(article)
        out: list[tuple[str, str, str, tuple[int, int]]] = []
        for fact in (*facts.people, *facts.organisations, *facts.places):
            if not fact.ranges:
                continue
            found = layer(fact.label)
            kind = found.name if found is not None else fact.label.title()
            role = f" · {_clean(fact.roles[0])}" if fact.roles else ""
            out.append((_clean(fact.name), f"{kind}{role} · {fact.mentions} mentions", fact.id, fact.ranges[0]))
        return out

    def _jump(self, entity_id: str, where: tuple[int, int]) -> None:
        app = cast("ReaderApp", self.app)
        app.article_view.move_cursor(*where)
        app.article_view.focus()
        app.facts.reveal_entity(entity_id)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, entity_id, where in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._jump, entity_id, where), help=help_text)

    async def discover(self) -> Hits:
        for name, help_text, entity_id, where in self._entries()[:20]:
            yield DiscoveryHit(name, partial(self._jump, entity_id, where), help=help_text)


class ArticleCommands(Provider):
    """Every open article by title or file name, when several are open."""

    def _entries(self) -> list[tuple[str, str, int]]:
        app = cast("ReaderApp", self.app)
        if len(app.documents) < 2:
            return []
        return [(_clean(d.article.title or source_name(d.loaded.source) or f"article {i + 1}"),
                 f"article {i + 1} of {len(app.documents)} · {_clean(source_name(d.loaded.source))}", i)
                for i, d in enumerate(app.documents)]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        app = cast("ReaderApp", self.app)
        for title, help_text, index in self._entries():
            score = max(matcher.match(title), matcher.match(help_text))
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(app.show_article, index), help=help_text)

    async def discover(self) -> Hits:
        app = cast("ReaderApp", self.app)
        for title, help_text, index in self._entries():
            yield DiscoveryHit(title, partial(app.show_article, index), help=help_text)
