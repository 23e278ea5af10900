"""Dated events: ISO normalisation and the clause tied to its people."""

from __future__ import annotations

import pytest

from reader.nlp.facts import normalise_date
from tests.unit.nlp_helpers import entity_named


@pytest.mark.parametrize(("text", "iso"), [
    ("Nov. 25, 2015", "2015-11-25"),
    ("November 25, 2015", "2015-11-25"),
    ("25 November 2015", "2015-11-25"),
    ("Sept. 22, 2008", "2008-09-22"),
    ("July 2015", "2015-07"),
    ("in June 2012", "2012-06"),
    ("2008", "2008"),
    ("2015-11-25", "2015-11-25"),
    ("Friday", None),
    ("today", None),
])
def test_normalise_date(text: str, iso: str | None) -> None:
    assert normalise_date(text) == iso


@pytest.mark.slow
def test_seed_release_event_is_dated_and_tied_to_the_person(nlp_seed) -> None:
    event = next(e for e in nlp_seed.events if e.date == "2015-11-25")
    assert event.date_text == "Nov. 25, 2015"
    assert "released from local custody" in event.text
    assert nlp_seed.text[event.start : event.end] == event.text
    assert entity_named(nlp_seed, "Winston Enrique Perez Pilarte").id in event.entities


@pytest.mark.slow
def test_durations_are_not_events(nlp_analyse) -> None:
    article = nlp_analyse("Sartain was sentenced to 120 months in prison on Jan. 7, 2009.")
    assert [e.date for e in article.events] == ["2009-01-07"]


@pytest.mark.slow
def test_event_in_a_coordinated_clause_keeps_its_subject(nlp_analyse) -> None:
    text = ("Mohammed Kamel Ibrahim was arrested by Mexican authorities in Mexico City on Dec. 5, 2007, and "
            "extradited to the United States on April 24, 2008.")
    article = nlp_analyse(text)
    ibrahim = entity_named(article, "Mohammed Kamel Ibrahim")
    extradited = next(e for e in article.events if e.date == "2008-04-24")
    assert "extradited" in extradited.text
    assert ibrahim.id in extradited.entities
