"""Quotes for the Article: each quote candidate with its speaker entity and how it was found.

One call from the pipeline: `resolve_quotes(text, quotes, speech, index, subjects)`. The discourse
model lives in `reader.nlp.resolve.speakers`; this function marks nicknames inside names as terms
and builds the `Quote` records.
"""

from __future__ import annotations

import dataclasses

from reader.model import Quote
from reader.nlp.candidates import QuoteCand, SpeechCand
from reader.nlp.resolve.mentions import PERSON, MentionIndex
from reader.nlp.resolve.speakers import resolve_speakers


def resolve_quotes(text: str, quotes: list[QuoteCand], speech: list[SpeechCand], index: MentionIndex,
                   subjects: list[int]) -> list[Quote]:
    """One `Quote` per candidate, in order; a nickname inside a person's name is a quoted term."""
    cands = [dataclasses.replace(q, term=q.term or _inside_name(q, index)) for q in quotes]
    out: list[Quote] = []
    for q, found in zip(cands, resolve_speakers(text, cands, speech, index, subjects), strict=True):
        words = text[q.start : q.end]
        if q.term:
            out.append(Quote(q.start, q.end, words, kind="term"))
            continue
        who = found.speaker
        out.append(Quote(q.start, q.end, words, who.entity if who else None, who.name if who else None,
                         q.cue if who else None, attribution=found.how if who else None))
    return out


def _inside_name(q: QuoteCand, index: MentionIndex) -> bool:
    """A nickname inside a person's name ("John S. \"Jay\" Darden") is a quoted term, not speech."""
    return any(m.start <= q.start and q.end <= m.end for m in index.overlapping(q.start, q.end, (PERSON,)))
