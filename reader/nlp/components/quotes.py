"""`reader_quotes`: quotes and their attribution cues (the logic lives in reader.nlp.speakers)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("reader_quotes")
def make_quotes(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    from reader.nlp.speakers import make_quotes_component

    component: Callable[[Doc], Doc] = make_quotes_component(nlp, name)
    return component
