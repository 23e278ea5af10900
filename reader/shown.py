"""The one boundary between article-derived text and a terminal.

An article's title, names, quotes, its path or URL, and any error message that quotes them can
carry terminal control sequences: OSC retitles the window, CSI clears the screen or hides text, C1
controls do the same in one byte, bidi overrides reorder what is shown. Every such string passes
through `Shown` before a widget, a title, a notification, a status line or the CLI's stderr gets
it: its constructor replaces each control character by a visible symbol, one for one, so offsets
still line up. Surfaces take `Shown`, not `str`, so mypy names any that forgets. Core module: no
Textual; Rich only for `shown_text`, which never parses markup.
"""

from __future__ import annotations

from rich.text import Text

# Bidi embedding/override/isolate controls and other invisible format characters that can reorder
# or hide text in a terminal.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
REPLACEMENT = "\ufffd"
# Noncharacters that XML (and so SVG) refuses outright.
XML_NONCHARACTERS = frozenset("\ufffe\uffff")
ELLIPSIS = "…"


def neutralise_char(ch: str) -> str:
    """A control character's visible stand-in; every other character is returned unchanged."""
    code = ord(ch)
    if ch in "\n\t":
        return ch
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ESC -> ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= code < 0xA0 or ch in BIDI_CONTROLS or 0xD800 <= code < 0xE000 or ch in XML_NONCHARACTERS:
        return REPLACEMENT
    return ch


def needs_neutralising(text: str) -> bool:
    return any(neutralise_char(ch) != ch for ch in text)


def neutralise(text: str) -> str:
    """Text safe to show in a terminal, the same length as the input (one symbol per control)."""
    if not needs_neutralising(text):
        return text
    return "".join(neutralise_char(ch) for ch in text)


class Shown(str):
    """A string that is safe on a terminal: built only by neutralising, so it cannot hold a control.

    `Shown(text)` keeps newlines and tabs (a paragraph, a quote); `shown_line` makes one line.
    Concatenating a `Shown` with a plain `str` gives a plain `str` again, so a surface typed
    `Shown` rejects it until it goes through the boundary once more.
    """

    __slots__ = ()

    def __new__(cls, text: str = "") -> Shown:
        if isinstance(text, Shown):
            return text
        return super().__new__(cls, neutralise(str(text)))


def shown_line(text: str | None, limit: int | None = None, empty: str = "") -> Shown:
    """One line for a title, a row or a message: controls made visible, whitespace runs as one space,
    clipped to `limit` characters with an ellipsis; `empty` when nothing is left."""
    words = " ".join(neutralise(text or "").split())  # neutralise first: str.split eats \x1c-\x1f, \x85
    if not words:
        words = neutralise(empty)
    if limit is not None and len(words) > limit:
        words = words[: max(0, limit - 1)] + ELLIPSIS
    return Shown(words)


def shown_text(text: Shown, style: str = "") -> Text:
    """A Rich Text of already-shown text: no markup is parsed, so `[bold]` in an article stays literal."""
    return Text(text, style=style, end="")
