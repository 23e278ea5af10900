"""MentionIndex answers positional and entity questions over hand-built mentions (no model)."""

from __future__ import annotations

import dataclasses

import pytest

from reader.nlp.resolve.mentions import EntityRecord, MentionIndex, MentionRecord

# "Lena Park met Acme Corp. in Oslo. Park said the Acme board agreed."
#  0         10        20        30        40        50        60
LENA = MentionRecord(0, 9, "PERSON", "e1")
ACME = MentionRecord(14, 24, "ORG", "e2")
OSLO = MentionRecord(28, 32, "PLACE")
PARK = MentionRecord(34, 38, "PERSON", "e1")
ACME2 = MentionRecord(48, 52, "ORG", "e2")
ENTITIES = (EntityRecord("e1", "PERSON", "Lena Park", aliases=("Park",), gender="female"),
            EntityRecord("e2", "ORG", "Acme Corp."))


@pytest.fixture
def index() -> MentionIndex:
    # given out of order on purpose: the index sorts
    return MentionIndex.build([ACME2, PARK, LENA, OSLO, ACME], ENTITIES)


def test_sorted_and_frozen(index: MentionIndex) -> None:
    assert list(index) == [LENA, ACME, OSLO, PARK, ACME2]
    with pytest.raises(dataclasses.FrozenInstanceError):
        index.mentions[0].label = "ORG"  # type: ignore[misc]


def test_overlapping_and_inside(index: MentionIndex) -> None:
    assert index.overlapping(5, 16) == [LENA, ACME]
    assert index.overlapping(9, 14) == []  # touching ends do not overlap
    assert index.overlapping(0, 60, labels=("ORG",)) == [ACME, ACME2]
    assert index.inside(5, 33) == [ACME, OSLO]


def test_overlapping_finds_a_long_mention_that_starts_far_before() -> None:
    long = MentionRecord(0, 200, "ORG")
    short = MentionRecord(150, 155, "PERSON")
    index = MentionIndex.build([long, short])
    assert index.overlapping(190, 195) == [long]
    assert index.covering(152) == long


def test_covering_and_preceding(index: MentionIndex) -> None:
    assert index.covering(3) == LENA
    assert index.covering(12) is None
    assert index.preceding(40, labels=("PERSON",)) == PARK
    assert index.preceding(37, labels=("PERSON",)) == LENA  # Park has not ended yet
    assert index.preceding(40, labels=("PERSON",), since=10) == PARK
    assert index.preceding(33, labels=("PERSON",), since=10) is None
    assert index.following(25) == OSLO
    assert index.following(25, labels=("ORG",), until=40) is None


def test_preceding_prefers_the_latest_end_among_nested() -> None:
    outer = MentionRecord(0, 30, "ORG")
    inner = MentionRecord(5, 10, "PERSON")
    index = MentionIndex.build([outer, inner])
    assert index.preceding(31) == outer
    assert index.preceding(20) == inner


def test_entity_questions(index: MentionIndex) -> None:
    assert index.of_entity("e1") == (LENA, PARK)
    assert index.entity_at(35, 36) == ENTITIES[0]
    assert index.entity_at(28, 30) is None  # a place with no entity id
    assert index.entity("e9") is None
    assert index.with_label("PLACE") == [OSLO]
