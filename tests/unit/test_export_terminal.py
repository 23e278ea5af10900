"""ANSI and SVG: the terminal view of the article, from the same styled text the TUI shows."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.export import export_article
from reader.export.render import neutralise
from reader.export.terminal import terminal_width
from reader.model import Article, Span

SEED_JSON = Path(__file__).resolve().parents[1] / "data" / "seed_export.json"
SGR = re.compile(r"\x1b\[([0-9;]*)m")
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seed() -> Article:
    return Article.loads(SEED_JSON.read_text(encoding="utf-8"))


def sgr_params(ansi: str) -> list[list[str]]:
    return [m.group(1).split(";") for m in SGR.finditer(ansi)]


def has_colour(params: list[str]) -> bool:
    """True if an SGR parameter list sets a foreground or background colour."""
    i = 0
    while i < len(params):
        p = int(params[i] or 0)
        if p in (38, 48):
            return True
        if 30 <= p <= 37 or 40 <= p <= 47 or 90 <= p <= 97 or 100 <= p <= 107:
            return True
        i += 1
    return False


def plain(ansi: str) -> str:
    return SGR.sub("", ansi)


def words(text: str) -> str:
    return " ".join(text.split())


def body(ansi: str) -> str:
    """The article under the legend line and its blank line."""
    legend, rest = plain(ansi).split("\n\n", 1)
    assert legend.startswith("Highlights:")
    return rest


def test_ansi_starts_with_a_legend_of_the_layers_shown(seed: Article) -> None:
    assert plain(export_article(seed, "ansi", width=100, layers=["ORG", "QUOTE"])).split("\n")[0] == (
        "Highlights:  Organisations  Quotes  quoted terms")
    svg = export_article(seed, "svg", width=100)
    assert "Highlights:" in svg and "Organisations" in svg


def test_ansi_has_layer_colours_and_cues(seed: Article) -> None:
    ansi = export_article(seed, "ansi", width=100)
    params = sgr_params(ansi)
    assert any(p[:1] == ["1"] and "38" in p for p in params)  # bold + colour: people
    flat = {tuple(p) for p in params}
    assert ("1", "38", "2", "86", "180", "233") in flat  # PERSON: bold #56B4E9
    assert any("7" in p for p in params)  # CHARGE: reverse
    assert any("3" in p for p in params)  # QUOTE: italic
    assert "\x1b" not in plain(ansi)  # nothing but SGR sequences
    assert words(body(ansi)) == words(seed.text)


def test_ansi_wraps_to_the_width(seed: Article) -> None:
    for width in (40, 100):
        lines = plain(export_article(seed, "ansi", width=width)).split("\n")
        assert max(cell_len(line) for line in lines) <= width
        assert max(cell_len(line) for line in lines) > width - 15


def test_ansi_width_defaults_to_the_terminal(seed: Article, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "57")
    assert terminal_width() == 57
    lines = plain(export_article(seed, "ansi")).split("\n")
    assert max(cell_len(line) for line in lines) <= 57
    monkeypatch.delenv("COLUMNS")
    # no terminal at all (a pipe, cron): the documented fallback
    monkeypatch.setattr("shutil.get_terminal_size", lambda fallback=(80, 24): os.terminal_size(fallback))
    assert terminal_width() == 80


def test_no_colour_keeps_only_the_non_colour_cues(seed: Article) -> None:
    ansi = export_article(seed, "ansi", width=100, colour=False)
    params = sgr_params(ansi)
    assert params, "NO_COLOR still marks layers with bold/underline/italic/reverse"
    assert not any(has_colour(p) for p in params)
    used = {p for group in params for p in group}
    assert {"1", "3", "4", "7"} <= used
    assert words(body(ansi)) == words(seed.text)


def test_layers_limit_the_ansi_highlights(seed: Article) -> None:
    ansi = export_article(seed, "ansi", width=100, layers=["ORG"])
    used = {p for group in sgr_params(ansi) for p in group}
    assert "4" in used and "1" not in used and "7" not in used and "3" not in used


TERMINAL_ATTACK = (
    "Title \x1b]0;pwned title\x07 here\n\n"
    "Clear \x1b[2J\x1b[H screen, hide \x1b[8m text \x1b[0m, CSI \x9b31m, DCS \x90x\x9c, "
    "bell \x07, backspace \x08\x08, bidi \u202eevil\u202c \u2067iso\u2069, [bold red]markup[/bold red] "
    "[link=https://evil.example]link[/link] [@click=app.quit]quit[/] :smile:\n"
)


@pytest.fixture()
def attack() -> Article:
    start = TERMINAL_ATTACK.index("screen")
    return Article(text=TERMINAL_ATTACK, title="Title \x1b]0;pwned title\x07 here",
                   spans=[Span(start, start + 6, "PERSON", "screen")])


def test_ansi_neutralises_control_sequences_from_the_article(attack: Article) -> None:
    for colour in (True, False):
        ansi = export_article(attack, "ansi", width=200, colour=colour)
        rest = plain(ansi)
        for bad in ("\x1b", "\x07", "\x9b", "\x90", "\x9c", "\x08", "\u202e", "\u2067"):
            assert bad not in rest
        assert "[bold red]markup[/bold red]" in rest and ":smile:" in rest
        assert "\u241b]0;pwned title\u2407" in rest


def test_svg_parses_as_xml_with_a_title(seed: Article) -> None:
    svg = export_article(seed, "svg")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    texts = ["".join(t.itertext()).replace("\xa0", " ") for t in root.iter(f"{SVG_NS}text")]
    assert seed.title in texts
    body = " ".join(texts)
    assert "Tom Decker" in body and "child rape" in body
    assert "https://cdnjs" not in svg and "url(\"http" not in svg  # no web font fetched
    styles = "".join(s.text or "" for s in root.iter(f"{SVG_NS}style"))
    assert "#56b4e9" in styles.lower()  # PERSON colour reaches the picture


def test_svg_width_follows_the_option(seed: Article) -> None:
    narrow = ET.fromstring(export_article(seed, "svg", width=40))
    wide = ET.fromstring(export_article(seed, "svg", width=120))
    width = lambda root: float(root.get("viewBox", "0 0 0 0").split()[2])  # noqa: E731
    assert width(narrow) < width(wide)


def test_svg_of_a_hostile_article_is_valid_xml_and_literal(attack: Article) -> None:
    svg = export_article(attack, "svg", width=200)
    root = ET.fromstring(svg)  # raises on any control character XML forbids
    text = "".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")).replace("\xa0", " ")
    assert "[bold red]markup[/bold red]" in text
    assert "\u241b]0;pwned title\u2407" in text
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in svg
    assert neutralise(attack.title) in text
