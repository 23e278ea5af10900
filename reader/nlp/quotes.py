"""Find quoted passages by pairing quote marks of every style, one paragraph at a time.

Pure string work (no spaCy) so it is cheap and testable on its own. An odd number of marks never
raises: an opening mark left unclosed at the end of its paragraph quotes up to the paragraph's end,
which is also how a quotation running over several paragraphs is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> closing marks that may end it
PAIRS: dict[str, str] = {
    "“": "”\"",
    "\"": "\"”",
    "«": "»",
    "„": "“”",
    "‘": "’",
    "‹": "›",
}
PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class QuotedPassage:
    """Offsets of the words inside a pair of marks (marks excluded) and the marks themselves."""

    start: int
    end: int
    open_mark: str
    close_mark: str  # "" when the paragraph ended before a closing mark


def find_quoted(text: str) -> list[QuotedPassage]:
    """Every quoted passage in the text, in order; never raises."""
    found: list[QuotedPassage] = []
    for para in PARAGRAPH.finditer(text):
        found.extend(_in_paragraph(text, para.start(), para.end()))
    return found


def _is_apostrophe(text: str, i: int) -> bool:
    """A ’ or ' between letters (It’s, O’Brien) is an apostrophe, not a quote mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "‘’'" and re.match(r"\d\d(?!\w)", text[i + 1 : i + 4]):
        return True  # a year cut short: ’19, the class of ‘98
    return text[i] in "’'" and before.isalnum() and after.isalnum()


def _can_open(text: str, i: int, start: int) -> bool:
    """An ambiguous mark (straight or single) opens only at a word start; before a space only when
    it starts the paragraph or follows a space and a word comes next (" We won," she said)."""
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        spaced_word = after == " " and i + 2 < len(text) and text[i + 2].isalnum()
        return spaced_word and (i == start or text[i - 1].isspace())
    return i == start or not text[i - 1].isalnum()


def _in_paragraph(text: str, start: int, end: int) -> list[QuotedPassage]:
    out: list[QuotedPassage] = []
    i = start
    while i < end:
        ch = text[i]
        if ch not in PAIRS or _is_apostrophe(text, i) or (ch in "\"‘" and not _can_open(text, i, start)):
            i += 1
            continue
        close, reopen = _find_close(text, i + 1, end, ch)
        stop = close if close is not None else (reopen if reopen is not None else end)
        if text[i + 1 : stop].strip():
            out.append(QuotedPassage(i + 1, stop, ch, text[close] if close is not None else ""))
        i = close + 1 if close is not None else stop
    return out


def _find_close(text: str, i: int, end: int, opener: str) -> tuple[int | None, int | None]:
    """(closing mark index, None), or (None, index of a new opening mark that cut the quote short)."""
    closers = PAIRS[opener]
    while i < end:
        ch = text[i]
        if ch in closers and not _is_apostrophe(text, i):
            if ch == "\"" and _opens_word(text, i):
                return None, i  # a straight mark opening the next word: the quote was never closed
            return i, None
        if ch == opener and opener in "“«„‹":
            return None, i
        i += 1
    return None, None


def _opens_word(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isspace() and after.isalnum()
