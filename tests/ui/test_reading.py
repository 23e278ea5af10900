"""Knowing where you are (issue 13): the status line, the search prompt, the key bar at 80 columns,
quote-centred reading, the entity palette, focus on a speaker and several articles at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import dimmed, make_app
from fake_article import seed_article, seed_loaded

from reader.model import Article, Quote, Span
from reader.sources import LoadedText
from reader.ui.status import StatusState, fit, status_parts

TEXT = seed_article().text


def at(surface: str, nth: int = 0) -> int:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    return start


def quote_range(opening: str) -> tuple[int, int]:
    quote = next(q for q in seed_article().quotes if q.text.startswith(opening))
    return quote.start, quote.end


async def ready(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


# ----- the status line as a pure function ------------------------------------------------------

def span_at(article: Article, start: int, label: str) -> Span:
    return next(s for s in article.spans if s.start == start and s.label == label)


def test_status_parts_name_a_person_with_role_and_mention_count():
    article = seed_article()
    span = span_at(article, at("Tom Decker"), "PERSON")
    parts = status_parts(article, (span.start, span.end), StatusState(span=span, file_name="a.txt", percent=40))
    texts = [p.text for p in parts]
    assert texts[0] == "Tom Decker · Person · ERO Philadelphia field office director"
    assert "40%" in texts and texts[-1] == "a.txt"


def test_status_parts_name_a_quotes_speaker_how_found_and_its_place_among_theirs():
    article = seed_article()
    start, end = quote_range("However, one of our best")
    quote = next(q for q in article.quotes if q.start == start)
    quote.attribution = "continuation"  # type: ignore[attr-defined]  # the speaker issue's optional field
    span = span_at(article, start, "QUOTE")
    texts = [p.text for p in status_parts(article, (start, end), StatusState(span=span))]
    assert texts[0] == "Quote by Tom Decker (found by continuation)"
    assert texts[1] == "quote 2 of 3 by this speaker"


def test_status_parts_give_a_charges_person_and_status():
    article = seed_article()
    span = span_at(article, at("theft by unlawful taking"), "CHARGE")
    texts = [p.text for p in status_parts(article, (span.start, span.end), StatusState(span=span))]
    assert texts[0] == "theft by unlawful taking · Charge · Winston Enrique Perez Pilarte · prior"


def test_a_quoted_term_is_not_speech_in_the_status_line():
    text = "They called it a “hold” today."
    article = Article(text=text, quotes=[Quote(18, 22, "hold", kind="term")], spans=[Span(18, 22, "QUOTE", "hold")])
    texts = [p.text for p in status_parts(article, (18, 22), StatusState(span=article.spans[0]))]
    assert texts == ["Quoted term (not speech)"]


def test_fit_drops_the_least_important_part_first():
    article = seed_article()
    span = span_at(article, at("Tom Decker"), "PERSON")
    parts = status_parts(article, (span.start, span.end),
                         StatusState(span=span, file_name="seed.txt", percent=12, article_count=2))
    kept = [p.text for p in fit(parts, 60)]
    assert kept[0].startswith("Tom Decker") and "seed.txt" not in kept


# ----- on screen -----------------------------------------------------------------------------

@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_status_line_names_the_speaker_of_the_quote_under_the_cursor(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        app.article_view.move_cursor(*quote_range("Our deportation"))
        await ready(pilot)
        assert "Quote by Tom Decker" in app.status_line.text
        assert any("Quote by Tom Decker" in line for line in screen_lines(app))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_help_and_quit_stay_on_screen_and_the_legend_is_whole(size):
    """Defect 2: at 80 columns the key bar lost e/?/q and the legend shrank to `1 Peo`."""
    app = make_app(documents=[seed_loaded(), LoadedText(text="Two\n\nBody.\n", source="b.txt", title="Two")])
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        lines = screen_lines(app)
        keys, legend = lines[-1], lines[-3]
        assert "? help" in keys and "q quit" in keys
        assert "><" in keys or "> <" in keys  # defect 12: several articles, the keys say how to move
        for word in ("People", "Organisations", "Charges", "Quotes", "Places", "Dates"):
            assert word in legend
        await pilot.press("s")
        await ready(pilot)
        keys = screen_lines(app)[-1]
        assert "? help" in keys and "q quit" in keys and "filter" in keys


async def test_the_search_prompt_shows_the_query_as_typed_at_80_columns():
    """Defect 1: only a strip of border showed after `/`."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"Decker")
        await ready(pilot)
        bottom = screen_lines(app)[-1]
        assert bottom.startswith("/Decker")
        await pilot.press("escape")
        await ready(pilot)
        assert "Decker" not in screen_lines(app)[-1] and "q quit" in screen_lines(app)[-1]


async def test_the_header_and_status_line_carry_the_whole_file_name():
    """Defect 12: the header cut the file name."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.sub_title == "seed_philly_detainer.txt"
        assert "seed_philly_detainer.txt" in screen_lines(app)[-2]


# ----- quote-centred reading -------------------------------------------------------------------

async def test_braces_walk_the_quotes_of_the_same_speaker():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        view = app.article_view
        first, second, third = (quote_range(o) for o in ("Our deportation", "However, one", "ICE is hopeful"))
        view.move_cursor(*first)
        await pilot.press("right_curly_bracket")
        assert view.cursor == second
        await pilot.press("right_curly_bracket")
        assert view.cursor == third
        await pilot.press("left_curly_bracket", "left_curly_bracket")
        assert view.cursor == first
        await ready(pilot)
        assert "quote 1 of 3 by this speaker" in app.status_line.text


async def test_y_copies_the_quote_with_its_speaker_and_role(monkeypatch):
    app = make_app()
    copied: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        start, end = quote_range("Our deportation")
        view = app.article_view
        view.move_cursor(start, end)
        await pilot.press("y")
        expected = f"“{' '.join(TEXT[start:end].split())}” — Tom Decker, ERO Philadelphia field office director"
        assert copied == [expected]


async def test_focus_on_a_speaker_keeps_their_quotes_and_charges_bright():
    """Defect 4: enter on Tom Decker dimmed his own quotes."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        view = app.article_view
        decker = at("Tom Decker")
        view.move_cursor(decker, decker + len("Tom Decker"))
        await pilot.press("enter")
        assert view.focus_entity == "e2"
        start, _ = quote_range("Our deportation")
        assert not dimmed(view, start + 4)
        assert dimmed(view, at("According to ICE"))
        perez = at("Winston Enrique Perez Pilarte")
        view.move_cursor(perez, perez + len("Winston Enrique Perez Pilarte"))
        await pilot.press("enter")
        assert not dimmed(view, at("child rape") + 2)  # the charges tied to the person light up


# ----- palette and several articles -------------------------------------------------------------

async def test_the_palette_jumps_to_an_entity_typed_by_name():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p", *"Lauren")
        for _ in range(10):
            await pilot.pause(0.05)
        await pilot.press("enter")
        await ready(pilot)
        assert app.article_view.selected_span.text == "Lauren Hitt"
        assert app.facts.cursor_node.data.entity == "e4"


async def test_the_palette_lists_open_articles_and_the_status_line_says_which():
    other = LoadedText(text="Second story\n\nMaria Lopez said nothing.\n", source="/x/y/b.txt", title="Second story")
    app = make_app(documents=[seed_loaded(), other])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p", *"Second")
        for _ in range(10):
            await pilot.pause(0.05)
        await pilot.press("enter")
        await ready(pilot)
        assert app.current == 1
        assert "article 2/2" in app.status_line.text and "b.txt" in app.status_line.text


def test_unreadable_articles_are_reported_and_skipped(tmp_path: Path, capsys):
    """Defect 6: `reader good.txt empty.txt missing.txt` opened nothing and exited 1."""
    from reader.cli import _load_readable
    from reader.sources import load

    good = tmp_path / "good.txt"
    good.write_text("A title\n\nSome words.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    documents, skipped = _load_readable([str(good), str(empty), str(tmp_path / "missing.txt")], 10**6, load)
    assert [d.source for d in documents] == [str(good)]
    assert len(skipped) == 2 and all(s.startswith("skipped ") for s in skipped)
    err = capsys.readouterr().err
    assert "empty.txt" in err and "missing.txt" in err


async def test_skipped_articles_are_said_in_the_reader_too():
    app = make_app()
    app.notices = ["skipped missing.txt: no such file"]
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert any("missing.txt" in str(n.message) for n in app._notifications)


async def test_percent_read_follows_scrolling():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        before = app.status_line.text
        await pilot.press("G")
        await ready(pilot)
        assert "100%" in app.status_line.text and app.status_line.text != before
