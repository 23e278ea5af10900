"""Small helpers shared by the NLP unit tests."""

from __future__ import annotations

from reader.model import Article, Entity


def spans_of(article: Article, label: str) -> list[str]:
    return [s.text for s in article.spans if s.label == label]


def entity_named(article: Article, name: str) -> Entity:
    """The entity whose name or alias is `name`."""
    for e in article.entities:
        if e.name == name or name in e.aliases:
            return e
    raise AssertionError(f"no entity {name!r}: {[e.name for e in article.entities]}")
