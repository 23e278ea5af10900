"""Pictures of the main screens (pytest-textual-snapshot); update with --snapshot-update after review."""

from __future__ import annotations

import pytest
from conftest import make_app


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_main_screen(snap_compare, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_focus_mode(snap_compare, size):
    assert snap_compare(make_app(), terminal_size=size, press=["tab", "tab", "tab", "enter"],
                        run_before=settle)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_help_screen(snap_compare, size):
    assert snap_compare(make_app(), terminal_size=size, press=["question_mark"], run_before=settle)


def test_search_without_sidebar(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24),
                        press=["f", "slash", *"Kenney", "enter", "n"], run_before=settle)


def test_light_theme(snap_compare):
    assert snap_compare(make_app(), terminal_size=(120, 40), press=["t"], run_before=settle)


def test_no_color_keeps_layer_cues(snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=settle)


def test_while_the_model_loads(snap_compare):
    """Text first, highlights later: an analysis that has not reported anything yet."""
    assert snap_compare(make_app(steps=lambda loaded: iter(())), terminal_size=(80, 24), run_before=settle)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_sidebar_row_in_full(snap_compare, size):
    """The sidebar focused on a long role: the row ends in an ellipsis, the detail area shows it whole."""
    assert snap_compare(make_app(), terminal_size=size, press=["s", *"jjjjjjj"],
                        run_before=settle)


def test_status_line_on_a_quote(snap_compare):
    """The cursor on a quote: the status line names its speaker and its place among theirs."""
    async def on_quote(pilot) -> None:
        await settle(pilot)
        view = pilot.app.article_view
        start = view.article.text.index("Our deportation")
        view.move_cursor(start, view.article.text.index("”", start))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=on_quote)
