"""Merging first names and surnames into one person, roles from the person's own words, credit lines.

Not scored by score.py, so shown here on sentences written for the tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reader.model import Article
from tests.unit.nlp_helpers import entity_named, spans_of

pytestmark = pytest.mark.slow


def people(article: Article) -> list[str]:
    return [e.name for e in article.entities if e.label == "PERSON"]


def test_first_name_and_surname_join_the_full_name(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse("Lena Park opened the clinic in 2019. Lena said the waiting list had doubled. "
                          "Park added that the staff were tired.")
    assert people(article) == ["Lena Park"]
    assert set(entity_named(article, "Lena Park").aliases) == {"Lena", "Park"}


def test_a_first_name_shared_by_two_people_stays_apart(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse("Lena Park met Lena Ortiz at the depot. Lena said the trucks were late.")
    assert "Lena" not in entity_named(article, "Lena Park").aliases
    assert "Lena" not in entity_named(article, "Lena Ortiz").aliases


def test_roles_come_from_the_persons_own_premodifier(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse("Governor Tom Decker stood beside Senator Maria Lund. Lund spoke first.")
    assert entity_named(article, "Tom Decker").roles == ["Governor"]
    assert entity_named(article, "Maria Lund").roles == ["Senator"]


def test_roles_come_from_the_persons_own_appositive(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse("The bill was backed by Maria Lund, a senator from Ohio, and opposed by Tom Decker, "
                          "the state governor.")
    assert entity_named(article, "Maria Lund").roles == ["senator from Ohio"]
    assert entity_named(article, "Tom Decker").roles == ["state governor"]


def test_a_credit_line_is_a_person_and_an_organisation(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse("Flood water covers the square. Photo: Kjell Vasstrand/Nordic Wire Service\n\n"
                          "The river rose overnight, officials said.")
    assert "Kjell Vasstrand" in spans_of(article, "PERSON")
    assert "Nordic Wire Service" in spans_of(article, "ORG")
    assert not [p for p in spans_of(article, "PERSON") if "/" in p]


def test_one_entity_one_label(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse("Ingrid Solveig Amundsen (born 2 March 1961) is a chemist. Amundsen studied in "
                          "Bergen. In 1990 Amundsen moved to Oslo.")
    amundsen = entity_named(article, "Ingrid Solveig Amundsen")
    assert amundsen.label == "PERSON"
    assert len(amundsen.mentions) == 3
    assert "Amundsen" not in spans_of(article, "ORG") + spans_of(article, "PLACE")


def test_a_given_name_alone_is_the_one_person_with_it(nlp_analyse: Callable[..., Article]) -> None:
    # the model tags both "Helena Strand" and "Helena" as organisations here
    article = nlp_analyse("We spoke with Tomas Rydberg and Helena Strand of Northwind Games about the launch. "
                          "Helena said the team was small.")
    assert people(article) == ["Tomas Rydberg", "Helena Strand"]
    assert entity_named(article, "Helena Strand").aliases == ["Helena"]
    assert not {"Helena", "Helena Strand"} & set(spans_of(article, "ORG"))


def test_title_fragments_are_roles_and_an_office_is_one_organisation(nlp_analyse: Callable[..., Article]) -> None:
    article = nlp_analyse("The case was prosecuted by Trial Attorneys Ivana Morel and Ann Vik. He was held by "
                          "the Dorset County Sheriff’s Office in 2019.")
    assert entity_named(article, "Ivana Morel").roles == ["Trial Attorneys"]
    orgs = spans_of(article, "ORG")
    assert not [o for o in orgs if "Attorneys" in o]
    assert "Dorset County Sheriff’s Office" in orgs
