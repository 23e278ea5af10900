"""From loaded text to an analysed Article: the one call the CLI and the UI share, cache first.

spaCy is imported only when an analysis actually runs, never at import time and never for a cache
hit: `cached_article` answers from the disk cache alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from reader.config import Settings
from reader.model import Article
from reader.sources import LoadedText


def cached_article(loaded: LoadedText, settings: Settings) -> Article | None:
    """The cached analysis of exactly this text, or None (cache disabled, missing, stale or bad)."""
    if not settings.cache:
        return None
    from reader.cache import ArticleCache, pipeline_identity_for

    identity = pipeline_identity_for(settings)
    if identity is None:
        return None
    article = ArticleCache.from_settings(settings).get(loaded.text, identity)
    if article is not None:  # the same text may come from another path or URL this time
        article.source, article.title = loaded.source, loaded.title
    return article


def analyse_loaded(loaded: LoadedText, settings: Settings) -> Article:
    """The analysed Article for a loaded source: from the cache if it is there, else analysed and stored."""
    hit = cached_article(loaded, settings)
    if hit is not None:
        return hit
    from reader.nlp.pipeline import analyse

    article = analyse(loaded.text, source=loaded.source, title=loaded.title, model=settings.model,
                      settings=settings, published=loaded.published)
    store_article(article, settings)
    return article


def analyse_progressive_loaded(loaded: LoadedText, settings: Settings) -> Iterator[tuple[float, Article]]:
    """Yield (fraction done, article so far); a cache hit is one step, (1.0, cached article).

    On a miss the final Article is stored once the pipeline has yielded it; a consumer that stops
    early stores nothing.
    """
    hit = cached_article(loaded, settings)
    if hit is not None:
        yield 1.0, hit
        return
    from reader.nlp.pipeline import analyse_progressive

    last: Article | None = None
    for fraction, article in analyse_progressive(loaded.text, source=loaded.source, title=loaded.title,
                                                 model=settings.model, settings=settings,
                                                 published=loaded.published):
        last = article
        yield fraction, article
    if last is not None:
        store_article(last, settings)


def store_article(article: Article, settings: Settings) -> bool:
    """Put an analysed Article in the cache (if enabled); True when it was stored."""
    if not settings.cache:
        return False
    from reader.cache import ArticleCache, pipeline_identity_for

    identity = pipeline_identity_for(settings)
    if identity is None:
        return False
    return ArticleCache.from_settings(settings).put(article, identity)
