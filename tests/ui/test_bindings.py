"""Every key of the reader, driven with the Pilot on the seed article and a fake analysis."""

from __future__ import annotations

from conftest import dimmed, make_app
from fake_article import seed_article, seed_loaded

from reader.config import Settings
from reader.sources import LoadedText
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.facts_panel import FactsPanel

TEXT = seed_article().text


def offset(surface: str, nth: int = 0) -> int:
    """Start offset of the nth occurrence of `surface` in the seed text."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    return start


async def ready(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


async def test_tab_and_shift_tab_walk_the_highlights_in_text_order():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        view = app.article_view
        await pilot.press("tab")
        assert view.selected_span is not None
        assert (view.selected_span.label, view.selected_span.text) == ("PLACE", "Philadelphia")
        await pilot.press("tab", "tab")
        assert view.cursor == (offset("U.S. Immigration"), offset("U.S. Immigration") + 40)
        assert view.selected_span.label == "ORG"
        await pilot.press("shift+tab")
        assert view.selected_span.text == "child rape"
        assert view.selected_span.label == "CHARGE"


async def test_square_brackets_stay_in_the_current_layer():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        view = app.article_view
        await pilot.press("tab", "tab", "tab")  # U.S. Immigration and Customs Enforcement (ORG)
        await pilot.press("right_square_bracket")
        assert view.selected_span.label == "ORG"
        assert view.cursor[0] == offset("According to ICE") + len("According to ")
        await pilot.press("right_square_bracket")
        assert view.selected_span.text == "ICE"
        assert view.cursor[0] == offset("an ICE detainer") + 3
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert view.selected_span.text == "U.S. Immigration and Customs Enforcement"


async def test_enter_focuses_the_entity_dims_the_rest_and_reveals_it_in_the_sidebar():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        view = app.article_view
        await pilot.press("tab", "tab", "tab", "enter")
        await pilot.pause()
        assert view.focus_entity == "e5"
        ice = offset("According to ICE") + len("According to ")
        assert not dimmed(view, ice)
        perez = offset("Perez Pilarte already")
        assert dimmed(view, perez)
        assert app.facts.cursor_node is not None
        assert app.facts.cursor_node.data.entity == "e5"
        assert "focus: U.S. Immigration" in app.status_line.text
        # in focus mode tab visits only the focused entity's mentions
        await pilot.press("tab")
        assert view.selected_span.entity == "e5"
        assert view.cursor[0] == ice
        await pilot.press("escape")
        assert view.focus_entity is None
        assert not dimmed(view, perez)


async def test_enter_on_a_quote_focuses_its_speaker_and_on_a_charge_its_subject():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        view = app.article_view
        start = offset("Our deportation")
        view.move_cursor(start, TEXT.index("”", start))
        await pilot.press("enter")
        assert view.focus_entity == "e2"
        rape = offset("child rape")
        view.move_cursor(rape, rape + len("child rape"))
        await pilot.press("enter")
        assert view.focus_entity == "e1"


async def test_search_counts_matches_and_n_N_move_between_them():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        view = app.article_view
        await pilot.press("slash", *"Decker")
        assert len(view.matches) == 1
        await pilot.press("enter")
        assert view.cursor == (offset("Decker"), offset("Decker") + 6)
        assert "/Decker: 1/1 match" in app.status_line.text
        assert app.focused is view
        await pilot.press("slash", *"perez pilarte", "enter")  # case-insensitive
        assert len(view.matches) == TEXT.count("Perez Pilarte")
        # the search runs on from the cursor (on "Decker"): the next match is the last one
        assert view.cursor == view.matches[-1]
        await pilot.press("n")  # past the end: wraps to the first
        assert view.cursor == view.matches[0]
        assert view.match_index == 0
        await pilot.press("n")
        assert view.cursor == view.matches[1]
        await pilot.press("N", "N")  # before the first: wraps to the last
        assert view.match_index == len(view.matches) - 1
        assert "5/5 matches" in app.status_line.text


async def test_escape_clears_the_search_without_jumping():
    """Defect 1: the query stayed in the status line after escape."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"Kenney")
        assert len(app.article_view.matches) == TEXT.count("Kenney")
        await pilot.press("escape")
        assert app.article_view.cursor is None
        assert app.focused is app.article_view
        assert app.article_view.matches == [] and app.article_view.query_text == ""
        assert "Kenney" not in app.status_line.text


async def test_less_keys_scroll():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = app.article_view
        page = view.scrollable_content_region.height - 1
        await pilot.press("j", "j", "down")
        assert view.scroll_y == 3
        await pilot.press("k", "up")
        assert view.scroll_y == 1
        await pilot.press("space")
        assert view.scroll_y == 1 + page
        await pilot.press("b")
        assert view.scroll_y == 1
        await pilot.press("pagedown")
        assert view.scroll_y == 1 + page
        await pilot.press("pageup", "G")
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("end")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("home")
        assert view.scroll_y == 0


async def test_cursor_moves_scroll_it_into_view():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        view = app.article_view
        await pilot.press("slash", *"News Works", "enter")
        row = view.row_of(view.cursor[0])
        assert view.scroll_y <= row < view.scroll_y + view.scrollable_content_region.height
        assert view.scroll_y > 0


async def test_number_keys_toggle_layers_and_the_legend_shows_it():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        view = app.article_view
        await pilot.press("1")
        assert "PERSON" in view.hidden_layers
        assert "PERSON" in app.legend.hidden
        assert all(s.label != "PERSON" for s in view.visible_spans())
        await pilot.press("3", "4", "5", "6", "2")
        assert view.visible_spans() == []
        for key in "123456":
            await pilot.press(key)
        assert view.hidden_layers == set()
        assert app.legend.hidden == frozenset()


async def test_s_switches_focus_and_f_hides_the_sidebar():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.focused is app.article_view
        await pilot.press("s")
        assert isinstance(app.focused, FactsPanel)
        await pilot.press("s")
        assert app.focused is app.article_view
        await pilot.press("s", "f")
        assert not app.sidebar.display
        assert app.focused is app.article_view
        await pilot.press("f")
        assert app.sidebar.display


async def test_selecting_a_sidebar_item_jumps_to_mentions_and_cycles():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        facts, view = app.facts, app.article_view
        await pilot.press("s")
        assert facts.reveal_key("entity:e3")
        await pilot.pause()
        await pilot.press("enter")
        assert view.cursor == (offset("Jim Kenney"), offset("Jim Kenney") + 10)
        await pilot.press("enter")
        assert view.cursor == (offset("Jim Kenney", 1), offset("Jim Kenney", 1) + 10)
        for _ in range(3):
            await pilot.press("enter")
        assert view.cursor == (offset("Jim Kenney"), offset("Jim Kenney") + 10)  # back to the first
        assert facts.reveal_key("charge:" + str(offset("theft by")))
        await pilot.pause()
        await pilot.press("enter")
        assert view.selected_span.text == "theft by unlawful taking"


async def test_question_mark_lists_every_binding_and_closes():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        ids = {row[3] for row in app.screen.rows}
        for _, bindings in app.binding_groups():
            for binding in bindings:
                assert binding.id in ids, binding
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits_with_exit_code_zero():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("q")
    assert app.return_code == 0


async def test_angle_brackets_switch_articles_and_keep_each_place():
    other = LoadedText(text="Second story\n\nMaria Lopez said nothing.\n", source="b.txt",
                       title="Second story")
    app = make_app(documents=[seed_loaded(), other])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("tab", "tab")
        kept = app.article_view.cursor
        await pilot.press("greater_than_sign")
        assert app.current == 1
        assert app.title == "Second story"
        assert app.article_view.article.source == "b.txt"
        assert "article 2/2" in app.status_line.text
        await pilot.press("less_than_sign")
        assert app.current == 0
        assert app.article_view.cursor == kept


async def test_t_switches_between_dark_and_light_and_layer_colours_follow():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        dark = app.get_css_variables()["layer-date"]
        assert app.current_theme.dark
        await pilot.press("t")
        assert not app.current_theme.dark
        assert app.get_css_variables()["layer-date"] != dark


async def test_config_keymap_remaps_bindings_by_id():
    settings = Settings(cache=False, bindings={"next_highlight": "x", "toggle_sidebar": "ctrl+s"})
    app = make_app(settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("x")
        assert app.article_view.selected_span.text == "Philadelphia"
        await pilot.press("ctrl+s")
        assert not app.sidebar.display
        await pilot.press("question_mark")
        keys = {row[3]: row[1] for row in app.screen.rows}
        assert keys["next_highlight"] == "x"


async def test_unknown_binding_id_in_config_is_reported_not_fatal():
    app = make_app(settings=Settings(cache=False, bindings={"no_such_action": "x"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert any("no_such_action" in str(n.message) for n in app._notifications)


def test_app_exposes_the_palette_as_css_variables():
    app = ReaderApp([seed_loaded()])
    variables = app.get_css_variables()
    assert variables["layer-person"].lower() == "#56b4e9"


async def test_clicking_a_highlight_moves_the_cursor_and_double_click_focuses():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        view = app.article_view
        start = offset("U.S. Immigration")
        row = view.row_of(start)
        column = start - view._index.row(row)[0]
        # the view has one cell of left padding
        await pilot.click(view, offset=(1 + column + 3, row - int(view.scroll_y)))
        assert view.selected_span.text == "U.S. Immigration and Customs Enforcement"
        await pilot.click(view, offset=(1 + column + 3, row - int(view.scroll_y)), times=2)
        assert view.focus_entity == "e5"


async def test_command_palette_offers_the_main_actions():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        commands = {c.title: c.callback for c in app.get_system_commands(app.screen)}
        for title in ("Search", "Toggle sidebar", "Help", "Export", "Next highlight", "Focus entity",
                      "Clear focus", "Light/dark", "Toggle People", "Toggle Charges"):
            assert title in commands
        commands["Toggle sidebar"]()
        assert not app.sidebar.display
        commands["Toggle Charges"]()
        assert "CHARGE" in app.article_view.hidden_layers
        commands["Next highlight"]()
        assert app.article_view.selected_span.text == "Philadelphia"


async def test_theme_from_the_config_is_used():
    app = make_app(settings=Settings(cache=False, theme="textual-light"))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.theme == "textual-light"
        assert not app.current_theme.dark


async def test_e_opens_the_export_dialog_and_writes_the_current_article(tmp_path, monkeypatch):
    from textual.widgets import Select

    from reader.ui.screens.export import ExportScreen

    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await ready(pilot)
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-format", Select).value = "json"
        await ready(pilot)
        await pilot.click("#export-go")
        await app.workers.wait_for_complete()
        await ready(pilot)
        assert not isinstance(app.screen, ExportScreen)
    written = tmp_path / "seed_philly_detainer.json"
    assert written.exists()
    assert '"text": ' in written.read_text(encoding="utf-8")
    assert seed_article().spans[0].text in written.read_text(encoding="utf-8")
