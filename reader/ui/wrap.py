"""Soft wrapping computed row by row, on demand, so a book paints its first screen as fast as a page.

A row is a `(start, end)` slice of the text. Rows are produced in order from wherever the last one
stopped, so asking for the first screen costs one screen of work whatever the text's length; the
row count of the part not yet wrapped is estimated (newlines plus characters / width) until the
background pass or a jump to the end finishes it. No Textual here: this is plain string work.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.cells import get_character_cell_size


class WrapIndex:
    """Rows of `text` wrapped at `width` cells, computed lazily from the top."""

    def __init__(self, text: str, width: int) -> None:
        self.text = text
        self.width = max(1, width)
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._next = 0  # where the next row starts
        self._complete = not text
        if not text:
            self._starts.append(0)
            self._ends.append(0)

    @property
    def complete(self) -> bool:
        return self._complete

    @property
    def rows_done(self) -> int:
        return len(self._starts)

    def estimated_rows(self) -> int:
        """Exact once complete; before that, the rows so far plus a cheap guess for the rest."""
        if self._complete:
            return len(self._starts)
        rest = len(self.text) - self._next
        return len(self._starts) + self.text.count("\n", self._next) + rest // self.width + 1

    def row(self, index: int) -> tuple[int, int]:
        """The text slice shown on row `index` (which must exist: call `ensure_rows` first)."""
        return self._starts[index], self._ends[index]

    def ensure_rows(self, count: int) -> None:
        """Wrap until at least `count` rows exist or the text is done."""
        while not self._complete and len(self._starts) < count:
            self._wrap_one()

    def ensure_offset(self, offset: int) -> None:
        """Wrap until the row holding text offset `offset` exists."""
        while not self._complete and self._next <= offset:
            self._wrap_one()

    def wrap_some(self, rows: int) -> bool:
        """Wrap up to `rows` more rows (for background completion); True when the text is done."""
        self.ensure_rows(len(self._starts) + rows)
        return self._complete

    def row_of(self, offset: int) -> int:
        """The row that shows text offset `offset` (the last row at or before it)."""
        self.ensure_offset(offset)
        return max(0, bisect_right(self._starts, offset) - 1)

    def _wrap_one(self) -> None:
        text, pos, width = self.text, self._next, self.width
        newline = text.find("\n", pos, pos + width * 4 + 1)
        limit = newline if newline != -1 else min(len(text), pos + width * 4)
        fit = self._fit(pos, limit)
        if fit == limit and (newline != -1 or limit == len(text)):
            end, following = limit, limit + 1  # the rest of the paragraph fits: skip its newline
        else:
            end = fit
            space = text.rfind(" ", pos + 1, fit + 1)
            if space > pos and fit < limit:
                end, following = space, space + 1  # break at the last space; the space is not shown
            else:
                following = end = max(fit, pos + 1)  # no space: a hard break inside the word
        self._starts.append(pos)
        self._ends.append(end)
        self._next = following
        if following >= len(text):
            self._complete = True

    def _fit(self, pos: int, limit: int) -> int:
        """The furthest offset <= limit such that text[pos:offset] fits in `width` cells."""
        chunk = self.text[pos:limit]
        if chunk.isascii():
            return pos + min(len(chunk), self.width)
        cells = 0
        for i, ch in enumerate(chunk):
            cells += get_character_cell_size(ch) or 1  # controls show as one-cell symbols
            if cells > self.width:
                return pos + i
        return limit
