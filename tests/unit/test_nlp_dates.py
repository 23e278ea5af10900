"""Dated events: ISO dates (absolute and relative), the published date, the clause tied to its people."""

from __future__ import annotations

from datetime import date

import pytest

from reader.model import Article, Event
from reader.nlp.candidates import DateCand
from reader.nlp.resolve.dates import dateline_date, parse_iso_date, resolve_date
from reader.nlp.resolve.events import resolve_events
from reader.nlp.resolve.mentions import MentionIndex, MentionRecord
from tests.unit.nlp_helpers import entity_named

THURSDAY = date(2015, 12, 3)


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
    ("the 1990s", None),
    ("180 months", None),
])
def test_absolute_dates_without_an_anchor(text: str, iso: str | None) -> None:
    assert resolve_date(text) == (resolve_date(text).__class__(iso, False))


@pytest.mark.parametrize(("text", "iso"), [
    ("Tuesday", "2015-12-01"),          # the last Tuesday up to a Thursday
    ("Thursday", "2015-12-03"),
    ("last Thursday", "2015-11-26"),
    ("next Monday", "2015-12-07"),
    ("yesterday", "2015-12-02"),
    ("two days ago", "2015-12-01"),
    ("last week", "2015-11-23"),        # the Monday that began it
    ("last month", "2015-11"),
    ("this year", "2015"),
    ("March 3", "2015-03-03"),
])
def test_relative_dates_resolve_against_the_published_date(text: str, iso: str) -> None:
    resolved = resolve_date(text, THURSDAY)
    assert (resolved.iso, resolved.inferred) == (iso, True)


def test_a_date_with_its_year_is_not_inferred_even_with_an_anchor() -> None:
    assert resolve_date("July 4, 1999", THURSDAY).inferred is False


def test_published_and_dateline() -> None:
    assert parse_iso_date("2015-12-03T10:00:00Z") == THURSDAY
    assert parse_iso_date("not a date") is None
    assert dateline_date("OSLO, Dec. 3, 2015 - The council met.") == THURSDAY
    assert dateline_date("x" * 400 + " Dec. 3, 2015") is None


def _event(text: str, phrase: str, dates: list[DateCand], published: date | None = None) -> Event:
    events = resolve_events(text, dates, MentionIndex.build([]), published)
    return next(e for e in events if e.date_text == phrase)


def test_a_date_without_a_year_takes_the_year_last_named() -> None:
    text = "In 2011 the firm moved. On March 3 it opened."
    at = text.index("March 3")
    dates = [DateCand(3, 7, None, 0, 22), DateCand(at, at + 7, None, 24, len(text))]
    event = _event(text, "March 3", dates)
    assert (event.date, event.date_inferred) == ("2011-03-03", True)
    assert _event(text, "2011", dates).date_inferred is False


def test_a_weekday_without_an_article_date_is_left_off_the_timeline() -> None:
    text = "On Tuesday the firm moved."
    assert resolve_events(text, [DateCand(3, 10, None, 0, 25)], MentionIndex.build([])) == []
    moved = resolve_events(text, [DateCand(3, 10, None, 0, 25)], MentionIndex.build([]), THURSDAY)
    assert [(e.date, e.date_inferred) for e in moved] == [("2015-12-01", True)]


def test_event_entities_come_from_the_mention_index() -> None:
    text = "Ada Berg joined Norvik Ltd on May 2, 2001."
    index = MentionIndex.build([MentionRecord(0, 8, "PERSON", "e1"), MentionRecord(16, 26, "ORG", "e2"),
                                MentionRecord(30, 41, "DATE")])
    dates = [DateCand(30, 41, None, 0, 41, subject=(0, 8))]
    assert resolve_events(text, dates, index)[0].entities == ["e1", "e2"]


@pytest.mark.slow
def test_published_date_anchors_relative_dates_in_the_article(nlp_analyse) -> None:
    article: Article = nlp_analyse("Police arrested Jonas Vik on Tuesday in Bergen.", published="2015-12-03")
    assert article.published == "2015-12-03"
    event = next(e for e in article.events if e.date_text == "Tuesday")
    assert (event.date, event.date_inferred) == ("2015-12-01", True)
    assert Article.loads(article.dumps()).events == article.events


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
