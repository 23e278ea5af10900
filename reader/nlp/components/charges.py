"""`reader_charges`: offence mentions and their cues (the logic lives in reader.nlp.charges)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("reader_charges", default_config={"patterns_file": None})
def make_charges(nlp: Language, name: str, patterns_file: str | None) -> Callable[[Doc], Doc]:
    from reader.nlp.charges import make_charges_component

    component: Callable[[Doc], Doc] = make_charges_component(nlp, name, patterns_file)
    return component
