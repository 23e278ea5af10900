"""The `reader_charges` component: offence mentions with their cue's status and the clause's subject.

Writes `doc.spans["reader_charges"]`; each span carries `._.charge_status`, `._.charge_subject` (the
subject phrase as character offsets in the chunk), `._.charge_pronoun`, `._.charge_nominal` (the
subject is a common noun such as "the defendant"), `._.charge_cue` (read after a charge cue or as a
penalty's subject, not only by its head word), `._.charge_head` (the head's lemma) and
`._.charge_title` (in a headline), `._.charge_penalty` (the subject of a penalty sentence) and
`._.charge_sent_start` (where its sentence starts, a character offset). The phrases come from
`charge_grammar`; the subject is read from the cue's clause: the subject of a passive or intransitive
cue ("X was charged with", "X pleaded guilty to"), the object of an active one ("prosecutors charged
X with"), the head of a relative or participle clause ("X, who pleaded guilty to"), the first of
coordinated subjects.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from reader.nlp.components.charge_grammar import PLEA_VERBS, Phrase, read_phrases
from reader.nlp.docutil import doc_ents, doc_text, mention_of, sentence, sentence_starts
from reader.nlp.offence_lexicon import OffenceLexicon, lemma, load_lexicon
from reader.nlp.records import CHARGES_GROUP, register_extensions

if TYPE_CHECKING:
    from spacy.tokens import Token

EXTENSIONS = ("charge_status", "charge_subject", "charge_pronoun", "charge_nominal", "charge_cue", "charge_head",
              "charge_title", "charge_penalty", "charge_sent_start")
# Verbs whose object is the accused ("prosecutors charged X with", "the jury convicted X of").
TRANSITIVE = frozenset({"charged", "charging", "charges", "charge", "indicted", "indicting", "indicts", "convicted",
                        "convicting", "convicts", "sentenced", "sentencing", "sentences", "accused", "accusing",
                        "accuses", "arrested", "arresting", "acquitted", "found", "finds", "prosecuted", "fined"})
# Verbs whose subject commits the offence named in their clause ("he conspired to commit health care fraud").
COMMIT_VERBS = frozenset({"commit", "committed", "commits", "committing", "conspired", "conspiring", "conspire",
                          "engaged", "engaging", "participated", "participating", "perpetrated", "agreed",
                          "attempted", "admitted", "acknowledged", "aided", "abetted", "aiding", "abetting"})
# Who brings a charge: never the accused.
ACCUSERS = frozenset({"indictment", "information", "complaint", "jury", "prosecutor", "government", "court",
                      "judge", "department", "office", "attorney", "agent", "police", "authority", "state",
                      "division", "prosecution", "investigator", "agency", "bureau", "grand", "panel"})
PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "it"})
# Status words searched before an offence that no cue introduced (order: most specific first).
STATUS_CUES = (
    ("acquitted", ("acquitted", "acquittal", "not guilty")),
    ("pleaded_guilty", ("pleaded guilty", "pled guilty", "pleads guilty", "plead guilty", "pleading guilty",
                        "guilty plea")),
    ("sentenced", ("sentenced", "sentencing")),
    ("convicted", ("convicted", "found guilty", "conviction", "jury verdict")),
    ("charged", ("charged", "charging", "charges", "indicted", "indictment", "complaint", "accused", "charge")),
    ("arrested", ("arrested", "arrest", "apprehended")),
    ("alleged", ("wanted", "alleged", "allegedly", "suspected", "suspicion", "red notice")),
)
PRIOR = re.compile(r"\b(prior|previous|previously|past|earlier)\b[^.]{0,25}\b(conviction|convictions|convicted)\b",
                   re.IGNORECASE)


register_extensions(EXTENSIONS)


@Language.factory("reader_charges", default_config={"patterns_file": None})
def make_charges(nlp: Language, name: str, patterns_file: str | None) -> Callable[[Doc], Doc]:
    """The factory: the lexicon's fixed names in a PhraseMatcher, the grammar for the rest."""
    from spacy.matcher import PhraseMatcher

    lex = load_lexicon(patterns_file)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("CHARGE", [nlp.make_doc(p.lower()) for p in lex.phrases])

    def reader_charges(doc: Doc) -> Doc:
        doc.spans[CHARGES_GROUP] = annotate(doc, lex, matcher)
        return doc

    return reader_charges


def annotate(doc: Doc, lex: OffenceLexicon, matcher) -> list:  # type: ignore[no-untyped-def,type-arg]
    """Charge spans of one chunk, with their extension attributes."""
    fixed = [(s, e) for _, s, e in matcher(doc)]
    starts = sentence_starts(doc)
    sents = _lines([(a, starts[k + 1] if k + 1 < len(starts) else len(doc)) for k, a in enumerate(starts)]
                   if len(doc) else [], doc)
    phrases = read_phrases(doc, lex, fixed, sents)
    spans = []
    for p in phrases:
        status, subject, pronoun, nominal = read_status_subject(doc, p, phrases)
        span = doc[p.start : p.end]
        span.label_ = "CHARGE"
        values = (status, subject, pronoun, nominal, p.cue is not None, p.head, p.title, p.penalty,
                  doc[p.sent_start].idx)
        for ext, value in zip(EXTENSIONS, values, strict=True):
            setattr(span._, ext, value)
        spans.append(span)
    return spans


def _lines(sents: list[tuple[int, int]], doc: Doc) -> list[tuple[int, int]]:
    """Sentences cut at line breaks: a headline is never one sentence with the paragraph below it."""
    out = []
    for a, b in sents:
        start = a
        for k in range(a, b):
            if "\n" in doc[k].text and k + 1 < b:
                out.append((start, k + 1))
                start = k + 1
        out.append((start, b))
    return out


def read_status_subject(doc: Doc, p: Phrase, phrases: list[Phrase]
                        ) -> tuple[str | None, tuple[int, int] | None, bool, bool]:
    """(status, subject char span, subject is a pronoun, subject is a common noun) for one phrase."""
    if p.penalty:
        return None, None, False, False
    if p.cue is not None:
        cue = doc[p.cue]
        status = p.status
        sent_start = sentence(doc, p.cue)[0]
        before = doc_text(doc)[doc[sent_start].idx : cue.idx].lower()
        if PRIOR.search(before + cue.lower_):
            status = "prior"
        if status is None:
            status = _status_before(doc, p.start, phrases)
        subj = _within(doc, _cue_subject(cue, p.start), p.sent_start, cue.i)
        return (status, *_subject_span(doc, subj, p.start)) if subj is not None else (status, None, False, False)
    status = _status_before(doc, p.start, phrases)
    verb = _governing_verb(doc, p.start)
    if status is None and (verb is None or verb.lower_ not in COMMIT_VERBS):
        return None, None, False, False  # an offence named in general
    subj = _within(doc, _cue_subject(verb), p.sent_start, p.start) if verb is not None else None
    if subj is None:
        return status, None, False, False
    return (status, *_subject_span(doc, subj, p.start))


def _within(doc: Doc, subj: Token | None, line_start: int, before: int) -> Token | None:
    """The subject if it lies in the cue's own line; else the last subject word of that line before the cue
    (a headline parsed as one sentence with the paragraph below it lends no subject to it)."""
    if subj is None or line_start <= subj.i:
        return subj
    for k in range(before - 1, line_start - 1, -1):
        if doc[k].dep_ in ("nsubj", "nsubjpass"):
            return doc[k]
    return None


def _status_before(doc: Doc, start: int, phrases: list[Phrase]) -> str | None:
    """The status word nearest before the offence in its sentence (cue words inside offences masked)."""
    sent_start, _ = sentence(doc, start)
    lo = doc[sent_start].idx
    chars = list(doc_text(doc)[lo : doc[start].idx].lower())
    for q in phrases:  # "resisting arrest" is no cue
        a, b = doc[q.start].idx - lo, doc[q.end - 1].idx + len(doc[q.end - 1].text) - lo
        if 0 <= a < len(chars):
            chars[a : min(b, len(chars))] = " " * (min(b, len(chars)) - a)
    before = "".join(chars)
    status, best = None, -1
    for m in PRIOR.finditer(before):
        best, status = m.end(), "prior"
    for name, cues in STATUS_CUES:
        for cue in cues:
            pos = before.rfind(cue)
            if pos > best and (pos == 0 or not before[pos - 1].isalpha()):
                best, status = pos, name
    return status


def _cue_subject(cue: Token, offence: int | None = None) -> Token | None:
    """Who the cue's clause accuses: passive/intransitive subject, active object, relative head."""
    verb = cue
    doc = cue.doc
    if offence is not None and cue.lower_ in TRANSITIVE and not any(c.dep_ in ("auxpass", "nsubjpass")
                                                                     for c in cue.children):
        # "charging U.S. District Judge Samuel B. Kent, 59, with ...": the person between cue and offence
        named = next((doc[k] for k in range(offence - 1, cue.i, -1) if doc[k].ent_type_ == "PERSON"
                      or doc[k].lower_ in ("him", "her", "them")), None)
        if named is not None:
            return named
    if cue.lower_ in ("warrant", "notice"):  # "a warrant for Doe for murder"
        named = next((g for c in cue.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                      if g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.lower_ in PRONOUNS)), None)
        if named is not None:
            return named
    # a noun or adjective cue ("counts", "guilty", "his role") hangs from the clause's verb
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        if verb.lower_ in ("role", "conviction", "convictions") and verb.dep_ == "pobj":
            owner = next((c for c in verb.children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ not in ("his", "her", "their", "its"):
                return owner
        verb = verb.head
    for _ in range(5):
        children = list(verb.children)
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
        if not passive and verb.lower_ in TRANSITIVE:
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            if obj is not None and obj.lower_ not in ("charges", "charge", "counts", "count"):
                return obj
        subj = next((c for c in children if c.dep_ in ("nsubjpass", "nsubj")), None)
        if subj is not None:
            if subj.lower_ in ("who", "that", "which"):  # "X, who ... and who pleaded guilty to"
                rel = verb
                while rel.dep_ != "relcl" and rel.head.i != rel.i:
                    rel = rel.head
                return rel.head if rel.dep_ == "relcl" else None
            if lemma(subj.lower_) in ACCUSERS or subj.lower_ in ("we", "i", "you", "us"):
                return None  # "the grand jury charged ...", "we charged ...": the accuser, not the accused
            return subj
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return verb.head
        if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    return None


def _governing_verb(doc: Doc, start: int) -> Token | None:
    tok = doc[start]
    for _ in range(12):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok.i < start:
            return tok
    sent_start = sentence(doc, start)[0]
    for k in range(start - 1, sent_start - 1, -1):
        if doc[k].pos_ == "VERB" and (doc[k].lower_ in TRANSITIVE or doc[k].lower_ in PLEA_VERBS):
            return doc[k]
    return None


def _subject_span(doc: Doc, tok: Token, offence: int) -> tuple[tuple[int, int] | None, bool, bool]:
    """(char span of the subject phrase, is a pronoun, is a common noun); a name that runs into the
    offence itself ("Three Men Indicted for Church Arson" read as one name) is no subject's name."""
    if tok.lower_ in PRONOUNS:
        return (tok.idx, tok.idx + len(tok.text)), True, False
    named = mention_of(tok)  # the corrected mention channel first, the model's entities after
    if named is not None and named.label_ in ("PERSON", "ORG") and named.end <= offence:
        return (named.start_char, named.end_char), False, False
    if tok.ent_type_:
        for ent in doc_ents(doc):
            if ent.start <= tok.i < ent.end <= offence:
                return (ent.start_char, ent.end_char), False, False
    if tok.pos_ != "PROPN" and tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
        return _subject_span(doc, tok.head, offence)  # "Jane Roe, the owner of ..., was charged"
    if tok.pos_ != "PROPN":
        apposed = next((c for c in tok.children if c.dep_ == "appos" and c.left_edge.i == tok.i + 2
                        and doc[tok.i + 1].text == "," and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")), None)
        if apposed is not None:  # "the owner, Jane Roe, pleaded guilty"
            return _subject_span(doc, apposed, offence)
    left = tok.i
    while left > 0 and doc[left - 1].dep_ in ("compound", "flat", "amod", "nummod") and doc[left - 1].head.i == tok.i:
        left -= 1
    nominal = tok.pos_ != "PROPN"
    return (doc[left].idx, tok.idx + len(tok.text)), False, nominal
