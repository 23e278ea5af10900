"""Dated events for the timeline, chunk level: each DATE mention that names a point in time, with
the clause that states it and that clause's subject.

The `reader_dates` component (components/dates.py) reads DATE mentions from the corrected mention
channel; a date is resolved to ISO later, at document level (`resolve/dates.py`), where the
article's published date and the discourse year are known.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.nlp.docutil import doc_text, sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

MAX_CLAUSE = 260
_MONTH = (r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?!\w)")
_POINT = re.compile(_MONTH + r"|\b(?:1[5-9]\d\d|20\d\d)\b|\b\d{4}-\d{2}-\d{2}\b"
                    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
                    r"|\b(?:yesterday|today|tonight|tomorrow)\b|\b(?:last|next|this|previous)\s+(?:week|month|year)\b"
                    r"|\bago\b", re.IGNORECASE)
_DURATION = re.compile(r"\b(?:months|years|days|weeks|hours|decades)\b(?!\s+ago)", re.IGNORECASE)


def is_point_in_time(s: str) -> bool:
    """A calendar date ("Nov. 25, 2015", "July 2015", "2008") or a relative one ("Tuesday", "last
    week", "two days ago"), not a duration ("180 months", "three years")."""
    return bool(_POINT.search(s)) and not _DURATION.search(s)


def clause(doc: Doc, ent: Span) -> tuple[int, int]:
    """Char range of the clause stating the dated event."""
    s_start, s_end = sentence(ent.doc, ent.start)
    sent = ent.doc[s_start:s_end]
    verb = ent.root
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    if verb.pos_ in ("VERB", "AUX"):
        toks = [t for t in verb.subtree if sent.start <= t.i < sent.end]
        lo, hi = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if hi - lo <= MAX_CLAUSE:
            return _trim(doc_text(doc), lo, hi)
    lo, hi = sent.start_char, sent.end_char
    if hi - lo > MAX_CLAUSE:
        lo = max(lo, ent.start_char - MAX_CLAUSE // 2)
        hi = min(hi, ent.end_char + MAX_CLAUSE // 2)
    return _trim(doc_text(doc), lo, hi)


def clause_subject(doc: Doc, ent: Span) -> tuple[tuple[int, int] | None, bool]:
    """The subject of the verb the date belongs to ("Ibrahim was arrested ... and extradited on April 24,
    2008": Ibrahim), following conj/xcomp heads; (span, is_pronoun)."""
    verb = ent.root
    steps = 0
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX") and steps < 8:
        verb = verb.head
        steps += 1
    for _ in range(5):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            s = subj[0]
            if s.lower_ in ("he", "she"):
                return (s.idx, s.idx + len(s.text)), True
            return (s.idx, s.idx + len(s.text)), False
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    return None, False


def _trim(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (text[lo].isspace() or text[lo] in "“”\"'‘’,"):
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in "“”\"'‘’,"):
        hi -= 1
    return lo, hi
