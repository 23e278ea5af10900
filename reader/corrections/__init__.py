"""A reader's corrections to the analysis (`reader.corrections/1`, DESIGN section 2b).

`ops` holds the operations, `store` the file per text, `apply` turns an analysis into the
corrected Article, and `Session` is the open article's corrections in the TUI. No Textual here:
the CLI, the exports, `reader annotate` and the UI all go through `corrected` or `Session`.
"""

from __future__ import annotations

from reader.corrections.apply import Report, Skipped, apply
from reader.corrections.ops import (
    ADD_LABELS,
    ENTITY_LABELS,
    KEEP,
    Add,
    CorrectionsError,
    Drop,
    Merge,
    Operation,
    Ref,
    Relabel,
    SetCharge,
    SetSpeaker,
)
from reader.corrections.session import Session
from reader.corrections.store import Corrections, load, save, text_sha256
from reader.model import Article

__all__ = [
    "ADD_LABELS", "ENTITY_LABELS", "KEEP", "Add", "Corrections", "CorrectionsError", "Drop", "Merge", "Operation",
    "Ref", "Relabel", "Report", "Session", "SetCharge", "SetSpeaker", "Skipped", "apply", "corrected", "load",
    "save", "text_sha256",
]


def corrected(article: Article) -> tuple[Article, Report]:
    """The article with the corrections stored for its text (unchanged when there are none)."""
    return apply(article, load(article.text, article.source))
