"""Every surface where article text can appear gets it through the neutralising boundary.

One hostile article carries OSC (retitle), CSI (clear, conceal), a C1 CSI, bidi overrides and Rich
markup in its title, names, roles, quotes, charges, dates and source; each test looks at one
surface and checks that no control character reaches it and that nothing was dropped.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import make_app
from textual.widgets import Static

from reader.config import Settings
from reader.export import ExportError
from reader.model import Article, Charge, Entity, Event, Quote, Span
from reader.shown import needs_neutralising
from reader.sources import LoadedText
from reader.ui.screens.export import ExportScreen
from reader.ui.screens.help import HelpScreen, binding_rows
from reader.ui.widgets.status_line import StatusLine

ATTACK = "Title\x1b]0;PWNED\x07 here\x1b[2J cleared \x1b[8mhidden\x1b[0m \x9b31m c1 \u202eevil\u202c [b]x[/b]"
NAME = "Ann\x1b[2J\u202eLee"
BODY = f"{NAME} said \u201cgo\x1b]0;Q\x07 now\u201d after a theft\x9b1m charge on May 1.\n"
TEXT = f"{ATTACK}\n\n{BODY}"
SOURCE = "evil\x1b]0;SRC\x07.txt"


def hostile_article() -> Article:
    at = TEXT.index(NAME)
    quote = TEXT.index("go\x1b")
    quote_end = TEXT.index("\u201d", quote)
    charge = TEXT.index("theft")
    charge_end = TEXT.index(" charge")
    date = TEXT.index("May 1")
    return Article(
        text=TEXT, source=SOURCE, title=ATTACK, pipeline={"model": "fake"},
        spans=[Span(at, at + len(NAME), "PERSON", NAME, "e1"),
               Span(quote, quote_end, "QUOTE", TEXT[quote:quote_end]),
               Span(charge, charge_end, "CHARGE", TEXT[charge:charge_end])],
        entities=[Entity("e1", "PERSON", NAME, aliases=[NAME, "A\x1b[8mL"], roles=["boss\x9b2J\u2066x"],
                         mentions=[(at, at + len(NAME))])],
        quotes=[Quote(quote, quote_end, TEXT[quote:quote_end], "e1", NAME, "said")],
        charges=[Charge(charge, charge_end, TEXT[charge:charge_end], "e1", "charged")],
        events=[Event("2024-05-01", "May\x1b[2J 1", "a theft\x9b1m", charge, charge_end, date, date + 5,
                      ["e1"])],
    )


def loaded() -> LoadedText:
    return LoadedText(text=TEXT, source=SOURCE, title=ATTACK)


def assert_shown(text: str, *visible: str) -> None:
    """No control reaches the surface, and the words around them are still there."""
    assert not needs_neutralising(text), repr(text)
    for word in visible:
        assert word in text, (word, text)


def screen_text(app: Any) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def all_labels(app: Any) -> list[str]:
    nodes, stack = [], list(app.facts.root.children)
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(node.children)
    return [node.label.plain for node in nodes]


async def settle(pilot: Any) -> None:
    for _ in range(3):
        await pilot.pause()


async def test_header_and_window_title() -> None:
    app = make_app(steps=lambda _: [(1.0, hostile_article())], documents=[loaded()])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert_shown(app.title, "PWNED", "hidden", "[b]x[/b]")
        assert_shown(app.sub_title, "SRC")
        header = screen_text(app).splitlines()[0]
        assert_shown(header, "PWNED", "here", "cleared", "hidden", "SRC")


async def test_sidebar_rows() -> None:
    app = make_app(steps=lambda _: [(1.0, hostile_article())], documents=[loaded()])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        for node in list(app.facts.root.children):
            node.expand_all()
        await settle(pilot)
        labels = "\n".join(all_labels(app))
        assert_shown(labels, "Ann", "Lee", "boss", "now", "theft", "2024-05-01", "aka A")
        assert_shown(screen_text(app), "Ann")


async def test_sidebar_message_of_a_failed_analysis_and_its_notification() -> None:
    def broken(_loaded: LoadedText) -> Any:
        raise RuntimeError(f"cannot analyse {ATTACK}")

    app = make_app(steps=broken, documents=[loaded()])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert_shown("\n".join(all_labels(app)), "no facts", "PWNED")
        messages = [n.message for n in app._notifications]
        assert messages and all(not n.markup for n in app._notifications)
        for message in messages:
            assert_shown(message, "SRC", "PWNED", "[b]x[/b]")


async def test_status_line() -> None:
    app = make_app(steps=lambda _: [(1.0, hostile_article())], documents=[loaded()])
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # the cursor on the hostile name: the status line quotes it
        await pilot.press("enter")  # focus mode names the entity
        await settle(pilot)
        status = app.status_line.text
        assert_shown(status, "Ann", "focus:")
        assert_shown(app.query_one(StatusLine).render().plain, "Ann")


async def test_search_prompt_echo_in_the_status_line() -> None:
    app = make_app(steps=lambda _: [(1.0, hostile_article())], documents=[loaded()])
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        app.article_view.search("Ann\x1b[2J")
        app._refresh_status()
        assert_shown(app.status_line.text, "/Ann")


async def test_command_palette_names_the_other_article() -> None:
    plain = LoadedText(text="Plain title\n\nbody\n", source="plain.txt", title="Plain title")
    app = make_app(steps=None, documents=[plain, loaded()])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert_shown(commands["Next article"], "PWNED")
        assert_shown(commands["Previous article"], "PWNED")
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert_shown(app.title, "PWNED")


async def test_help_rows_from_a_hostile_keymap() -> None:
    app = make_app(steps=None, documents=[loaded()],
                   settings=Settings(cache=False, bindings={"next\x1b]0;K\x07": "ctrl+n"}))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        notes = [n.message for n in app._notifications]
        assert any("unknown binding" in m for m in notes)
        for message in notes:
            assert_shown(message)
        rows = binding_rows(app.binding_groups(), {"next_highlight": "ctrl+n\x1b[2J"})
        for row in rows:
            for cell in row:
                assert_shown(cell)
        await pilot.app.push_screen(HelpScreen(rows))
        await settle(pilot)
        assert_shown(screen_text(app), "Keys", "Next highlight")  # no binding-id column (issue 13, defect 8)


@pytest.mark.parametrize("failure", ["dialog", "notification"])
async def test_export_dialog_errors(tmp_path: Any, monkeypatch: pytest.MonkeyPatch, failure: str) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> str:
        raise ExportError(f"cannot export {ATTACK}")

    monkeypatch.setattr("reader.ui.screens.export.export_article", refuse)
    monkeypatch.chdir(tmp_path)
    app = make_app(steps=None, documents=[loaded()])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        if failure == "notification":  # the dialog was closed while the write ran: the app says it
            screen.dismiss(None)
            await settle(pilot)
            screen._failed(f"cannot export {ATTACK}")
            await settle(pilot)
            last = list(app._notifications)[-1]
            assert_shown(last.message, "PWNED", "[b]x[/b]")
            assert not last.markup
            return
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await settle(pilot)
        error = str(screen.query_one("#export-error", Static).render())
        assert_shown(error, "PWNED", "[b]x[/b]")
