"""The data model round-trips through the JSON contract exactly."""

from __future__ import annotations

import json

import pytest

from reader.model import SCHEMA, Article, Charge, Entity, Event, Quote, Span


def _article() -> Article:
    text = "Tom Decker said “we will find him.” Decker is charged with attempted rape on Nov. 25, 2015."
    return Article(
        text=text,
        source="seed.txt",
        title="Tom Decker said",
        pipeline={"model": "en_core_web_sm", "model_version": "3.8.0", "reader_version": "0.1.0"},
        spans=[Span(0, 10, "PERSON", "Tom Decker", "e1"), Span(17, 33, "QUOTE", "we will find him.")],
        entities=[Entity("e1", "PERSON", "Tom Decker", ["Decker"], ["field office director"],
                         [(0, 10), (36, 42)])],
        quotes=[Quote(17, 33, "we will find him.", "e1", "Tom Decker", "said")],
        charges=[Charge(58, 72, "attempted rape", "e1", "charged")],
        events=[Event("2015-11-25", "Nov. 25, 2015", "charged", 36, 90, 76, 89, ["e1"])],
    )


def test_round_trip_is_exact() -> None:
    article = _article()
    assert Article.from_json(article.to_json()) == article
    assert Article.loads(article.dumps()) == article


def test_json_has_every_contract_field() -> None:
    data = json.loads(_article().dumps())
    assert data["schema"] == SCHEMA
    assert set(data) >= {"schema", "source", "title", "text", "pipeline", "spans", "entities", "quotes",
                         "charges", "events"}
    assert set(data["spans"][0]) == {"start", "end", "label", "text", "entity"}
    assert set(data["entities"][0]) == {"id", "label", "name", "aliases", "roles", "mentions"}
    assert data["entities"][0]["mentions"] == [[0, 10], [36, 42]]
    assert set(data["quotes"][0]) == {"start", "end", "text", "speaker", "speaker_name", "cue"}
    assert set(data["charges"][0]) == {"start", "end", "text", "subject", "status"}
    assert set(data["events"][0]) == {"date", "date_text", "text", "start", "end", "date_start", "date_end",
                                      "entities"}


def test_non_ascii_is_kept_verbatim() -> None:
    assert "“we will find him.”" in _article().dumps()


@pytest.mark.parametrize("bad", [{}, {"schema": "other/1", "text": ""}, {"schema": SCHEMA},
                                 {"schema": SCHEMA, "text": "x", "spans": [{"start": 0}]}, []])
def test_foreign_or_malformed_objects_are_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        Article.from_json(bad)  # type: ignore[arg-type]


def test_entity_lookup() -> None:
    article = _article()
    assert article.entity("e1") is article.entities[0]
    assert article.entity("nope") is None
    assert article.entity(None) is None
