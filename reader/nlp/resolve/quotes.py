"""Quotes for the Article: each quote candidate with its speaker entity (owned by the speakers work).

One call from the pipeline: `resolve_quotes(text, quotes, index, subjects)`. The speaker logic
itself lives in `reader.nlp.speakers.resolve_speakers`; this function adapts the mention channel
to it and builds the `Quote` records.
"""

from __future__ import annotations

from reader.model import Quote
from reader.nlp.candidates import QuoteCand
from reader.nlp.resolve.mentions import ORG, PERSON, MentionIndex


def resolve_quotes(text: str, quotes: list[QuoteCand], index: MentionIndex, subjects: list[int]) -> list[Quote]:
    """One `Quote` per candidate, in order; a nickname inside a person's name is a quoted term."""
    from reader.nlp.speakers import resolve_speakers

    ids = [e.id for e in index.entities]
    position = {e: k for k, e in enumerate(ids)}
    # resolve_speakers still takes (start, end, label, entity position) rows; the speakers work replaces it
    rows = [(m.start, m.end, m.label, position[m.entity]) for m in index.with_label(PERSON, ORG)
            if m.entity is not None]
    cands = [QuoteCand(**{**vars(q), "term": q.term or _inside_name(q, index)}) for q in quotes]
    out: list[Quote] = []
    for q, (pos, raw) in zip(cands, resolve_speakers(cands, rows, subjects, text), strict=True):
        words = text[q.start : q.end]
        if q.term:
            out.append(Quote(q.start, q.end, words, kind="term"))
            continue
        entity = index.entity(ids[pos]) if pos is not None else None
        speaker = entity.id if entity is not None else None
        name = entity.name if entity is not None else raw
        out.append(Quote(q.start, q.end, words, speaker, name, q.cue))
    return out


def _inside_name(q: QuoteCand, index: MentionIndex) -> bool:
    """A nickname inside a person's name ("John S. \"Jay\" Darden") is a quoted term, not speech."""
    return any(m.start <= q.start and q.end <= m.end for m in index.overlapping(q.start, q.end, (PERSON,)))
