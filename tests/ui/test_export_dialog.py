"""The export dialog, driven with Textual's Pilot from a tiny host app (no spaCy, no ReaderApp)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Checkbox, Input, Select, SelectionList, Static

from reader.config import Settings
from reader.layers import all_labels
from reader.model import Article
from reader.ui.screens.export import ExportScreen

SEED_JSON = Path(__file__).resolve().parents[1] / "data" / "seed_export.json"
UNSET = object()
BUTTON_REARM = 0.3  # a Button ignores clicks during its 0.2 s "active" animation


class Host(App[None]):
    """Pushes the dialog on start, as ReaderApp does on `e`, and records what comes back."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self.result: Any = UNSET
        self.messages: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(ExportScreen(self.article, Settings()), self.done)

    def done(self, result: tuple[str, Path] | None) -> None:
        self.result = result[1] if result is not None else None  # the path written

    def notify(self, message: str, **kwargs: Any) -> None:  # type: ignore[override]
        self.messages.append(str(message))
        super().notify(message, **kwargs)


@pytest.fixture()
def seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Article:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    article = Article.loads(SEED_JSON.read_text(encoding="utf-8"))
    article.source = "/somewhere/else/seed_philly_detainer.txt"
    return article


async def settle(pilot: Any) -> None:
    """Let the export worker finish and its result reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def error_text(app: App) -> str:
    return str(app.screen.query_one("#export-error", Static).render())


async def test_defaults_then_export_html(seed: Article, tmp_path: Path) -> None:
    app = Host(seed)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        assert screen.query_one("#export-path", Input).value == "seed_philly_detainer.html"
        assert screen.query_one("#export-format", Select).value == "html"
        assert sorted(screen.query_one("#export-layers", SelectionList).selected) == sorted(all_labels())
        assert screen.query_one("#export-overwrite", Checkbox).value is False
        await pilot.click("#export-go")
        await settle(pilot)
    target = tmp_path / "seed_philly_detainer.html"
    assert app.result == target
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'class="hl person"' in html
    assert any(str(target) in m for m in app.messages)


async def test_format_choice_follows_into_the_file_name(seed: Article, tmp_path: Path) -> None:
    app = Host(seed)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#export-format", Select).value = "md"
        await pilot.pause()
        assert screen.query_one("#export-path", Input).value == "seed_philly_detainer.md"
        screen.query_one("#export-format", Select).value = "svg"
        await pilot.pause()
        assert screen.query_one("#export-path", Input).value == "seed_philly_detainer.svg"
        await pilot.click("#export-go")
        await settle(pilot)
    assert app.result == tmp_path / "seed_philly_detainer.svg"
    assert (tmp_path / "seed_philly_detainer.svg").read_text(encoding="utf-8").startswith("<svg")


async def test_a_typed_path_is_kept_and_enter_exports(seed: Article, tmp_path: Path) -> None:
    app = Host(seed)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        path_input = screen.query_one("#export-path", Input)
        path_input.value = "notes/mine.txt"
        (tmp_path / "notes").mkdir()
        screen.query_one("#export-format", Select).value = "json"
        await pilot.pause()
        assert path_input.value == "notes/mine.txt"  # the user's name wins over the format's default
        path_input.focus()
        await pilot.press("enter")
        await settle(pilot)
    assert app.result == tmp_path / "notes" / "mine.txt"
    assert Article.loads((tmp_path / "notes" / "mine.txt").read_text(encoding="utf-8")).text == seed.text


async def test_refuses_to_overwrite_until_ticked(seed: Article, tmp_path: Path) -> None:
    target = tmp_path / "seed_philly_detainer.html"
    target.write_text("precious", encoding="utf-8")
    app = Host(seed)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.click("#export-go")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)  # still open
        assert app.result is UNSET
        assert "already exists" in error_text(app) and "Overwrite" in error_text(app)
        assert target.read_text(encoding="utf-8") == "precious"
        await pilot.click("#export-overwrite")
        await pilot.pause()
        assert app.screen.query_one("#export-overwrite", Checkbox).value is True
        await pilot.pause(BUTTON_REARM)
        await pilot.click("#export-go")
        await settle(pilot)
    assert app.result == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


async def test_layers_can_be_switched_off(seed: Article, tmp_path: Path) -> None:
    app = Host(seed)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        layers = app.screen.query_one("#export-layers", SelectionList)
        for label in ("PERSON", "QUOTE", "PLACE", "DATE"):
            layers.deselect(label)
        await pilot.pause()
        await pilot.click("#export-go")
        await settle(pilot)
    html = (tmp_path / "seed_philly_detainer.html").read_text(encoding="utf-8")
    body = html.split("<main>", 1)[1]
    assert 'class="hl org"' in body and 'class="hl charge"' in body
    assert 'class="hl person"' not in body and 'class="hl quote"' not in body


async def test_escape_cancels_without_writing(seed: Article, tmp_path: Path) -> None:
    app = Host(seed)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert app.result is None
    assert list(tmp_path.iterdir()) == []


async def test_a_write_error_is_shown_and_the_dialog_stays(seed: Article, tmp_path: Path) -> None:
    app = Host(seed)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = "missing/folder/x.html"
        await pilot.click("#export-go")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert "does not exist" in error_text(app)
        app.screen.query_one("#export-path", Input).value = "[b]odd[i].html"
        await pilot.pause(BUTTON_REARM)
        await pilot.click("#export-go")
        await settle(pilot)
    assert app.result == tmp_path / "[b]odd[i].html"  # markup in a file name is just characters
    assert (tmp_path / "[b]odd[i].html").exists()


async def test_an_exporter_bug_is_reported_not_fatal(seed: Article, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.export import EXPORTERS

    def broken(*args: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setitem(EXPORTERS, "html", broken)
    app = Host(seed)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.click("#export-go")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert error_text(app) == "Export failed: RuntimeError: boom"
        assert app.screen.query_one("#export-go").disabled is False  # can try again
    assert app.result is UNSET
    assert list(tmp_path.iterdir()) == []


async def test_the_dialog_starts_from_the_layers_shown_and_the_last_format(tmp_path: Path,
                                                                            monkeypatch) -> None:
    """Defect 7: with places and dates off the dialog ticked all layers; the format reset to html."""
    from conftest import make_app

    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        for _ in range(3):
            await pilot.pause()
        await pilot.press("5", "6", "e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        chosen = set(screen.query_one("#export-layers", SelectionList).selected)
        assert chosen == set(all_labels()) - {"PLACE", "DATE"}
        screen.query_one("#export-format", Select).value = "md"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#export-format", Select).value == "md"
        assert app.screen.query_one("#export-path", Input).value.endswith(".md")


async def test_the_overwrite_box_says_its_state_in_words(seed: Article) -> None:
    app = Host(seed)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#export-overwrite", Checkbox)
        assert str(box.label).endswith(": no")
        box.value = True
        await pilot.pause()
        assert str(box.label).endswith(": YES")
