"""Work for the cache's two-process test: module-level so 'spawn' can start it by name."""

from __future__ import annotations

from pathlib import Path

from reader.cache import ArticleCache, PipelineIdentity
from reader.model import Article, Span


def big_article(identity: PipelineIdentity, paragraphs: int = 4000) -> Article:
    """An article large enough (a few MB of JSON) that a write takes a while."""
    text = "".join(f"Chief Ann Lee spoke about paragraph {i} of the budget today.\n\n" for i in range(paragraphs))
    spans = []
    at = 0
    while (at := text.find("Ann Lee", at)) >= 0:
        spans.append(Span(at, at + 7, "PERSON", "Ann Lee", "e1"))
        at += 7
    return Article(text=text, source="big.txt", title="big", pipeline=identity.expected_pipeline(), spans=spans)


def open_the_same_article(root: str, identity: PipelineIdentity, rounds: int) -> tuple[int, int, int]:
    """What a reader does on open, `rounds` times: read the entry, analyse and store on a miss.

    Returns (hits, misses, bad reads); a bad read is an entry that came back but was not the article.
    """
    cache = ArticleCache(Path(root), 1 << 34)
    article = big_article(identity)
    hits = misses = bad = 0
    for _ in range(rounds):
        found = cache.get(article.text, identity)
        if found is None:
            misses += 1
            cache.put(article, identity)
        elif found.text != article.text or len(found.spans) != len(article.spans):
            bad += 1
        else:
            hits += 1
        if found is not None:
            cache.put(found, identity)  # the other process keeps rewriting the entry under our feet
    return hits, misses, bad
