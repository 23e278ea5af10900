"""The HTML export, read back with a real HTML parser (html.parser), not with string matching."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.export import export_article
from reader.export.render import neutralise
from reader.layers import all_layers
from reader.model import Article, Entity, Quote, Span

SEED_JSON = Path(__file__).resolve().parents[1] / "data" / "seed_export.json"


@pytest.fixture(scope="module")
def seed() -> Article:
    return Article.loads(SEED_JSON.read_text(encoding="utf-8"))


VOID = frozenset({"meta", "br", "img", "input", "link", "hr", "wbr", "source", "area", "base", "col"})


class Page(HTMLParser):
    """Collects what a browser would: elements, attributes, the article's visible text, marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.article_depth: int | None = None
        self.article_text: list[str] = []
        self.marks: list[dict[str, str | None]] = []
        self.mark_text: list[list[str]] = []
        self.open_marks: list[int] = []
        self.all_text: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "article" and attributes.get("id") == "article":
            self.article_depth = len(self.stack)
        if tag == "mark" and self.article_depth is not None:
            self.marks.append(attributes)
            self.mark_text.append([])
            self.open_marks.append(len(self.marks) - 1)
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>: not well nested"
        if tag == "article" and self.article_depth == len(self.stack):
            self.article_depth = None
        if tag == "mark" and self.open_marks:
            self.open_marks.pop()
        self.stack.pop()
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.all_text.append(data)
        if self.article_depth is not None:
            self.article_text.append(data)
            for index in self.open_marks:
                self.mark_text[index].append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def test_seed_html_is_well_formed_and_self_contained(seed: Article) -> None:
    html = export_article(seed, "html")
    page = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    tags = {tag for tag, _ in page.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    for _, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), name
            if name in ("src", "href"):
                pytest.fail(f"external reference {name}={value}")
    assert "url(" not in html and "@import" not in html and "http://" not in html and "https://" not in html
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_visible_article_text_is_the_article_text(seed: Article) -> None:
    page = parse(export_article(seed, "html"))
    assert "".join(page.article_text) == seed.text


def test_every_layer_has_a_class_and_every_span_a_mark(seed: Article) -> None:
    page = parse(export_article(seed, "html"))
    classes = [set((m.get("class") or "").split()) for m in page.marks]
    for label in {span.label for span in seed.spans}:
        assert any({"hl", label.lower()} <= c for c in classes), label
    # each span is at least one <mark> (a crossing one may be split in two, never dropped)
    for span in seed.spans:
        css = span.label.lower()
        joined = ["".join(t) for m, t in zip(page.marks, page.mark_text, strict=True)
                  if css in (m.get("class") or "").split()]
        assert any(span.text in j or j in span.text for j in joined), span


def test_quotes_contain_names_as_nested_marks(seed: Article) -> None:
    html = export_article(seed, "html")
    quote = next(q for q in seed.quotes if q.speaker_name == "News Works")
    start = html.index("<mark class=\"hl quote\" title=\"Quote · News Works (reports)\"")
    end = html.index("</mark>”", start)
    inner = html[start:end]
    person = '<mark class="hl person" title="Person · Jim Kenney">Jim Kenney</mark>'
    assert person in inner
    assert quote.text.startswith("Mayor Jim Kenney")


def test_tooltips_name_label_and_entity(seed: Article) -> None:
    page = parse(export_article(seed, "html"))
    titles = {m.get("title") for m in page.marks}
    assert "Person · Tom Decker" in titles
    assert "Organisation · U.S. Immigration and Customs Enforcement" in titles
    assert not any(re.search(r"\be\d+\b", t or "") for t in titles)  # no internal ids
    assert "data-entity" not in export_article(seed, "html")
    assert "Charge · attempted rape · Winston Enrique Perez Pilarte · arrested" in titles
    assert "Quote · Tom Decker (said)" in titles
    assert all(m.get("title") for m in page.marks)


def test_legend_and_facts_panel(seed: Article) -> None:
    page = parse(export_article(seed, "html"))
    text = " ".join(" ".join(page.all_text).split())
    for layer in all_layers():
        assert layer.title in text
    ids = {a.get("id") for _, a in page.tags}
    assert {"people", "organisations", "charges", "quotes", "timeline", "places", "charts"} <= ids
    assert "Tom Decker 4 mentions ERO Philadelphia field office director" in text
    assert "also: Josue Duran-Cortes, Perez Pilarte" in text
    assert "theft by unlawful taking prior" in text and "child rape arrested" in text
    assert "Nov. 25, 2015 Perez Pilarte was released from local custody" in text
    times = [a.get("datetime") for t, a in page.tags if t == "time"]
    assert times == ["2015-07", "2015-07", "2015-11-25"]


def test_chart_counts_quoted_words_and_mentions(seed: Article) -> None:
    page = parse(export_article(seed, "html"))
    svgs = [a for t, a in page.tags if t == "svg"]
    assert len(svgs) == 2
    decker_words = sum(len(q.text.split()) for q in seed.quotes if q.speaker == "e2")
    text = " ".join(page.all_text)
    assert f"Tom Decker: {decker_words}" in text
    assert "Winston Enrique Perez Pilarte: 6" in text
    rects = [a for t, a in page.tags if t == "rect"]
    assert any("quote" in (a.get("class") or "") for a in rects)


def test_light_dark_and_print_styles(seed: Article) -> None:
    html = export_article(seed, "html")
    assert "@media (prefers-color-scheme: dark)" in html
    assert "@media print" in html
    for layer in all_layers():
        assert layer.colour in html


def test_layers_limit_the_marks(seed: Article) -> None:
    page = parse(export_article(seed, "html", layers=["PERSON", "CHARGE"]))
    kinds = {c for m in page.marks for c in (m.get("class") or "").split()} - {"hl"}
    assert kinds == {"person", "charge"}
    assert "".join(page.article_text) == seed.text


HOSTILE = (
    "Title with <b>tags</b> & [bold]markup[/bold]\n\n"
    "Body <script>alert('x')</script> and &amp; and &lt; and \"quotes\" and 'apostrophes'.\n"
    "Escape \x1b]0;title\x07 and \x1b[2J and bidi \u202eevil\u202c and NUL-ish \x85.\n"
    "<img src=x onerror=alert(1)> [link=https://evil.example]click[/link] [@click=app.quit]q[/]"
)


@pytest.fixture()
def hostile() -> Article:
    text = HOSTILE
    script = text.index("<script>")
    name = text.index("&amp;")
    attr = text.index("<img")
    return Article(
        text=text, source="<evil>\"source\".txt", title=text.split("\n")[0],
        spans=[Span(script, script + 30, "QUOTE", text[script:script + 30]),
               Span(name, name + 5, "PERSON", "&amp;", "e1"),
               Span(attr, attr + 10, "ORG", text[attr:attr + 10], "e2")],
        entities=[Entity("e1", "PERSON", "<script>x</script>", ["\"><b>"], ["[bold]role"],
                         [(name, name + 5)]),
                  Entity("e2", "ORG", "O\" onmouseover=\"alert(1)", [], [], [(attr, attr + 10)])],
        quotes=[Quote(script, script + 30, text[script:script + 30], None, "<i>speaker</i>", "said")],
    )


def test_article_markup_comes_out_as_text(hostile: Article) -> None:
    html = export_article(hostile, "html")
    page = parse(html)
    assert not any(tag in ("script", "b", "img", "i") for tag, _ in page.tags)
    assert "".join(page.article_text) == neutralise(hostile.text)
    visible = "".join(page.article_text)
    assert "<script>alert('x')</script>" in visible
    assert "&amp;" in visible and "[bold]markup[/bold]" in visible
    all_text = "".join(page.all_text)
    assert "<script>x</script>" in all_text and "<i>speaker</i>" in all_text
    for _, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), attrs
    titles = [m.get("title") for m in page.marks]
    assert "Organisation · O\" onmouseover=\"alert(1)" in titles


def test_control_characters_are_neutralised_everywhere(hostile: Article) -> None:
    html = export_article(hostile, "html")
    for bad in ("\x1b", "\x07", "\x85", "\u202e", "\u202c"):
        assert bad not in html
    assert "\u241b]0;title\u2407" in html


def test_a_hostile_label_or_entity_id_cannot_break_out_of_its_attribute() -> None:
    article = Article(text="abc def", spans=[Span(0, 3, 'X" onclick="alert(1)', "abc", '"><script>')])
    page = parse(export_article(article, "html"))
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert "script" not in {tag for tag, _ in page.tags}
    assert "".join(page.article_text) == "abc def"


def test_header_names_the_file_not_a_local_path(seed: Article) -> None:
    seed.source = "/srv/someone/private/folder/seed_philly_detainer.txt"
    html = export_article(seed, "html")
    assert "/srv/someone" not in html and "seed_philly_detainer.txt" in html


def test_legend_counts_what_the_sidebar_counts(seed: Article) -> None:
    from reader.facts import facts_of

    text = " ".join(" ".join(parse(export_article(seed, "html")).all_text).split())
    counts = facts_of(seed).counts
    assert f"People {counts['PERSON']}" in text and f"Charges {counts['CHARGE']}" in text
