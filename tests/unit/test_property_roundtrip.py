"""Arbitrary text through analyse -> every export: no exception, offsets valid, text preserved."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.export import FORMATS, export_article
from reader.export.render import neutralise

pytestmark = pytest.mark.slow

QUOTES = "\"“”‘’«»„‹›'"
CONTROLS = "\x00\x07\x1b\x7f\x85\x9b\u202e\u2066\u200f\t\r"
PIECES = st.one_of(
    st.text(min_size=1, max_size=40),
    st.sampled_from(["Tom Decker", "U.S. Immigration and Customs Enforcement (ICE)", "charged with fraud",
                     "said", " ", "\n", "\n\n", "[bold red]", "[@click=app.quit]", "<script>x</script>",
                     "&amp;", "e\u0301", "👩‍👩‍👧", "x" * 300]),
    st.text(alphabet=QUOTES + CONTROLS + " a", min_size=1, max_size=10),
)
TEXTS = st.lists(PIECES, min_size=1, max_size=12).map("".join)


@pytest.fixture(scope="module")
def analyse():
    from reader.nlp.pipeline import analyse as real_analyse

    real_analyse("Warm-up text.")
    return real_analyse


class _Visible(HTMLParser):
    """Collects the text inside the element marked as the article body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == "article-text":
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_analyse_then_every_export(analyse, text: str) -> None:
    article = analyse(text)
    assert article.text == text
    for item in [*article.spans, *article.quotes, *article.charges]:
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text
    for entity in article.entities:
        for start, end in entity.mentions:
            assert 0 <= start < end <= len(text)
    for event in article.events:
        assert 0 <= event.start <= event.date_start < event.date_end <= len(text)
    for fmt in FORMATS:
        out = export_article(article, fmt)
        assert isinstance(out, str)
        if fmt == "json":
            assert json.loads(out)["text"] == text
        elif fmt == "txt":
            assert out == text
        elif fmt == "html":
            parser = _Visible()
            parser.feed(out)
            assert "".join(parser.parts) == neutralise(text)
