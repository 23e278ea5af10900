"""Who said each quote: cue verbs on either side, "according to", the cue's subject, pronouns, follow-ons.

Chunk level (the `reader_quotes` spaCy component): find the quoted passages, tell quoted terms from
speech, and for each quote find the attribution in its own sentence: a cue verb after the quote
(", said Tom Decker"; ", he said"; "according to the agency") or before it ("Rathbun wrote, ..."),
the cue's grammatical subject (up the conj/advcl chain) as the speaker phrase. Document level
(`resolve_speakers`): the phrase becomes an entity; a pronoun is the previous quote's speaker or the
last person named as a subject; "the agency" is the last organisation named; a quote with no
attribution of its own continues the previous speaker when it follows in the same or next paragraph.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from reader.nlp.candidates import ChunkFacts, QuoteCand
from reader.nlp.docutil import doc_text
from reader.nlp.lexicon import (
    CUE_VERBS,
    ORG_KEYWORDS,
    ORG_NOUNS,
    ORG_PRONOUNS,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
    TITLE_WORDS,
)
from reader.nlp.quotes import find_quoted, is_quoted_term

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.language import Language
    from spacy.tokens import Doc, Token

SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n")


def make_quotes_component(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def reader_quotes(doc: Doc) -> Doc:
        facts: ChunkFacts = doc.user_data.setdefault("reader_facts", ChunkFacts())
        facts.quotes.extend(find_quotes(doc))
        group = []
        for q in facts.quotes:
            span = doc.char_span(q.start, q.end, label="TERM" if q.term else "QUOTE", alignment_mode="expand")
            if span is not None:
                group.append(span)
        doc.spans["reader_quotes"] = group
        facts_subjects(doc, facts)
        return doc

    return reader_quotes


def facts_subjects(doc: Doc, facts: ChunkFacts) -> None:
    """Char offsets of proper-noun subjects: the people a later "he"/"she" most likely means."""
    subjects = doc.user_data.setdefault("reader_subjects", [])
    for tok in doc:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.text[:1].isupper() and tok.pos_ != "PRON":
            subjects.append(tok.idx)


def find_quotes(doc: Doc) -> list[QuoteCand]:
    text = doc_text(doc)
    out: list[QuoteCand] = []
    passages = find_quoted(text)
    prev_end = 0
    for p in passages:
        start, end = p.start, p.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        para_start = text.rfind("\n", 0, start) + 1
        q = QuoteCand(start, end, para_start, term=is_quoted_term(text, start, end))
        if not q.term:
            _attribute(doc, q, p.close_mark != "", prev_end)
            prev_end = end + 1
        out.append(q)
    return out


def _cue_tokens(doc: Doc, lo: int, hi: int) -> list[Token]:
    """Cue verbs whose characters lie in [lo, hi)."""
    span = doc.char_span(lo, hi, alignment_mode="contract") if hi > lo else None
    if span is None:
        return []
    cues = []
    for tok in span:
        according = tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
        if tok.lower_ in CUE_VERBS and tok.pos_ in ("VERB", "AUX") or according:
            cues.append(tok)
    return cues


def _attribute(doc: Doc, q: QuoteCand, closed: bool, prev_end: int) -> None:
    text = doc_text(doc)
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end < 0 else para_end
    # after the quote: up to the end of its sentence (or the next quote)
    after_lo = q.end + 1
    nxt = re.search(r"[“\"«]", text[after_lo:para_end])
    after_hi = after_lo + nxt.start() if nxt else para_end
    stop = SENTENCE_END.search(text, after_lo, after_hi)
    if stop and stop.start() > after_lo:
        after_hi = stop.end()
    elif stop:
        after_hi = after_lo
    after = _cue_tokens(doc, after_lo, after_hi)
    # before the quote: back to the sentence start (or the previous quote)
    before_lo = max(q.para_start, prev_end)
    last_stop = None
    for m in SENTENCE_END.finditer(text, before_lo, max(before_lo, q.start - 1)):
        last_stop = m
    if last_stop is not None:
        before_lo = last_stop.end()
    if before_lo >= q.start - 1 and q.para_start == q.start - 1 and q.para_start >= 2:
        # a quote opening a paragraph after "Rathbun stated," / "She said:" ending the previous one
        prev_para_end = q.para_start - 1
        while prev_para_end > 0 and text[prev_para_end - 1].isspace():
            prev_para_end -= 1
        if text[prev_para_end - 1 : prev_para_end] in (",", ":"):
            lo = text.rfind("\n", 0, prev_para_end) + 1
            before = _cue_tokens(doc, lo, prev_para_end)
            if before:
                _set_speaker(doc, q, before[-1])
                return
    before = _cue_tokens(doc, before_lo, q.start - 1)
    if after and (after[0].idx - after_lo < 40):
        _set_speaker(doc, q, after[0])
    elif before:
        _set_speaker(doc, q, before[-1])
    elif after:
        _set_speaker(doc, q, after[0])
    else:
        q.follow_on = True


def _set_speaker(doc: Doc, q: QuoteCand, cue: Token) -> None:
    q.cue = cue.text if cue.lower_ != "according" else "according to"
    if cue.lower_ == "according":
        to = doc[cue.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        who = objs[0] if objs else (doc[to.i + 1] if to.i + 1 < len(doc) else None)
    else:
        who = _subject_of(cue)
        if who is None and cue.i + 1 < len(doc) and doc[cue.i + 1].pos_ == "PROPN":
            who = doc[cue.i + 1]
    if who is None:
        q.follow_on = True
        return
    low = who.lower_
    if low in PERSON_PRONOUNS or low in ORG_PRONOUNS:
        q.pronoun = low
        q.speaker = (who.idx, who.idx + len(who.text))
        return
    if who.lower_ in TITLE_WORDS:
        # "said FBI Assistant Director-in-Charge Demarest": the title's appositive is the name
        named = [c for c in who.children if c.dep_ == "appos" and c.text[:1].isupper()]
        if named:
            who = named[0]
    if who.pos_ != "PROPN" or who.ent_type_ not in ("PERSON", "ORG") or who.lower_ in TITLE_WORDS:
        # "CEO of the Refugee Council Enver Solomon told": a person named inside the subject phrase
        # ("A Kenney spokesperson" is not Kenney: a name modifying the role noun is someone else)
        named = [t for t in who.subtree if t.ent_type_ == "PERSON"
                 and not (t.head.i == who.i and t.dep_ in ("compound", "poss"))]
        if named:
            who = named[-1]
    if who.pos_ != "PROPN" and (who.lower_ in ROLE_NOUNS or who.lower_ in TITLE_WORDS):
        # "A Kenney spokesperson defended ...": someone unnamed, not Kenney; keep the phrase as said
        left = who.i
        while left > 0 and doc[left - 1].head.i == who.i and doc[left - 1].dep_ in ("compound", "amod", "poss"):
            left -= 1
        q.speaker_text = doc_text(doc)[doc[left].idx : who.idx + len(who.text)]
        return
    start, end = _phrase(doc, who)
    q.speaker = (start, end)
    named_phrase = any(t.pos_ == "PROPN" for t in doc[_token_index(doc, start) : who.i + 1])
    q.speaker_text = doc_text(doc)[start:end] if who.pos_ == "PROPN" or who.ent_type_ or named_phrase else None
    q.speaker_name = _name_run(doc, who)
    if who.pos_ != "PROPN" and low in ORG_NOUNS and not any(
            c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in who.children):
        q.org_noun = True


def _token_index(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _name_run(doc: Doc, head: Token) -> tuple[int, int] | None:
    """The capitalised words ending at the head, without titles: "Demarest" in "FBI Assistant
    Director-in-Charge Demarest", "News Works" in "News Works"."""
    if not head.text[:1].isupper() or head.lower_ in TITLE_WORDS or head.text in ORG_KEYWORDS:
        return None
    i = head.i
    while i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].lower_ not in TITLE_WORDS \
            and "-" not in doc[i - 1].text and doc[i - 1].head.i == head.i and not doc[i - 1].text.isupper():
        i -= 1
    return doc[i].idx, head.idx + len(head.text)


def _subject_of(verb: Token) -> Token | None:
    tok = verb
    for _ in range(5):
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
        if tok.dep_ in ("conj", "advcl", "xcomp", "ccomp", "pcomp") and tok.head.i != tok.i:
            tok = tok.head
            if tok.pos_ in ("ADP", "SCONJ") and tok.head.i != tok.i:  # "with Boswell stating", "whilst promising"
                tok = tok.head
            continue
        if tok.dep_ == "pobj" or tok.head.pos_ == "ADP":
            # "with Boswell stating": the gerund's subject is the object of "with"
            for c in tok.children:
                if c.pos_ == "PROPN":
                    return c
        break
    return None


def _phrase(doc: Doc, tok: Token) -> tuple[int, int]:
    """The speaker phrase: the named entity around the token, else its compound/possessive name."""
    if tok.ent_type_:
        i = tok.i
        while i > 0 and doc[i].ent_iob_ == "I":
            i -= 1
        j = tok.i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    names = [c for c in tok.children if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"]
    if names and tok.pos_ != "PROPN":
        return _phrase(doc, names[0])
    left = tok.i
    while left > 0 and doc[left - 1].dep_ in ("compound", "flat", "amod") and doc[left - 1].head.i == tok.i:
        left -= 1
    return doc[left].idx, tok.idx + len(tok.text)


# ---------------------------------------------------------------- document level

def resolve_speakers(quotes: list[QuoteCand], mention_spans: list[tuple[int, int, str, int]],
                     subjects: list[int], text: str) -> list[tuple[int | None, str | None]]:
    """For each quote, (cluster index, raw speaker phrase). mention_spans: sorted (start, end, label, cluster)."""
    starts = [m[0] for m in mention_spans]
    subject_set = set(subjects)
    out: list[tuple[int | None, str | None]] = []
    prev: tuple[int | None, str | None, int, str | None, int] | None = None  # cluster, raw, para, label, end

    def mention_at(lo: int, hi: int) -> tuple[int, int, str, int] | None:
        k = bisect.bisect_left(starts, lo)
        best = None
        for m in mention_spans[max(0, k - 2) : k + 6]:
            if m[0] < hi and lo < m[1] and m[2] in ("PERSON", "ORG") and (
                    best is None or (m[2] == "PERSON") > (best[2] == "PERSON")):
                best = m
        return best

    def last_before(pos: int, label: str, subject_only: bool) -> tuple[int, int, str, int] | None:
        k = bisect.bisect_left(starts, pos) - 1
        steps = 0
        while k >= 0 and steps < 400:
            m = mention_spans[k]
            if m[2] == label and (not subject_only or any(s in subject_set for s in range(m[0], m[1]))):
                return m
            k -= 1
            steps += 1
        return None

    for q in quotes:
        if q.term:
            out.append((None, None))
            continue
        cluster: int | None = None
        raw: str | None = None
        label: str | None = None
        if q.pronoun:
            kind = "PERSON" if q.pronoun in PERSON_PRONOUNS else "ORG"
            sent_lo = max(0, q.start - 1)
            latest = last_before(sent_lo, kind, True)
            if prev is not None and prev[3] == kind and q.para_start - prev[2] < 1500 and not (
                    latest is not None and latest[0] > prev[4] and latest[3] != prev[0]):
                cluster, raw, label = prev[0], prev[1], kind
            else:
                sent_lo = max(0, q.start - 1)
                m = last_before(sent_lo, kind, True) or last_before(sent_lo, kind, False)
                if m is not None:
                    cluster, label = m[3], kind
        elif q.org_noun:
            m = last_before(q.start, "ORG", False)
            if m is not None:
                cluster, label = m[3], "ORG"
            else:
                raw = _clean_raw(q.speaker_text)
        elif q.speaker is not None:
            m = mention_at(*q.speaker_name) if q.speaker_name else None
            if m is None and q.speaker_name is None:
                m = mention_at(*q.speaker)
            if m is not None:
                cluster, label = m[3], m[2]
            elif q.speaker_name:
                raw = _clean_raw(text[q.speaker_name[0] : q.speaker_name[1]])
            else:
                raw = _clean_raw(q.speaker_text)
        elif q.speaker_text:
            raw = _clean_raw(q.speaker_text)
        elif q.follow_on and prev is not None and q.para_start - prev[2] < 1200 and _adjacent(text, prev, q):
            cluster, raw, label = prev[0], prev[1], prev[3]
        out.append((cluster, raw))
        if cluster is not None or raw is not None:
            prev = (cluster, raw, q.para_start, label, q.end)
    return out


def _adjacent(text: str, prev: tuple[int | None, str | None, int, str | None, int], q: QuoteCand) -> bool:
    """The follow-on quote is in the same paragraph as the previous speaker's quote or the next one."""
    if prev[2] == q.para_start:
        return True
    between = text[prev[2] : q.para_start]
    return between.count("\n") <= 3 and len(between) < 1500


def _clean_raw(phrase: str | None) -> str | None:
    """A speaker phrase as a name: no leading article, no sentence punctuation or quote mark after it
    (an abbreviation's own period, as in "Jr." or "Inc.", stays)."""
    if not phrase:
        return None
    phrase = re.sub(r"^(the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    phrase = phrase.rstrip(",;:!?\"“”‘’'» ")
    if phrase.endswith(".") and not re.search(r"(?:\b[A-Z][a-z]{0,2}|\b[A-Z])\.$", phrase):
        phrase = phrase.rstrip(".")
    return phrase.strip() or None
