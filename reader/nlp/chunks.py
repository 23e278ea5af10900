"""Split a long text into chunks for `nlp.pipe`, at paragraph breaks where possible.

Pure string work. A chunk never exceeds `limit` characters: paragraphs are packed together up to the
limit; a paragraph longer than the limit is cut after sentence punctuation, else at whitespace, else
hard. Chunks are (start, end) offsets into the text, covering it with no gaps, so offsets found in a
chunk map back by adding its start.
"""

from __future__ import annotations

import re

PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
WHITESPACE = re.compile(r"\s+")


def split_chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) pairs covering `text` in order, each at most `limit` characters long."""
    limit = max(1, limit)
    if len(text) <= limit:
        return [(0, len(text))] if text else []
    pieces = _paragraph_pieces(text)
    chunks: list[tuple[int, int]] = []
    start = 0
    end = 0
    for piece_start, piece_end in pieces:
        if piece_end - piece_start > limit:
            if end > start:
                chunks.append((start, end))
            chunks.extend(_split_long(text, piece_start, piece_end, limit))
            start = end = piece_end
            continue
        if piece_end - start > limit and end > start:
            chunks.append((start, end))
            start = end
        end = piece_end
    if end > start:
        chunks.append((start, end))
    return chunks


def _paragraph_pieces(text: str) -> list[tuple[int, int]]:
    """Paragraphs with their trailing break attached, covering the whole text."""
    pieces = []
    start = 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        pieces.append((start, brk.end()))
        start = brk.end()
    if start < len(text):
        pieces.append((start, len(text)))
    return pieces


def _split_long(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut one over-long paragraph at the last sentence end (else whitespace) before each limit."""
    out = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = _last_cut(SENTENCE_END, window) or _last_cut(WHITESPACE, window) or limit
        out.append((start, start + cut))
        start += cut
    if end > start:
        out.append((start, end))
    return out


def _last_cut(pattern: re.Pattern[str], window: str) -> int | None:
    """Where the last match of `pattern` in the window ends (None when there is none)."""
    last = None
    for m in pattern.finditer(window):
        last = m.end()
    return last or None
