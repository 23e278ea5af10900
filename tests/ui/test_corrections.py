"""Corrections in the reader: every menu action, add, undo, reopening, partial analyses, stale ones."""

from __future__ import annotations

import re

from conftest import make_app
from fake_article import partial_article, seed_article, seed_loaded, seed_text
from textual.widgets import Input, OptionList

from reader.cli import main as cli_main
from reader.corrections import Drop, Ref, Relabel, load
from reader.corrections.store import path_for
from reader.ui.app import ReaderApp
from reader.ui.screens.correct import ChoiceScreen


def at(surface: str, nth: int = 0) -> tuple[int, int]:
    text = seed_text()
    found = [m.span() for m in re.finditer(re.escape(surface), text)]
    return found[nth]


async def settle(pilot, rounds: int = 3) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rounds):
        await pilot.pause()


async def open_menu(app: ReaderApp, pilot, surface: str) -> None:  # type: ignore[no-untyped-def]
    """Put the cursor on the highlight `surface` and press x."""
    await settle(pilot)
    app.article_view.move_cursor(*at(surface))
    await pilot.press("x")
    await settle(pilot)


async def choose(app: ReaderApp, pilot, prompt: str, filter_text: str = "") -> None:  # type: ignore[no-untyped-def]
    """Pick the line starting with `prompt` in the open menu (after typing `filter_text`, if any)."""
    screen = app.screen
    assert isinstance(screen, ChoiceScreen), f"no menu open: {screen!r}"
    if filter_text:
        screen.query_one(Input).focus()
        await pilot.press(*filter_text)
        await settle(pilot)
    options = screen.query_one(OptionList)
    prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    options.highlighted = next(i for i, p in enumerate(prompts) if p.startswith(prompt))
    await pilot.press("enter")
    await settle(pilot)


def span_at(app: ReaderApp, surface: str, label: str) -> object:
    a, b = at(surface)
    return next(s for s in app.current_article.spans if (s.start, s.end, s.label) == (a, b, label))


async def test_change_label_marks_it_everywhere_and_is_saved() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_menu(app, pilot, "News Works")
        await choose(app, pilot, "Change label to Person")
        entity = app.current_article.entity("e7")
        assert entity is not None and (entity.label, entity.corrected) == ("PERSON", True)
        assert span_at(app, "News Works", "PERSON").corrected  # type: ignore[attr-defined]
        assert "corrected" in app.status_line.text and "✎" in app.status_line.text
        assert [op.op for op in load(seed_text()).operations] == ["relabel"]
        rows = [node.data for node in app.facts._all_nodes() if node.data is not None]
        assert any(row.title == "News Works" and row.suffix.endswith("✎") for row in rows)


async def test_not_an_entity_removes_every_mention() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_menu(app, pilot, "Jim Kenney")
        await choose(app, pilot, "Not an entity")
        assert app.current_article.entity("e3") is None
        assert not [s for s in app.current_article.spans if s.entity == "e3"]


async def test_merge_into_an_entity_picked_from_a_filtered_list() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_menu(app, pilot, "Lauren Hitt")
        await choose(app, pilot, "Merge into")
        await choose(app, pilot, "Jim Kenney", filter_text="kenn")
        article = app.current_article
        assert article.entity("e4") is None
        assert span_at(app, "Lauren Hitt", "PERSON").entity == "e3"  # type: ignore[attr-defined]
        assert "Lauren Hitt" in article.entity("e3").aliases  # type: ignore[union-attr]


async def test_change_a_quotes_speaker() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        quote = next(q for q in seed_article().quotes if q.text.startswith("ICE is hopeful"))
        await settle(pilot)
        app.article_view.move_cursor(quote.start, quote.end)
        await pilot.press("x")
        await settle(pilot)
        await choose(app, pilot, "Change speaker")
        await choose(app, pilot, "Lauren Hitt", filter_text="hitt")
        fixed = next(q for q in app.current_article.quotes if q.start == quote.start)
        assert (fixed.speaker, fixed.speaker_name, fixed.corrected) == ("e4", "Lauren Hitt", True)


async def test_change_a_charges_person_then_its_status() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_menu(app, pilot, "simple assault")
        await choose(app, pilot, "Change person")
        await choose(app, pilot, "not tied to a person")
        await open_menu(app, pilot, "simple assault")
        await choose(app, pilot, "Change status")
        await choose(app, pilot, "convicted")
        a, _ = at("simple assault")
        charge = next(c for c in app.current_article.charges if c.start == a)
        assert (charge.subject, charge.status, charge.corrected) == (None, "convicted", True)
        assert len(load(seed_text()).operations) == 2


async def test_add_a_highlight_over_the_search_match() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.article_view.search("deportation officers")
        app.article_view.action_next_match(1)
        await pilot.press("X")
        await settle(pilot)
        await choose(app, pilot, "Organisation")
        a, b = at("deportation officers")
        span = next(s for s in app.current_article.spans if (s.start, s.end) == (a, b))
        assert (span.label, span.corrected) == ("ORG", True)
        assert app.current_article.entity(span.entity).name == "deportation officers"  # type: ignore[union-attr]


async def test_escape_closes_the_menu_without_a_correction() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_menu(app, pilot, "News Works")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceScreen)
        assert not app.current_article.corrections and not path_for(seed_text()).exists()


async def test_ctrl_z_undoes_the_last_correction() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_menu(app, pilot, "News Works")
        await choose(app, pilot, "Change label to Person")
        await open_menu(app, pilot, "Jim Kenney")
        await choose(app, pilot, "Not an entity")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.current_article.entity("e3") is not None
        assert app.current_article.entity("e7").label == "PERSON"  # type: ignore[union-attr]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.current_article.entity("e7").label == "ORG"  # type: ignore[union-attr]
        assert "corrected" not in app.status_line.text and not path_for(seed_text()).exists()


async def test_corrections_survive_reopening_after_cache_clear() -> None:
    first = make_app()
    async with first.run_test(size=(120, 40)) as pilot:
        await open_menu(first, pilot, "News Works")
        await choose(first, pilot, "Change label to Person")
    assert cli_main(["cache", "clear"]) == 0
    second = make_app()
    async with second.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert second.current_article.entity("e7").label == "PERSON"  # type: ignore[union-attr]
        assert "corrected" in second.status_line.text


async def test_corrections_show_on_a_partial_analysis_and_stale_ones_are_reported_once() -> None:
    from reader.corrections import Session

    session = Session(seed_text())
    a, b = at("Tom Decker")
    session.add(Relabel(Ref(a, b, "Tom Decker"), "ORG"))
    session.add(Drop(Ref(a, b, "Nobody Here")))  # fits no analysis
    text = seed_text()

    def half_then_whole(loaded):  # type: ignore[no-untyped-def]
        article = seed_article()
        yield 0.5, partial_article(article, b + 1)
        yield 1.0, article

    steps = list(half_then_whole(seed_loaded()))
    app = make_app(steps=lambda loaded: iter(steps[:1]))  # only the first half arrives
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.current_article.entity("e2").label == "ORG"  # type: ignore[union-attr]
        assert not [n for n in app._notifications if "skipped" in n.message]
    app = make_app(steps=lambda loaded: iter(steps))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        skipped = [n.message for n in app._notifications if "skipped" in n.message]
        assert len(skipped) == 1 and '"Nobody Here"' in skipped[0]
        assert app.current_article.text == text
