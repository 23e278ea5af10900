"""The neutralisation boundary: what any surface gets from article text is free of controls."""

from __future__ import annotations

from reader.shown import Shown, needs_neutralising, shown_line, shown_text

# The attack of issue 14: OSC retitle, CSI clear, SGR conceal, a C1 CSI, a bidi override.
TITLE = "Title\x1b]0;PWNED\x07 here\x1b[2J cleared \x1b[8mhidden\x1b[0m \x9b31m c1 \u202eevil\u202c"


def test_shown_replaces_every_control_and_keeps_the_length() -> None:
    out = Shown(TITLE)
    assert isinstance(out, Shown) and len(out) == len(TITLE)
    assert not needs_neutralising(out)
    assert "PWNED" in out and "hidden" in out  # nothing is dropped, only made visible
    assert "␛" in out and "␇" in out


def test_shown_is_idempotent_and_keeps_paragraphs() -> None:
    once = Shown("one\n\ntwo\tthree")
    assert Shown(once) is once
    assert once == "one\n\ntwo\tthree"


def test_concatenating_plain_text_leaves_the_boundary() -> None:
    joined = Shown("safe") + "\x1b[2J"
    assert not isinstance(joined, Shown)  # so a surface typed `Shown` refuses it (mypy and isinstance)


def test_shown_line_is_one_line_and_hides_nothing() -> None:
    line = shown_line("a\x1c\x1d\x85b\n  c\u2028d")
    assert "\n" not in line and "␜" in line and "␝" in line and "\ufffd" in line  # not eaten as spaces
    assert line.endswith("c\u2028d") or line.endswith("c d")


def test_shown_line_clips_with_an_ellipsis_and_falls_back_when_empty() -> None:
    assert shown_line("x" * 50, 10) == "x" * 9 + "…"
    assert shown_line("  \n ", empty="reader") == "reader"
    assert shown_line(None) == ""


def test_shown_text_never_parses_markup() -> None:
    text = shown_text(Shown("[bold red]not markup[/]"), "italic")
    assert text.plain == "[bold red]not markup[/]" and not text.spans
