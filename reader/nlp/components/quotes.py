"""The `reader_quotes` component: quoted passages, speech or term, and each quote's local attribution.

For each passage the marks enclose (`reader.nlp.quotes.find_quoted`) it decides speech or term from
what surrounds it (`terms`), then looks for the attribution in the parse, in this order: a verb of
saying that governs the quote ("Lee joked, "...""), a cue verb right after it (", said Tom Decker";
", he said"; "according to the agency"), one before it in its sentence ("Rathbun wrote, ..."), a
previous paragraph ending in "said:" or ",", a clause ending in a colon ("Patel is more blunt:
"...""), "in the words of X". Every other verb of saying outside the quotes is kept as reported
speech ("Reyes says the wait has doubled"), so the document-level resolver knows who was speaking
when a bare quote comes.

Writes `doc.spans["reader_quotes"]` (label QUOTE or TERM), `doc.spans["reader_speech"]` (reported
speech) and `doc.spans["reader_subjects"]`; the quote and speech spans carry what was found about the
speaker as extensions (`quote_cue`, `quote_attribution`, `quote_speaker`, ...: `records.SPEAKER_FIELDS`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from reader.nlp.candidates import QuoteCand, SpeechCand
from reader.nlp.components.attribution import STATEMENT_NOUNS, set_speaker, set_speaker_token, subject_of
from reader.nlp.components.terms import (
    governing_speech_verb,
    in_reference_line,
    is_clause,
    is_speech_verb,
    names_a_thing,
    possessor,
    root_of,
)
from reader.nlp.docutil import doc_text, mention_label, sentence
from reader.nlp.lexicon import ROLE_NOUNS, TITLE_WORDS
from reader.nlp.quotes import QuotedPassage, find_quoted
from reader.nlp.records import (
    QUOTE_EXTENSIONS,
    QUOTES_GROUP,
    SPEECH_EXTENSIONS,
    SPEECH_GROUP,
    SUBJECTS_GROUP,
    register_extensions,
    write_speaker,
)
from reader.nlp.speech_verbs import SpeechVerbs, load_speech_verbs

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

OPEN_MARKS = "“\"«‘„‹"
ISSUE_VERBS = frozenset(["issued", "issues", "issue", "released", "releases", "release", "published", "posted",
                         "sent", "e-mailed", "emailed"])
WORDS_OF = re.compile(r"\bin the words of\b", re.IGNORECASE)
register_extensions(QUOTE_EXTENSIONS + SPEECH_EXTENSIONS)


@Language.factory("reader_quotes", default_config={"speech_verbs": None})
def make_quotes(nlp: Language, name: str, speech_verbs: str | None) -> Callable[[Doc], Doc]:
    verbs = load_speech_verbs(speech_verbs)

    def reader_quotes(doc: Doc) -> Doc:
        quotes, cues = find_quotes(doc, verbs)
        doc.spans[QUOTES_GROUP] = _spans(doc, quotes, "quote")
        doc.spans[SPEECH_GROUP] = _spans(doc, find_reported_speech(doc, verbs, quotes, cues), "speech")
        doc.spans[SUBJECTS_GROUP] = subjects(doc)
        return doc

    return reader_quotes


def _spans(doc: Doc, found: list[QuoteCand] | list[SpeechCand], prefix: str) -> list[Span]:
    """One span per quote (label QUOTE or TERM) or reported speech, carrying its findings."""
    group = []
    for q in found:
        term = isinstance(q, QuoteCand) and q.term
        span = doc.char_span(q.start, q.end, label="TERM" if term else prefix.upper(), alignment_mode="expand")
        if span is not None:
            write_speaker(span, prefix, q)
            group.append(span)
    return group


def subjects(doc: Doc) -> list[Span]:
    """Proper-noun subjects: the people a later "he"/"she" most likely means."""
    return [doc[tok.i : tok.i + 1] for tok in doc
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.text[:1].isupper() and tok.pos_ != "PRON"]


def find_quotes(doc: Doc, verbs: SpeechVerbs) -> tuple[list[QuoteCand], set[int]]:
    """Every quoted passage as a candidate (speech with its local attribution, or a term), and the
    token indices of the cues used."""
    text = doc_text(doc)
    out: list[QuoteCand] = []
    cues: set[int] = set()
    prev_end = 0
    passages = find_quoted(text)
    ranges = sorted((p.start - 1, p.end + 1) for p in passages)
    starts = [a for a, _ in ranges]

    def quoted(char: int) -> bool:
        k = bisect.bisect_right(starts, char) - 1
        return k >= 0 and ranges[k][0] <= char < ranges[k][1]

    listed = _listed(text, passages)
    for k, p in enumerate(passages):
        start, end = p.start, p.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        para_start = text.rfind("\n", 0, start) + 1
        q = QuoteCand(start, end, para_start)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or in_reference_line(text, para_start):
            out.append(QuoteCand(start, end, para_start, term=True))
            continue
        governed = governing_speech_verb(span, verbs, quoted)
        cue = _attribute(doc, q, span, prev_end, verbs, governed)
        if k in listed and governed is None or (
                not is_clause(span) and not _fragment_is_speech(doc, q, span, cue, governed)):
            out.append(QuoteCand(start, end, para_start, term=True))
            continue
        if cue is not None:
            cues.add(cue.i)
        out.append(q)
        prev_end = end + 1
    return out, cues


# What stands between two items of one list on one line: a comma, "and", "or" ("a," "b" and "c").
LIST_GLUE = re.compile(r"[ ,;]*(?:,|\band|\bor|\bas well as) *$")


def _listed(text: str, passages: list[QuotedPassage]) -> set[int]:
    """Indices of quoted items in a list ("synergy," "pivot" and "circle back"): words held up for
    inspection, not anybody's sentence."""
    out: set[int] = set()
    for k in range(1, len(passages)):
        a, b = passages[k - 1], passages[k]
        glue = text[a.end + 1 : b.start - 1]
        if a.close_mark and (LIST_GLUE.match(glue) or text[a.end - 1 : a.end] == "," and not glue.strip()):
            out |= {k - 1, k}
    return out


def _fragment_is_speech(doc: Doc, q: QuoteCand, span: Span, cue: Token | None,
                        governed: tuple[Token, bool] | None) -> bool:
    """A quoted fragment is speech when a verb of saying governs it (unless it only names a thing),
    when its own attribution is right beside it, or when a person owns it ("Musk's "production hell"")."""
    if governed is not None and governed[1]:
        return True  # the predicate of a verb of saying: called him a "chicken"
    if names_a_thing(span):
        return False
    if governed is not None or (cue is not None and _beside(doc, span, cue)):
        return True
    owner = possessor(span)
    if owner is not None:
        set_speaker_token(doc, q, owner)
        q.attribution = "possessive"
        q.follow_on = False
        return True
    return False


def _beside(doc: Doc, span: Span, cue: Token) -> bool:
    """The cue is in the quote's own clause: right after the closing mark or governing its sentence."""
    if cue.i >= span.end:
        return cue.idx - (span.end_char) < 30
    return cue.i == root_of(span).head.i


def _cue_tokens(doc: Doc, lo: int, hi: int, verbs: SpeechVerbs) -> list[Token]:
    """Verbs of saying (and "according" of "according to") whose characters lie in [lo, hi)."""
    span = doc.char_span(lo, hi, alignment_mode="contract") if hi > lo else None
    if span is None:
        return []
    cues = []
    for tok in span:
        according = tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
        if according or is_speech_verb(tok, verbs):
            cues.append(tok)
    return cues


def _after_window(doc: Doc, q: QuoteCand, para_end: int) -> tuple[int, int]:
    """From the closing mark to the end of the sentence the attribution is in (or the next quote)."""
    text = doc_text(doc)
    lo = q.end + 1
    nxt = re.search(r"[“\"«]", text[lo:para_end])
    hi = lo + nxt.start() if nxt else para_end
    after = doc.char_span(lo, hi, alignment_mode="contract") if hi > lo else None
    if after is None or not len(after):
        return lo, lo
    first = after[0]
    _, sent_end = sentence(doc, first.i)
    end_char = doc[sent_end - 1].idx + len(doc[sent_end - 1].text)
    if text[max(0, q.end - 1)] in ".!?" and first.text[:1].isupper() and first.is_sent_start:
        # "... done." Then a new sentence: it attributes the quote only if it says no more than who
        # spoke ("Kim said." / "Kim said at a briefing."), with no clause of its own
        root = next((t for t in doc[first.i : sent_end] if t.head.i == t.i), None)
        if root is None or any(c.dep_ in ("ccomp", "xcomp", "dobj", "parataxis") for c in root.children):
            return lo, lo
    return lo, min(hi, end_char)


def _before_lo(doc: Doc, q: QuoteCand, prev_end: int) -> int:
    """Where the quote's sentence starts before it (not before the previous quote or paragraph)."""
    lo = max(q.para_start, prev_end)
    opening = doc.char_span(q.start - 1, q.start, alignment_mode="expand")
    if opening is not None and len(opening):
        sent_start, _ = sentence(doc, opening[0].i)
        lo = max(lo, doc[sent_start].idx)
    return lo


def _attribute(doc: Doc, q: QuoteCand, span: Span, prev_end: int, verbs: SpeechVerbs,
               governed: tuple[Token, bool] | None) -> Token | None:
    """Fill the quote's local attribution; the cue token used, or None (then q.follow_on).
    The nearest cue wins: right after the quote, else the last one before it in its sentence, else
    the verb of saying that governs it, else one later in its sentence."""
    text = doc_text(doc)
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end < 0 else para_end
    after_lo, after_hi = _after_window(doc, q, para_end)
    # a participle after the quote ("..., the government recommending ...") is not its attribution
    after = [t for t in _cue_tokens(doc, after_lo, after_hi, verbs) if t.tag_ != "VBG" or t.lower_ == "according"]
    before_lo = _before_lo(doc, q, prev_end)
    before = _cue_tokens(doc, before_lo, q.start - 1, verbs)
    if governed is not None and not is_clause(span):
        _set_outside(doc, q, governed[0], after_lo)  # a fragment inside the clause of its verb of saying
        return governed[0]
    if after and after[0].idx - after_lo < 40:
        _set_outside(doc, q, after[0], after_lo)
        return after[0]
    if before:
        set_speaker(doc, q, before[-1])
        return before[-1]
    if governed is not None:
        set_speaker(doc, q, governed[0])
        return governed[0]
    if after:
        set_speaker(doc, q, after[0])
        if q.follow_on:
            _named_before_cue(doc, q, after_lo, after[0])
        return after[0]
    lead = text[before_lo : q.start - 1]
    if lead.rstrip().endswith(":"):
        return _colon(doc, q, before_lo + len(lead.rstrip()) - 1)
    if WORDS_OF.search(lead):
        who = doc.char_span(q.start - 1, q.start, alignment_mode="expand")
        named = _words_of(doc, before_lo, q.start - 1)
        if named is not None and who is not None:
            set_speaker_token(doc, q, named)
            q.attribution = "cue"
            q.cue = "in the words of"
            return None
    if not lead.strip() and q.para_start == q.start - 1 and q.para_start >= 2:
        return _previous_paragraph(doc, q, verbs)
    q.follow_on = True
    return None


def _set_outside(doc: Doc, q: QuoteCand, cue: Token, after_lo: int) -> None:
    """set_speaker, but a subject the parse found inside the quote itself ("Every one of them," X
    said) gives way to the person named between the quote and a cue after it."""
    set_speaker(doc, q, cue)
    if q.follow_on or (q.speaker is not None and q.start <= q.speaker[0] < q.end and q.pronoun is None):
        _reset_speaker(q)
        if cue.idx >= after_lo:
            _named_before_cue(doc, q, after_lo, cue)


def _reset_speaker(q: QuoteCand) -> None:
    q.speaker = q.speaker_name = None
    q.speaker_text = q.pronoun = q.role = None
    q.org_noun = False
    q.follow_on = True


def _named_before_cue(doc: Doc, q: QuoteCand, lo: int, cue: Token) -> None:
    """"..., Pierre Gignac, the firm's risk officer, mentioned in a commentary": when the parse
    gives the cue no subject, the person named between the quote and the cue is the speaker."""
    between = doc.char_span(lo, cue.idx, alignment_mode="contract")
    if between is None:
        return
    named = [t for t in between if mention_label(t) in ("PERSON", "ORG")]
    proper = [t for t in between if t.pos_ == "PROPN" and t.lower_ not in TITLE_WORDS]
    if named or proper:
        q.follow_on = False
        set_speaker_token(doc, q, named[0] if named else proper[-1])


def _colon(doc: Doc, q: QuoteCand, colon_char: int) -> Token | None:
    """"Patel is more blunt: "..."": the subject of the clause the colon ends is the speaker."""
    colon = doc.char_span(colon_char, colon_char + 1, alignment_mode="expand")
    if colon is None or not len(colon) or colon[0].i == 0:
        q.follow_on = True
        return None
    root = doc[colon[0].i - 1]
    while root.head.i != root.i and root.head.i < colon[0].i:
        root = root.head
    subject = subject_of(root)
    if subject is None or not (subject.pos_ in ("PROPN", "PRON") or subject.lower_ in ROLE_NOUNS):
        q.follow_on = True  # "And here was the big reveal:": no speaker introduced
        return None
    set_speaker(doc, q, root, "colon")
    if q.follow_on:
        return None
    q.cue = ":"
    return root


def _words_of(doc: Doc, lo: int, hi: int) -> Token | None:
    """The person of "in the words of the prosecutor, Ann Cole," (the name, else the noun)."""
    span = doc.char_span(lo, hi, alignment_mode="contract")
    if span is None:
        return None
    words = [t for t in span if t.lower_ == "words" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of"]
    if not words:
        return None
    of = doc[words[-1].i + 1]
    named = [t for t in doc[of.i + 1 : span.end] if mention_label(t) == "PERSON"]
    if named:
        return named[-1]  # "of the prosecutor, Alice Moreau,": the name, however the parse hangs it
    objs = [c for c in of.children if c.dep_ == "pobj"]
    return objs[0] if objs else None


def _previous_paragraph(doc: Doc, q: QuoteCand, verbs: SpeechVerbs) -> Token | None:
    """A quote opening a paragraph after "Rathbun stated," / "She said:" ending the previous one."""
    text = doc_text(doc)
    prev_para_end = q.para_start - 1
    while prev_para_end > 0 and text[prev_para_end - 1].isspace():
        prev_para_end -= 1
    if text[prev_para_end - 1 : prev_para_end] in (",", ":"):
        lo = text.rfind("\n", 0, prev_para_end) + 1
        before = _cue_tokens(doc, lo, prev_para_end, verbs)
        if before:
            set_speaker(doc, q, before[-1])
            return before[-1]
        if text[prev_para_end - 1] == ":":
            return _colon(doc, q, prev_para_end - 1)
    q.follow_on = True
    return None


def find_reported_speech(doc: Doc, verbs: SpeechVerbs, quotes: list[QuoteCand], cues: set[int]) -> list[SpeechCand]:
    """Verbs of saying outside the quotes and not used as a quote's cue ("Reyes says the wait has
    doubled", "according to Reyes", "the company issued a statement"), each with its speaker."""
    text = doc_text(doc)
    inside = sorted((q.start - 1, q.end + 1) for q in quotes)
    out: list[SpeechCand] = []
    k = 0
    for tok in doc:
        while k < len(inside) and inside[k][1] <= tok.idx:
            k += 1
        if k < len(inside) and inside[k][0] <= tok.idx < inside[k][1] or tok.i in cues:
            continue
        according = tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
        issued = tok.lower_ in ISSUE_VERBS and tok.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.lower_ in STATEMENT_NOUNS for c in tok.children)
        if not (according or issued or is_speech_verb(tok, verbs, ("speech", "stance"))):
            continue
        if tok.dep_ in ("amod", "acl", "relcl") and not according:
            continue  # "a so-called ...", "the report released Friday", "Ruiz, who writes a blog"
        para_start = text.rfind("\n", 0, tok.idx) + 1
        rec = SpeechCand(tok.idx, tok.idx + len(tok.text), para_start)
        set_speaker(doc, rec, tok, "statement" if issued else "reported_speech")
        if rec.follow_on or (rec.speaker is None and rec.speaker_text is None and rec.pronoun is None):
            continue
        out.append(rec)
    return out
