"""Cheap, cached views of a Doc the rules share.

`doc.text`, `doc.ents` and `token.sent` are recomputed by spaCy on every access (each walks the
whole Doc), which made rules that consult them per entity quadratic. These helpers compute each once
per Doc and keep it in `doc.user_data`.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get("reader_text")
    if text is None:
        text = doc.user_data["reader_text"] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    ents = doc.user_data.get("reader_ents")
    if ents is None:
        ents = doc.user_data["reader_ents"] = tuple(doc.ents)
    return ents


def sentence(doc: Doc, i: int) -> tuple[int, int]:
    """(first token, end token) of the sentence holding token i."""
    starts = doc.user_data.get("reader_sent_starts")
    if starts is None:
        starts = doc.user_data["reader_sent_starts"] = [s.start for s in doc.sents] if len(doc) else [0]
    k = bisect.bisect_right(starts, i) - 1
    start = starts[max(0, k)]
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return start, end
