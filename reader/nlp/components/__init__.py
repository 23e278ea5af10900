"""The reader's spaCy components, one module per layer, registered with `@Language.factory`.

Importing a module registers its factory; `register()` imports them all (what `load_nlp` does), and
the `spacy_factories` entry points in pyproject.toml let `spacy.load` find them in a fresh process
when it loads a saved reader pipeline. Each component reads the corrected mentions span group
(`docutil.MENTIONS_GROUP`, written by `reader_entities`) and writes its own span group.
"""

from __future__ import annotations

FACTORIES = ("reader_sentence_starts", "reader_entities", "reader_charges", "reader_quotes", "reader_dates")


def register() -> None:
    """Register every reader factory with spaCy (importing a module registers its factory once)."""
    from reader.nlp.components import charges, dates, entities, quotes, sentences  # noqa: F401
