"""From loaded text to an analysed Article: the one call the CLI, the batch runner and the UI share.

spaCy is imported only when an analysis actually runs, never at import time.
"""

from __future__ import annotations

from reader.config import Settings
from reader.model import Article
from reader.sources import LoadedText


def analyse_loaded(loaded: LoadedText, settings: Settings) -> Article:
    """Analyse a loaded source with the configured model."""
    from reader.nlp.pipeline import analyse

    return analyse(loaded.text, source=loaded.source, title=loaded.title, model=settings.model, settings=settings)
