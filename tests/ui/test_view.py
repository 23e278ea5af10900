"""The article view's behaviour beyond single keys: progressive highlights, errors, safety, wrapping."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import in_halves, make_app
from fake_article import seed_article

from reader.layers import all_layers
from reader.model import Article, Span
from reader.sources import LoadedText
from reader.ui.looks import look_styles

ROOT = Path(__file__).resolve().parents[2]


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settle(pilot, rounds: int = 3) -> None:
    for _ in range(rounds):
        await pilot.pause()


async def test_text_is_on_screen_before_any_analysis():
    app = make_app(steps=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Is Philadelphia so hell bent" in screen_text(app)
        assert app.article_view.visible_spans() == []


async def test_the_sidebar_says_facts_are_coming_while_analysis_runs():
    app = make_app(steps=lambda loaded: iter(()))  # an analysis that never reports
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "analysing" in screen_text(app)


async def test_highlights_arrive_chunk_by_chunk():
    seen: list[int] = []
    halfway = len(seed_article().text) // 2

    def steps(loaded):
        for fraction, article in in_halves(loaded):
            seen.append(len(article.spans))
            yield fraction, article

    app = make_app(steps=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.article_view
        generator = iter(steps(app.documents[0].loaded))
        from reader.background import AnalysisUpdate, Stage
        from reader.ui.app import AnalysisProgress

        fraction, article = next(generator)
        app.post_message(AnalysisProgress(AnalysisUpdate(0, Stage.ANALYSING, fraction, article)))
        await settle(pilot)
        assert view.visible_spans() and all(s.end <= halfway for s in view.visible_spans())
        assert "analysing ▰▰▰▰▰▱▱▱▱▱ 50%" in app.status_line.text
        fraction, article = next(generator)
        app.post_message(AnalysisProgress(AnalysisUpdate(0, Stage.DONE, fraction, article)))
        await settle(pilot)
        assert any(s.start > halfway for s in view.visible_spans())
        assert "analysing" not in app.status_line.text
        assert seen[0] < seen[1]


async def test_cursor_and_scroll_survive_a_new_chunk():
    app = make_app(steps=in_halves)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.article_view
        await pilot.press("tab", "tab", "j")
        cursor, top = view.cursor, view.scroll_y
        view.update_article(seed_article())
        assert (view.cursor, view.scroll_y) == (cursor, top)


async def test_an_analysis_error_is_a_notification_not_a_crash():
    def broken(loaded):
        raise RuntimeError("model exploded\nwith a second line")
        yield  # pragma: no cover

    app = make_app(steps=broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("RuntimeError: model exploded with a second line" in m for m in messages)
        assert app.status_line.text.startswith("analysis failed")
        assert "analysis failed" in str(app.facts.root.children[0].label)
        await pilot.press("j")  # still answering keys
        assert app.article_view.scroll_y == 1


async def test_article_text_is_data_markup_and_controls_are_neutralised():
    text = "Title [bold]not bold[/bold] and [red]x[/]\nESC\x1b[31mred\x07 bell \u202eevil\n"
    article = Article(text=text, source="evil.txt", title="Title", pipeline={"model": "fake"},
                      spans=[Span(6, 12, "PERSON", text[6:12], "e1")])
    loaded = LoadedText(text=text, source="evil.txt", title="Title")
    app = make_app(steps=lambda _: [(1.0, article)], documents=[loaded])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "[bold]not bold[/bold]" in shown
        assert "[red]x[/]" in shown
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
        assert "ESC␛[31mred␇ bell" in shown


async def test_wrap_follows_the_width_and_keeps_the_top_line():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.article_view
        wide_rows = view.virtual_size.height
        await pilot.press("j", "j", "j", "j")
        top = view.top_offset()
        await pilot.resize_terminal(70, 30)
        await settle(pilot)
        assert view.virtual_size.height > wide_rows
        assert all(len(strip.text.rstrip()) <= view.scrollable_content_region.width
                   for strip in (view.render_line(y) for y in range(10)))
        # the row that was at the top still holds the same text (it may start earlier after rewrap)
        start, end = view._index.row(int(view.scroll_y))
        assert start <= top <= end


async def test_only_visible_rows_are_wrapped_for_the_first_frame():
    paragraph = "word " * 200 + "\n\n"
    text = paragraph * 500  # 100,000 words
    loaded = LoadedText(text=text, source="big.txt", title="big")
    app = make_app(steps=None, documents=[loaded])
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.article_view
        rows_at_first_frame = view._index.rows_done
        assert rows_at_first_frame < 100
        await pilot.press("G")
        assert view._index.complete
        assert view.scroll_y == view.max_scroll_y
        assert view.max_scroll_y > 10_000


async def test_every_layer_has_a_distinct_non_colour_cue():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.article_view
        cues = set()
        colour = view._looks()
        for layer in all_layers():
            assert colour[layer.label].color is not None, layer.label
        mono = look_styles(dark=True, mono=True)
        for layer in all_layers():
            style = mono[layer.label]
            cue = (style.bold, style.italic, style.underline, style.reverse, style.dim, style.strike)
            assert any(cue) and style.color is None, layer.label
            assert not style.dim, f"{layer.label}: dim is only a lighter grey, not a cue of its own"
            cues.add(cue)
        assert len(cues) == len(all_layers())  # defect 11: places, organisations and dates all differ


async def test_no_color_keeps_the_cues(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        view = app.article_view
        start = seed_article().text.index("child rape")
        strip = view.render_line(view.row_of(start) - int(view.scroll_y))
        charge = [seg for seg in strip if seg.text and "child rape".startswith(seg.text.strip()[:5])
                  and seg.text.strip()]
        assert any(seg.style and seg.style.reverse and seg.style.bold for seg in charge)


def test_the_ui_never_imports_spacy():
    code = (
        "import sys\n"
        "import reader.ui.app, reader.background, reader.cli\n"
        "from reader.ui.widgets import article_view, facts_panel, legend, search_bar, sidebar, status_line\n"
        "from reader.ui.screens import help\n"
        "bad = [m for m in sys.modules if m == 'spacy' or m.startswith(('spacy.', 'reader.nlp'))]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
