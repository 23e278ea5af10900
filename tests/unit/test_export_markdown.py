"""The Markdown export: layer markers, footnoted speakers, facts sections, and escaping checked by
rendering the output with a real CommonMark parser (markdown-it-py, which Rich already needs)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader.export import export_article
from reader.export.markdown import article_markdown, escape_markdown
from reader.export.render import neutralise
from reader.model import Article, Charge, Entity, Quote, Span

SEED_JSON = Path(__file__).resolve().parents[1] / "data" / "seed_export.json"


@pytest.fixture(scope="module")
def seed() -> Article:
    return Article.loads(SEED_JSON.read_text(encoding="utf-8"))


class TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def rendered(markdown: str) -> TextOf:
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)
    parser = TextOf()
    parser.feed(html)
    return parser


def words(text: str) -> str:
    return " ".join(text.split())


def strip_markers(text: str) -> str:
    """Rendered text without what the export adds: footnote references and the charge marker."""
    text = re.sub(r"\[\^q\d+\]", "", text)
    return re.sub(r"⚖\[([^\]]*)\]", r"\1", text)


def test_seed_markers(seed: Article) -> None:
    md = export_article(seed, "md")
    assert md.startswith("# Is Philadelphia so hell bent")  # the title line becomes the heading
    assert "**Tom Decker**" in md and "**Winston Enrique Perez Pilarte**" in md
    assert "*U.S. Immigration and Customs Enforcement*" in md and "*News Works*" in md
    assert "⚖[child rape]" in md and "⚖[theft by unlawful taking]" in md
    assert "predators,”[^q2]" in md
    assert "[^q2]: Quote 2: Tom Decker (said)" in md
    assert "[^q5]: Quote 5: Lauren Hitt (claiming)" in md
    for heading in ("## People", "## Organisations", "## Charges", "## Quotes", "## Timeline", "## Places"):
        assert heading in md
    assert "- **Tom Decker** (4 mentions): ERO Philadelphia field office director" in md
    assert "  - ⚖ theft by unlawful taking (prior)" in md
    assert ("- **Nov. 25, 2015**: Perez Pilarte was released from local custody "
            "(Winston Enrique Perez Pilarte)") in md


def test_seed_renders_to_the_article_text(seed: Article) -> None:
    body, _ = article_markdown(seed)
    page = rendered(body)
    assert words(strip_markers("".join(page.parts))) == words(seed.text)
    assert "strong" in page.tags and "em" in page.tags and "h1" in page.tags


def test_layers_limit_the_markers(seed: Article) -> None:
    md = export_article(seed, "md", layers=["ORG"])
    body = md.split("\n---\n")[0]
    assert "*News Works*" in body and "**" not in body and "⚖[" not in body and "[^q" not in body


MARKDOWN_TRAPS = (
    "# Not a heading\n\n"
    "* not a list\n- not a list\n+ not a list\n1. not a list\n2) nor this\n> not a quote\n"
    "    not code\n\nText with *stars*, _underscores_, **bold**, `code`, ~~strike~~, a | pipe, "
    "[link](http://x.example), ![img](y.png), <b>html</b>, <https://auto.example>, &amp; &#169; &copy;, "
    "back\\slash, $5 and $6 math, a caret^2 and [^1] footnote.\n"
    "===\n---\n___\n"
)


def test_markdown_syntax_in_the_article_shows_literally() -> None:
    article = Article(text=MARKDOWN_TRAPS)
    body, notes = article_markdown(article)
    assert notes == []
    page = rendered(body)
    allowed = {"p", "h1"}  # the first line is the title only when the Article says so; here it is not
    assert set(page.tags) <= allowed - {"h1"}, page.tags
    assert words("".join(page.parts)) == words(MARKDOWN_TRAPS)


def test_github_only_syntax_is_escaped_too() -> None:
    assert escape_markdown("a :smile: b") == "a \\:smile: b"
    assert escape_markdown("from $5 to $6") == "from \\$5 to $6"
    assert escape_markdown("costs $5") == "costs $5"  # a lone dollar cannot open math


def test_escape_markdown_roundtrip_on_names() -> None:
    name = "*Evil* [x](y) <b> &amp; `c` _u_"
    page = rendered(escape_markdown(name))
    assert "".join(page.parts).strip() == name


def test_highlights_with_hostile_text_render_to_the_same_text() -> None:
    text = "Bob *Star* said “[bold]go* &amp; <i>x</i>” about child rape(x) in #1 and\x1b[2J.\n"
    star, quote = text.index("Bob *Star*"), text.index("[bold]")
    charge = text.index("child rape")
    article = Article(
        text=text,
        spans=[Span(star, star + 10, "PERSON", text[star:star + 10], "e1"),
               Span(quote, text.index("”"), "QUOTE", text[quote:text.index("”")]),
               Span(charge, charge + 10, "CHARGE", "child rape")],
        entities=[Entity("e1", "PERSON", "Bob *Star*", [], [], [(star, star + 10)])],
        quotes=[Quote(quote, text.index("”"), text[quote:text.index("”")], "e1", "Bob *Star*", "said")],
        charges=[Charge(charge, charge + 10, "child rape", "e1", "alleged")],
    )
    md = export_article(article, "md")
    assert "\x1b" not in md
    body, notes = article_markdown(article)
    page = rendered(body)
    assert words(strip_markers("".join(page.parts))) == words(neutralise(text))
    assert "strong" in page.tags
    assert "⚖[child rape\\]" in body  # followed by "(": the closing bracket is escaped, no link
    assert "a" not in page.tags
    assert notes == ["[^q1]: Quote 1: Bob \\*Star\\* (said)"]


def test_a_charge_bracket_never_joins_a_following_footnote() -> None:
    text = "He was charged with fraud[1] and “theft"
    fraud, theft = text.index("fraud"), text.index("theft")
    article = Article(text=text, spans=[Span(fraud, fraud + 5, "CHARGE", "fraud"),
                                        Span(theft, theft + 5, "CHARGE", "theft"),
                                        Span(theft, theft + 5, "QUOTE", "theft")])
    body, notes = article_markdown(article)
    assert body.endswith("⚖[theft\\][^q1]")
    page = rendered(body + "\n\n" + "\n".join(notes))
    assert "a" not in page.tags
