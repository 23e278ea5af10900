"""The shared rendering step: neutralisation and the nesting model HTML and Markdown build on."""

from __future__ import annotations

from reader.export.render import (
    Chunk,
    Close,
    Mark,
    Open,
    headline_mark,
    nest,
    neutralise,
    render_article,
    split_marks,
)
from reader.model import Article, Span
from reader.shown import needs_neutralising

HOSTILE = "a\x1b]0;owned\x07b\x1b[2Jc\x9bd\u202ee\u2066f\x00g\ufffeh\tz\n"


def test_neutralise_replaces_every_control_one_for_one() -> None:
    out = neutralise(HOSTILE)
    assert len(out) == len(HOSTILE)
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\x00" not in out
    assert "\u202e" not in out and "\u2066" not in out and "\ufffe" not in out
    assert "\t" in out and out.endswith("\n")
    assert out.startswith("a\u241b]0;owned\u2407b")  # visible control pictures
    assert not needs_neutralising(out)


def test_neutralise_keeps_ordinary_text_identical() -> None:
    text = "Plain “quoted” text, émigré, 日本語, emoji 🙂 and\ttabs\n"
    assert neutralise(text) is text


def render(tokens: list, text: str) -> str:
    out = []
    for token in tokens:
        if isinstance(token, Open):
            out.append(f"<{token.mark.kind}{'+' if token.continued else ''}>")
        elif isinstance(token, Close):
            out.append(f"</{token.mark.kind}>")
        else:
            assert isinstance(token, Chunk) and token.start < token.end
            out.append(text[token.start:token.end])
    return "".join(out)


def test_nest_puts_names_inside_quotes() -> None:
    text = "He said Tom Decker was here."
    marks = [Mark(3, 27, "Q", 0), Mark(8, 18, "P", 4)]
    assert render(nest(marks, len(text)), text) == "He <Q>said <P>Tom Decker</P> was here</Q>."


def test_nest_same_start_orders_by_length_then_rank() -> None:
    text = "ICE is hopeful"
    marks = [Mark(0, 3, "O", 3), Mark(0, 14, "Q", 0), Mark(0, 3, "X", 1)]
    assert render(nest(marks, len(text)), text) == "<Q><X><O>ICE</O></X> is hopeful</Q>"


def test_nest_splits_a_crossing_mark_instead_of_dropping_it() -> None:
    text = "0123456789abcdef"
    marks = [Mark(0, 10, "Q", 0), Mark(8, 14, "O", 3)]
    out = render(nest(marks, len(text)), text)
    assert out == "<Q>01234567<O>89</O></Q><O+>abcd</O>ef"


def test_nest_chunks_cover_the_text_exactly_once() -> None:
    text = "x" * 50
    marks = [Mark(a, b, "M", a % 3) for a, b in [(0, 10), (5, 20), (15, 30), (15, 16), (40, 50), (3, 45)]]
    tokens = nest(marks, len(text))
    chunks = [t for t in tokens if isinstance(t, Chunk)]
    assert [c.start for c in chunks][0] == 0 and chunks[-1].end == 50
    assert all(a.end == b.start for a, b in zip(chunks, chunks[1:], strict=False))
    depth = 0
    for token in tokens:
        depth += 1 if isinstance(token, Open) else -1 if isinstance(token, Close) else 0
        assert depth >= 0
    assert depth == 0


def test_nest_ignores_marks_outside_the_text() -> None:
    assert render(nest([Mark(5, 99, "M"), Mark(3, 3, "E"), Mark(-1, 2, "N")], 4), "abcd") == "abcd"


def test_split_marks_cuts_at_newlines_and_trims_whitespace() -> None:
    text = "  one\n\n two  "
    pieces = split_marks([Mark(0, len(text), "P")], text)
    assert [text[m.start:m.end] for m in pieces] == ["one", "two"]


def test_headline_mark_is_the_first_line_only_when_more_follows() -> None:
    assert headline_mark("Title\n\nBody") == Mark(0, 5, "headline", -1)
    assert headline_mark("just one line") is None
    assert headline_mark("\nBody") is None


def test_render_article_never_parses_markup() -> None:
    article = Article(text="[bold]not bold[/bold] [@click=app.quit]x[/] \x1b[31m",
                      spans=[Span(0, 6, "PERSON", "[bold]")])
    rendered = render_article(article)
    assert rendered.plain == neutralise(article.text)
    assert "[bold]" in rendered.plain and "\x1b" not in rendered.plain
