"""Dated events for the timeline: a DATE mention, the clause that states it, ISO date when the text allows.

Chunk level (the `reader_dates` spaCy component): every DATE entity with a day, month or year becomes
a candidate with the clause around it (the verb the date attaches to, its subtree within the
sentence; the sentence when that is too long). Document level (`build_events`): the entities
mentioned in the clause are attached.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.nlp.candidates import ChunkFacts, DateCand
from reader.nlp.docutil import doc_ents, doc_text, sentence

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.language import Language
    from spacy.tokens import Doc, Span

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
        r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
MDY = re.compile(MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH + r",?\s+(\d{4})")
MY = re.compile(MONTH + r",?\s+(\d{4})")
ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
MAX_CLAUSE = 260


def normalise_date(s: str) -> str | None:
    """ISO form of a date mention: YYYY-MM-DD, YYYY-MM or YYYY, else None."""
    if m := ISO.search(s):
        return m.group(0)
    if m := MDY.search(s):
        return f"{int(m.group(3)):04d}-{MONTHS[m.group(1)[:3].lower()]:02d}-{int(m.group(2)):02d}"
    if m := DMY.search(s):
        return f"{int(m.group(3)):04d}-{MONTHS[m.group(2)[:3].lower()]:02d}-{int(m.group(1)):02d}"
    if m := MY.search(s):
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1)[:3].lower()]:02d}"
    if m := YEAR.search(s):
        return m.group(1)
    return None


def make_dates_component(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def reader_dates(doc: Doc) -> Doc:
        facts: ChunkFacts = doc.user_data.setdefault("reader_facts", ChunkFacts())
        group = []
        for ent in doc_ents(doc):
            if ent.label_ != "DATE" or not _is_calendar_date(ent.text):
                continue
            lo, hi = clause(doc, ent)
            subject, pronoun = clause_subject(doc, ent)
            facts.dates.append(DateCand(ent.start_char, ent.end_char, normalise_date(ent.text), lo, hi,
                                        subject, pronoun))
            group.append(ent)
        doc.spans["reader_dates"] = group
        return doc

    return reader_dates


def _is_calendar_date(s: str) -> bool:
    """A point in time ("Nov. 25, 2015", "July 2015", "2008"), not a duration ("180 months")."""
    return bool(re.search(r"\b" + MONTH + r"(?!\w)", s) or YEAR.search(s)) and not re.search(
        r"\b(months?|years?|days?|weeks?|hours?)\b", s) or bool(ISO.search(s))


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
