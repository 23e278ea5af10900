"""Cheap, cached views of a Doc the rules share.

`doc.text`, `doc.ents` and `token.sent` are recomputed by spaCy on every access (each walks the
whole Doc), which made rules that consult them per entity quadratic. These helpers compute each once
per Doc and keep it in `doc.user_data`.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# The span group the entity component writes: corrected, non-overlapping mentions labelled PERSON, ORG,
# PLACE, DATE, LAW. Later components read it (via the helpers below), never the model's ent_type_.
MENTIONS_GROUP = "reader_mentions"


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


def sentence_starts(doc: Doc) -> list[int]:
    """The first token of every sentence, in order."""
    starts: list[int] | None = doc.user_data.get("reader_sent_starts")
    if starts is None:
        starts = doc.user_data["reader_sent_starts"] = [s.start for s in doc.sents] if len(doc) else [0]
    return starts


def sentence(doc: Doc, i: int) -> tuple[int, int]:
    """(first token, end token) of the sentence holding token i."""
    starts = sentence_starts(doc)
    k = bisect.bisect_right(starts, i) - 1
    start = starts[max(0, k)]
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return start, end


def mentions(doc: Doc) -> tuple[Span, ...]:
    """The corrected mentions of this chunk (empty before the entity component has run)."""
    if MENTIONS_GROUP not in doc.spans:
        return ()
    return tuple(doc.spans[MENTIONS_GROUP])


def _token_mentions(doc: Doc) -> list[Span | None]:
    found = doc.user_data.get("reader_token_mentions")
    if found is None or len(found) != len(doc):
        found = [None] * len(doc)
        for span in mentions(doc):
            for i in range(span.start, span.end):
                found[i] = span
        if MENTIONS_GROUP in doc.spans:  # only cache once the channel exists
            doc.user_data["reader_token_mentions"] = found
    return found


def mention_of(token: Token) -> Span | None:
    """The corrected mention holding this token, or None."""
    return _token_mentions(token.doc)[token.i]


def mention_label(token: Token) -> str:
    """The corrected label of this token's mention ("PERSON", "ORG", "PLACE", "DATE", "LAW"), "" if none."""
    span = mention_of(token)
    return span.label_ if span is not None else ""
