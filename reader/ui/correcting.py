"""The reader's corrections inside the app: one Session per open article, applied to every analysis.

The app hands each analysis it receives (partial or final) to `corrected` and shows what comes
back; `record` and `undo` change the session (saved at once) and return the article to show. The
raw analysis is kept so an undo never needs the model again. No widgets here, only the bookkeeping
the app would otherwise grow.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.notifications import SeverityLevel

from reader.corrections import CorrectionsError, Operation, Session
from reader.errors import ReaderError
from reader.model import Article, Span

Notify = Callable[[str, SeverityLevel], None]  # App.notify's message and severity


class OpenCorrections:
    """The corrections of the articles open in the app, by document index."""

    def __init__(self, notify: Notify) -> None:
        self.notify = notify
        self._sessions: dict[int, Session | None] = {}
        self._raw: dict[int, Article] = {}

    def session(self, index: int, article: Article) -> Session | None:
        """The document's session, loaded on first use; None (said once) when its file is broken."""
        if index not in self._sessions:
            try:
                self._sessions[index] = Session(article.text, article.source)
            except CorrectionsError as exc:
                self._sessions[index] = None
                self.notify(f"Corrections not applied: {exc}", "error")
        return self._sessions[index]

    def corrected(self, index: int, raw: Article, final: bool = True) -> Article:
        """The article to show for this analysis; skipped corrections are reported once, when final."""
        self._raw[index] = raw
        session = self.session(index, raw)
        if session is None or not session.operations:
            return raw
        article, fresh = session.apply(raw, final)
        for message in fresh:
            self.notify(message, "warning")
        return article

    def record(self, index: int, operation: Operation) -> Article | None:
        """Save one more correction; the article to show now (None if it could not be saved)."""
        raw = self._raw.get(index)
        session = self.session(index, raw) if raw is not None else None
        if raw is None or session is None:
            self.notify("Corrections need the analysis first", "warning")
            return None
        try:
            session.add(operation)
        except ReaderError as exc:
            self.notify(f"Correction not saved: {exc}", "error")
            return None
        return self.corrected(index, raw)

    def undo(self, index: int) -> tuple[Operation | None, Article | None]:
        """Forget the last correction: (the operation undone, the article to show)."""
        raw = self._raw.get(index)
        session = self._sessions.get(index)
        if raw is None or session is None:
            return None, None
        try:
            undone = session.undo()
        except ReaderError as exc:
            self.notify(f"Undo not saved: {exc}", "error")
            return None, None
        return undone, (self.corrected(index, raw) if undone is not None else None)


def corrected_notes(article: Article, span: Span | None) -> tuple[str, ...]:
    """The status line's word for corrections: the highlight under the cursor, else the article."""
    if span is not None and span.corrected:
        return ("✎ corrected",)
    return ("corrected",) if article.corrections else ()
