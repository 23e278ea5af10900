"""Laws and citations are LAW mentions, never organisations: the pure finder and real sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reader.model import Article
from reader.nlp.laws import find_laws
from tests.unit.nlp_helpers import spans_of


def _found(text: str) -> list[str]:
    return [text[a:b] for a, b in find_laws(text)]


def test_law_names_keep_their_year_and_drop_the_article() -> None:
    assert _found("Under the Safe Harbour Act of 2004 and the Ninth Amendment, they sued.") == [
        "Safe Harbour Act of 2004", "Ninth Amendment"]


def test_citations_and_drug_schedules() -> None:
    text = "possession of a Schedule II substance, in violation of 21 U.S.C. § 841(a)(1) and Title 18."
    assert _found(text) == ["Schedule II", "21 U.S.C. § 841(a)(1)", "Title 18"]


def test_a_lone_head_word_or_an_organisation_is_no_law() -> None:
    assert _found("The Act was signed by the Ministry of Transport.") == []
    assert _found("Schedule Vision Ltd reported profits.") == []


@pytest.mark.slow
def test_a_law_and_its_acronym_are_law_spans_not_organisations(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse(
        "Marta Ruiz sued Lindell Bank under the Honest Lending Practices Act (HLPA) in March.\n\n"
        "The HLPA caps fees, Ruiz said. Lindell Bank denied breaching the HLPA.")
    laws = spans_of(article, "LAW")
    assert "Honest Lending Practices Act" in laws
    assert "HLPA" in laws
    orgs = spans_of(article, "ORG")
    assert not [o for o in orgs if "HLPA" in o or "Act" in o]
    assert "Lindell Bank" in orgs
