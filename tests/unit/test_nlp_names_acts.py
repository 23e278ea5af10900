"""The human-act cue on parsed sentences: a one-word name that dies, marries or is born is a person."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _cued(sentence: str) -> list[str]:
    from reader.nlp.names import human_act_subject
    from reader.nlp.pipeline import load_nlp

    return [t.text for t in load_nlp()(sentence) if human_act_subject(t)]


def test_subject_of_a_human_act_is_cued() -> None:
    assert _cued("After a long illness, Orlanthus died in the winter of 512.") == ["Orlanthus"]


def test_passive_birth_is_cued() -> None:
    assert _cued("Velmira was born in a small village near the coast.") == ["Velmira"]


def test_falling_in_love_is_cued_but_a_falling_city_is_not() -> None:
    assert _cued("Corvin fell in love with the daughter of a merchant.") == ["Corvin"]
    assert _cued("Carthage fell to the Roman army after a long siege.") == []


def test_an_organisation_acting_is_not_cued() -> None:
    assert _cued("Northwind hired two hundred workers and opened a plant.") == []
