"""The corrections of the article open in the reader: make one, undo the last, apply to each analysis.

The UI keeps one Session per open text. Every change is saved at once (atomically), so quitting,
crashing or clearing the cache loses nothing; a skipped operation is reported once per session,
and only for a finished analysis (a partial one may simply not have reached the mention yet).
"""

from __future__ import annotations

from reader.corrections.apply import apply
from reader.corrections.ops import Operation
from reader.corrections.store import Corrections, load, save
from reader.model import Article


class Session:
    """One text's corrections while it is open; `load` errors (a bad file) surface from the constructor."""

    def __init__(self, text: str, source: str = "") -> None:
        self.corrections: Corrections = load(text, source)
        self._reported: set[str] = set()

    @property
    def operations(self) -> tuple[Operation, ...]:
        return self.corrections.operations

    def apply(self, article: Article, final: bool = True) -> tuple[Article, list[str]]:
        """The corrected article, and the skip messages not reported before (none for a partial one)."""
        fixed, report = apply(article, self.corrections)
        if not final:
            return fixed, []
        fresh = [m for m in report.messages if m not in self._reported]
        self._reported.update(fresh)
        return fixed, fresh

    def add(self, operation: Operation) -> None:
        """Record and save one more correction (nothing changes if the save fails)."""
        updated = self.corrections.adding(operation)
        save(updated)
        self.corrections = updated

    def undo(self) -> Operation | None:
        """Forget and save away the last correction; None when there is none."""
        if not self.corrections.operations:
            return None
        last = self.corrections.operations[-1]
        updated = self.corrections.without_last()
        save(updated)
        self.corrections = updated
        return last
