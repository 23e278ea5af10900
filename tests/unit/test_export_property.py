"""Property: any text with any spans goes through every export without an exception, keeps its
characters (apart from the documented neutralisation and each format's escaping) and lets no
control character through. The first test uses hand-built Articles (no spaCy), the second the real
pipeline."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.export import FORMATS, export_article
from reader.export.markdown import article_markdown
from reader.export.render import neutralise
from reader.model import Article, Charge, Entity, Quote, Span


class ArticleText(HTMLParser):
    """The text inside <article id="article">, as a browser shows it, and every tag seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if self.depth or (tag == "article" and dict(attrs).get("id") == "article"):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def article_text(html: str) -> tuple[str, list[str]]:
    parser = ArticleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts), parser.tags

LABELS = ("PERSON", "ORG", "CHARGE", "QUOTE", "PLACE", "DATE")
HOSTILE_PIECES = [
    "\x1b[2J", "\x1b]0;t\x07", "\x9b", "\x00", "\r", "\u202e", "\u2066", "\ufeff", "\ufffe",
    "<script>", "</b>", "&amp;", "&#169;", "[bold]", "[/]", "*", "**", "_", "`", "#", "> ", "- ", "1. ",
    "|", "~~", "$", "\\", "[^1]", "](x)", "“", "”", "«", "»", "‘", "’", "\"", "'", "e\u0301", "🙂",
    "日本", "\t", "\n", "\n\n", "    ", "x" * 120,
]
SGR = re.compile(r"\x1b\[[0-9;]*m")
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@st.composite
def articles(draw: st.DrawFn) -> Article:
    parts = draw(st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=12)), max_size=25))
    text = "".join(parts)
    n = len(text)
    spans, entities, quotes, charges = [], [], [], []
    if n:
        for i in range(draw(st.integers(0, 12))):
            a = draw(st.integers(0, n - 1))
            b = draw(st.integers(a + 1, min(n, a + 60)))
            label = draw(st.sampled_from(LABELS))
            eid = f"e{i}" if label in ("PERSON", "ORG", "PLACE") else None
            spans.append(Span(a, b, label, text[a:b], eid))
            if eid:
                entities.append(Entity(eid, label, text[a:b], [text[a:b]], [text[a:b]], [(a, b)]))
            if label == "QUOTE":
                speaker = draw(st.sampled_from([None, "<b>*X*</b>"]))
                quotes.append(Quote(a, b, text[a:b], None, speaker, "said"))
            if label == "CHARGE":
                charges.append(Charge(a, b, text[a:b], None, draw(st.sampled_from([None, "charged"]))))
    title = text.split("\n", 1)[0] if draw(st.booleans()) else draw(st.text(max_size=10))
    return Article(text=text, source="src\x1b.txt", title=title, spans=spans, entities=entities,
                   quotes=quotes, charges=charges)


def squash(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_every_export_keeps_the_text_and_lets_no_control_through(article: Article) -> None:
    out = {fmt: export_article(article, fmt, width=60) for fmt in FORMATS}

    assert json.loads(out["json"])["text"] == article.text
    assert out["txt"] == article.text

    for fmt in ("html", "md", "svg"):
        assert not CONTROLS.search(out[fmt]), fmt
    assert not CONTROLS.search(SGR.sub("", out["ansi"]))

    visible, tags = article_text(out["html"])
    assert visible == neutralise(article.text)
    assert "script" not in tags

    root = ET.fromstring(out["svg"])
    svg_text = "".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert squash(neutralise(article.text)) in squash(svg_text.replace("\xa0", " "))

    legend, _, body = SGR.sub("", out["ansi"]).partition("\n\n")  # a legend line, then the article
    assert legend.startswith("Highlights:")
    assert squash(body) == squash(neutralise(article.text))

    body, _ = article_markdown(article)
    rendered = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(body)
    visible, _ = article_text(f"<article id=\"article\">{rendered}</article>")
    visible = re.sub(r"\[\^q\d+\]", "", visible).replace("⚖[", "")
    assert squash(visible.replace("*", "").replace("]", "")) == squash(
        neutralise(article.text).replace("*", "").replace("]", ""))


@pytest.fixture(scope="module")
def analyse():
    """The real pipeline, loaded once for this module (skipped when no model is installed)."""
    from reader.nlp.pipeline import ModelError, analyse, load_nlp

    try:
        load_nlp()
    except ModelError as exc:
        pytest.skip(str(exc))
    return analyse


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from([*HOSTILE_PIECES, "Tom Decker said", "ICE", " said. ", "Mr. X"]),
                          st.text(max_size=15)), max_size=30).map("".join))
def test_analyse_then_every_export(analyse, text: str) -> None:
    article = analyse(text, source="prop.txt", title=text.split("\n", 1)[0])
    assert article.text == text
    for span in article.spans:
        assert 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text
    out = {fmt: export_article(article, fmt, width=60) for fmt in FORMATS}
    assert json.loads(out["json"])["text"] == text
    visible, _ = article_text(out["html"])
    assert visible == neutralise(text)
    ET.fromstring(out["svg"])
    for fmt in ("html", "md", "svg"):
        assert not CONTROLS.search(out[fmt]), fmt
