"""The non-entity filter and the given-name lexicon (pure, no model), and both on real sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reader.model import Article
from reader.nlp.names import gender_of_name, starts_with_first_name
from reader.nlp.nonentities import names_a_thing, non_entity
from tests.unit.nlp_helpers import spans_of


def _kind(text: str, phrase: str, label: str = "ORG") -> str | None:
    start = text.index(phrase)
    return non_entity(text, start, start + len(phrase), label)


def test_head_words_after_the_organisation_word_decide() -> None:
    assert _kind("She won the Harmon Glass Prize in 2001.", "Harmon Glass Prize") == "award"
    assert _kind("The Harmon Prize Committee met.", "Harmon Prize Committee") is None
    assert _kind("a concert at the Verlaine Opera House", "Verlaine Opera House") == "building"
    assert _kind("Lena Park spoke.", "Lena Park", "PERSON") is None
    # a field after the organisation word and "of" is the organisation's own subject
    assert _kind("She joined the Institute of Comparative Grammar.", "Institute of Comparative Grammar") is None
    assert _kind("a primer on Comparative Grammar", "Comparative Grammar") == "field"


def test_lead_words_before_or_after_the_name() -> None:
    assert _kind("when Typhoon Ketsana struck", "Typhoon Ketsana", "PERSON") == "storm"
    assert _kind("the probe Kestrel reached orbit", "Kestrel", "PERSON") == "vehicle"
    assert _kind("the Kestrel spacecraft reached orbit", "Kestrel", "PERSON") == "vehicle"
    assert _kind("Separately, the court ruled.", "Separately") == "adverb"
    assert _kind("She starred in Glass Harbour in 2004.", "Glass Harbour") == "work"
    assert _kind("He played in the Coastal League.", "Coastal League") is None


def test_the_text_saying_what_a_name_is() -> None:
    text = ("Kestrel is a NASA space probe. A comet called Halvard 3 passed. Ada Berg is a pilot who wrote a "
            "book. Acme is big.")
    assert _kind(text, "Kestrel", "PERSON") == "vehicle"
    assert _kind(text, "Halvard", "PERSON") == "vehicle"
    assert _kind(text, "Ada Berg", "PERSON") is None
    assert _kind(text, "Acme") is None  # a lead word in the sentence before is not this name's
    assert names_a_thing(text + " Later Kestrel landed.", "Kestrel")
    assert not names_a_thing(text, "Ada Berg")


def test_given_names() -> None:
    assert starts_with_first_name("Harriet Quimby")
    assert not starts_with_first_name("Harriet Foods Company")
    assert not starts_with_first_name("May Holdings")  # a month before a given name
    assert gender_of_name("Harriet Quimby") == "female"
    assert gender_of_name("Quimby") is None


@pytest.mark.slow
def test_storm_and_award_are_not_people_or_organisations(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse(
        "Cyclone Marlowe made landfall on Tuesday. Marlowe flattened crops, said Dana Whitcombe of the "
        "Coastal Relief Agency, who won the Orvell Humanitarian Prize last year.")
    named = spans_of(article, "PERSON") + spans_of(article, "ORG")
    assert "Dana Whitcombe" in spans_of(article, "PERSON")
    assert "Coastal Relief Agency" in spans_of(article, "ORG")
    assert not [n for n in named if "Marlowe" in n or "Prize" in n]


@pytest.mark.slow
def test_birth_cue_and_acronyms(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse("Ingrid Solveig Amundsen (born 2 March 1961) chairs the DVK. Amundsen founded "
                          "the DVK in 1990.")
    assert "Ingrid Solveig Amundsen" in spans_of(article, "PERSON")
    assert "Amundsen" in spans_of(article, "PERSON")
    assert "DVK" not in spans_of(article, "PERSON")


@pytest.mark.slow
def test_platforms_are_organisations_and_a_bare_title_is_nobody(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse("Tomas Fjell posted the video on YouTube and Twitter. Later, Justice said no, and "
                          "the Professors agreed.")
    orgs = spans_of(article, "ORG")
    assert "YouTube" in orgs and "Twitter" in orgs
    assert not {"Justice", "Professors", "Twitter"} & set(spans_of(article, "PERSON"))


@pytest.mark.slow
def test_a_comet_and_a_film_are_no_one(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse("The probe flew past comet Halvard in 2004. Mira Osei starred in the film Glass "
                          "Harbour the year after.")
    assert spans_of(article, "PERSON") == ["Mira Osei"]


@pytest.mark.slow
def test_a_party_with_a_lower_case_head_and_cited_authors(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse("She left the Whig party in 1850, as Harlan and Voss (1999) describe.")
    assert "Whig party" in spans_of(article, "ORG")
    assert {"Harlan", "Voss"} <= set(spans_of(article, "PERSON"))
