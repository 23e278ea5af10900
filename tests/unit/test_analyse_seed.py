"""The real pipeline on the seed article: valid offsets, the people and quotes a reader expects."""

from __future__ import annotations

import pytest

from reader.model import Article
from tests.conftest import SEED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_article() -> Article:
    from reader.nlp.pipeline import analyse

    text = SEED.read_text(encoding="utf-8")
    return analyse(text, source=str(SEED), title=text.split("\n", 1)[0])


def test_text_is_the_file_content(seed_article: Article, seed_text: str) -> None:
    assert seed_article.text == seed_text


def test_every_offset_is_valid(seed_article: Article) -> None:
    text = seed_article.text
    for span in seed_article.spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
    for quote in seed_article.quotes:
        assert text[quote.start : quote.end] == quote.text
    for entity in seed_article.entities:
        assert entity.mentions
        for start, end in entity.mentions:
            assert 0 <= start < end <= len(text)


def test_tom_decker_is_a_person(seed_article: Article) -> None:
    people = {s.text for s in seed_article.spans if s.label == "PERSON"}
    assert "Tom Decker" in people


def test_nine_quoted_passages_each_a_span_and_a_quote(seed_article: Article) -> None:
    quote_spans = [(s.start, s.end) for s in seed_article.spans if s.label == "QUOTE"]
    quotes = [(q.start, q.end) for q in seed_article.quotes]
    assert len(quotes) == 9
    assert sorted(quote_spans) == sorted(quotes)


def test_pipeline_identity(seed_article: Article) -> None:
    assert seed_article.pipeline["model"].startswith("en_core_web_sm")
    assert seed_article.pipeline["model_version"] == "3.8.0"
