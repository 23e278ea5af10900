"""Legal charges: a curated offence gazetteer plus patterns around charge cues, with status and subject.

The gazetteer is `charges.jsonl` (SpanRuler-style lines: {"label": "CHARGE", "pattern": "wire fraud"});
every pattern is also matched with the usual modifiers ("attempted", "aggravated", "conspiracy to
commit", "first-degree", ...). A user adds offence names for their jurisdiction in a JSONL file of the
same form named by `charge_patterns` in the config. Around charge cues ("charged with", "pleaded
guilty to", "counts of") a gerund phrase naming an offence ("bringing aliens to the United States for
profit") is taken too, and "conspiracy to <verb> ..." anywhere.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from reader.nlp.candidates import ChargeCand, ChunkFacts
from reader.nlp.docutil import doc_ents, doc_text, sentence

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token

MODIFIERS = (
    "attempted", "aggravated", "attempted aggravated", "felony", "misdemeanor", "first-degree",
    "second-degree", "third-degree", "first degree", "second degree", "third degree", "simple",
    "conspiracy to commit", "conspiring to commit", "conspired to commit", "attempt to commit",
    "attempting to commit", "solicitation to commit", "aiding and abetting", "conspiracy to commit aggravated",
    "felonious", "criminal", "federal", "sexual", "child",
)
# Offence names that are also everyday words: they count only near a charge cue.
WEAK = frozenset(
    [
        "fraud", "conspiracy", "trafficking", "smuggling", "escape", "structuring", "threats",
        "intimidation", "uttering", "obstruction", "harassment", "solicitation", "torture", "terrorism",
        "vandalism", "piracy", "prostitution", "treason", "sedition", "forgery", "counterfeiting",
        "stalking", "poaching", "hijacking", "assault", "battery", "theft", "corruption", "racketeering",
        "trespassing", "espionage"
    ]
)
CUE_WORDS = frozenset(
    [
        "charged", "charges", "charge", "charging", "convicted", "conviction", "convictions", "guilty",
        "arrested", "arrest", "indicted", "indictment", "indictments", "accused", "accusing", "count",
        "counts", "sentenced", "sentencing", "wanted", "suspected", "suspicion", "acquitted", "plea",
        "pleaded", "pled", "pleads", "plead", "alleged", "allegedly", "allegations", "admitted", "faces",
        "face", "facing", "investigation", "prosecuted", "prosecution", "tried", "trial", "offense",
        "offenses", "offence", "offences", "crimes", "crime", "for", "of", "with", "on"
    ]
)
STRONG_CUES = CUE_WORDS - {"for", "of", "with", "on", "investigation", "trial", "crime", "crimes", "face",
                           "faces", "facing"}
STOP_WORDS = frozenset(
    [
        "on", "before", "at", "from", "between", "during", "after", "by", "under", "through", "since",
        "when", "while", "who", "which", "that", "as", "because", "whom", "stemming", ",", ";", ".", ":",
        "(", ")", "“", "”", '"', "—", "–", "in"
    ]
)
OFFENCE_STEMS = re.compile(
    r"fraud|false|launder|aliens|smuggl|brib|theft|stole|tax return|firearm|weapon|drug|controlled substance|"
    r"narcotic|cocaine|heroin|methamphetamine|counterfeit|obstruct|threat|assault|kill|murder|extort|conceal|"
    r"possess|distribut|transport|export|import|traffick|harbor|defraud|embezzl|forg|perjur|misbrand|evad|"
    r"evasion|kidnap|rob|burglar|arson|bomb|explosive|pornograph|entic|exploit|abus|rap(e|ing)|molest|"
    r"impersonat|wiretap|hack|damag|destro|tamper|retaliat|bribe|kickback|solicit|entry|reentry|re-entry",
    re.IGNORECASE,
)

STATUS_CUES = (
    ("acquitted", ("acquitted", "acquittal", "not guilty")),
    ("pleaded_guilty", ("pleaded guilty", "pled guilty", "pleads guilty", "plead guilty", "pleading guilty",
                        "guilty plea", "admitted")),
    ("sentenced", ("sentenced", "sentencing")),
    ("convicted", ("convicted", "found guilty", "conviction", "jury verdict")),
    ("charged", ("charged", "charging", "charges", "indicted", "indictment", "complaint", "accused",
                 "faces", "facing", "charge")),
    ("arrested", ("arrested", "arrest", "detained", "apprehended", "custody")),
    ("alleged", ("wanted", "alleged", "allegedly", "suspected", "suspicion", "investigation", "red notice")),
)
PRIOR = re.compile(r"\b(prior|previous|previously|past|earlier)\b[^.]{0,25}\b(conviction|convictions|convicted)\b",
                   re.IGNORECASE)


def load_patterns(extra_file: str | None = None) -> list[str]:
    """Offence names: the bundled gazetteer plus the user's file (JSONL, or one name a line)."""
    raw = resources.files("reader.nlp").joinpath("charges.jsonl").read_text(encoding="utf-8")
    names = _parse_patterns(raw)
    if extra_file:
        try:
            names += _parse_patterns(Path(extra_file).expanduser().read_text(encoding="utf-8"))
        except OSError as exc:
            raise ValueError(f"charge patterns file {extra_file}: {exc.strerror or exc}") from None
    return names


def _parse_patterns(raw: str) -> list[str]:
    out = []
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("{"):
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            pattern = row.get("pattern")
            if isinstance(pattern, str) and pattern.strip():
                out.append(pattern.strip())
        else:
            out.append(line)
    return out


def patterns_hash(extra_file: str | None = None) -> str:
    """Hash of the bundled and user pattern files, for the cache key."""
    h = hashlib.sha256()
    for name in ("charges.jsonl", "agencies.jsonl"):
        h.update(resources.files("reader.nlp").joinpath(name).read_bytes())
    if extra_file:
        try:
            h.update(Path(extra_file).expanduser().read_bytes())
        except OSError:
            h.update(b"missing:" + extra_file.encode())
    return h.hexdigest()[:16]


@lru_cache(maxsize=8)
def expanded(extra_file: str | None) -> tuple[tuple[str, ...], frozenset[str]]:
    """All phrases to match (each base with every modifier) and the weak single words."""
    bases = load_patterns(extra_file)
    phrases = set()
    for base in bases:
        low = base.lower()
        phrases.add(low)
        for mod in MODIFIERS:
            if not low.startswith(mod):
                phrases.add(f"{mod} {low}")
    return tuple(sorted(phrases)), WEAK


def make_charges_component(nlp: Language, name: str, patterns_file: str | None) -> Callable[[Doc], Doc]:
    from spacy.matcher import PhraseMatcher

    phrases, weak = expanded(patterns_file)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("CHARGE", [nlp.make_doc(phrase) for phrase in phrases])

    def reader_charges(doc: Doc) -> Doc:
        facts: ChunkFacts = doc.user_data.setdefault("reader_facts", ChunkFacts())
        spans = find_charges(doc, matcher, weak)
        group = []
        for start, end in spans:
            status, subject, pronoun = charge_status(doc, start, end, spans)
            facts.charges.append(ChargeCand(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text),
                                            status, subject, pronoun, doc[sentence(doc, start)[0]].idx))
            group.append(doc[start:end])
        for span in group:
            span.label_ = "CHARGE"
        doc.spans["reader_charges"] = group
        return doc

    return reader_charges


def find_charges(doc: Doc, matcher: PhraseMatcher, weak: frozenset[str]) -> list[tuple[int, int]]:
    """Token spans of offence mentions, longest first, no overlaps."""
    found = []
    for _, start, end in matcher(doc):
        if end - start == 1 and doc[start].lower_ in weak and not _near_cue(doc, start):
            continue
        if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN") and doc[end - 1].lower_ in weak \
                and end - start == 1:
            continue
        if end < len(doc) and doc[end].text == "-":  # "homicide-related"
            continue
        if doc[start].text[:1].isupper() and end - start == 1 and not doc[start].is_sent_start \
                and doc[start].pos_ == "PROPN" and start + 1 < len(doc) and doc[start + 1].text[:1].isupper():
            continue  # part of a proper name ("Fraud Section")
        found.append((start, end))
    found += _cue_phrases(doc)
    found.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int]] = []
    for s in found:
        if not any(s[0] < b and a < s[1] for a, b in taken):
            taken.append(s)
    return sorted(taken)


def _near_cue(doc: Doc, i: int) -> bool:
    sent_start = sentence(doc, i)[0]
    lo = max(sent_start, i - 12)
    return any(doc[k].lower_ in STRONG_CUES for k in range(lo, i))


def _cue_phrases(doc: Doc) -> list[tuple[int, int]]:
    """Gerund phrases after a charge cue, and "conspiracy to <verb> ..." phrases."""
    out = []
    for tok in doc:
        low = tok.lower_
        start = None
        if low in ("conspiracy", "conspiring", "conspired") and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to" \
                and doc[tok.i + 2].pos_ in ("VERB", "AUX") and doc[tok.i + 2].lower_ != "commit":
            start = tok.i
        elif low in ("of", "to", "with", "for") and tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "VBG" \
                and _near_cue(doc, tok.i + 1) and tok.i > 0 and doc[tok.i - 1].lower_ in (
                    "guilty", "counts", "count", "charged", "convicted", "charges", "charge", "accused",
                    "arrested", "indicted", "sentenced", "wanted", "and"):
            start = tok.i + 1
        if low in ("violation", "violations", "violating") and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
            law_end = _named_law_end(doc, tok.i + 2)
            if law_end is not None:
                modified = tok.i > 0 and doc[tok.i - 1].lower_ in ("misdemeanor", "felony", "criminal")
                first = tok.i - 1 if modified else tok.i
                out.append((first, law_end))
            continue
        if start is None:
            continue
        end = _phrase_end(doc, start)
        phrase = doc[start:end].text
        if doc[start].tag_ == "VBG" and any(t.lower_ in ("conspiracy", "scheme") for t in doc[start:end]):
            continue  # "participating in the conspiracy to ...": the conspiracy phrase is the charge
        conspiracy = doc[start].lower_ in ("conspiracy", "conspiring", "conspired")
        if end - start >= 3 and conspiracy or end - start >= 2 and OFFENCE_STEMS.search(phrase):
            out.append((start, end))
    return out


LAW_HEADS = frozenset({"Act", "Law", "Code", "Statute", "Statutes", "Ordinance", "Regulations", "Convention"})


def _named_law_end(doc: Doc, i: int) -> int | None:
    """End of "the Clean Water Act" starting at token i, if a capitalised law name follows."""
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    j = i
    while j < len(doc) and j - i < 10 and (doc[j].text[:1].isupper() or doc[j].lower_ in ("of", "and", "for", "the")
                                           or doc[j].like_num or doc[j].text in (",", "-")):
        if doc[j].text in LAW_HEADS:
            return j + 1
        j += 1
    return None


def _phrase_end(doc: Doc, start: int) -> int:
    sent_end = sentence(doc, start)[1]
    i = start + 1
    limit = min(sent_end, start + 14)
    while i < limit:
        tok = doc[i]
        if tok.lower_ in STOP_WORDS and not (tok.lower_ == "in" and doc[i - 1].tag_ == "VBG"):
            break
        if tok.lower_ == "and" and any(t.lower_ in ("charges", "charge", "offenses", "offences", "crimes", "counts")
                                       for t in doc[i + 1 : min(sent_end, i + 5)]):
            break
        if tok.lower_ == "and" and i + 1 < len(doc) and (doc[i + 1].like_num or doc[i + 1].lower_ in (
                "to", "one", "a", "an", "then", "was", "is", "he", "she", "they", "each", "both", "all", "will",
                "who", "were", "are", "have", "has", "had")
                or doc[i + 1].tag_ in ("VBG", "VBD", "VBZ", "VBP")):
            break
        if "\n" in tok.text or tok.ent_type_ in ("ORG", "PERSON", "DATE"):
            break
        i += 1
    while i > start + 1 and doc[i - 1].lower_ in ("and", "or", "the", "a", "of", "to"):
        i -= 1
    return i


def charge_status(doc: Doc, start: int, end: int, others: Sequence[tuple[int, int]] = ()
                  ) -> tuple[str | None, tuple[int, int] | None, bool]:
    """The status the sentence gives an offence and the char span of its subject, if the text says."""
    sent_start, _ = sentence(doc, start)
    lo = doc[sent_start].idx
    chars = list(doc_text(doc)[lo : doc[start].idx].lower())
    for a, b in others:  # cue words inside other offences ("resisting arrest") are no cues
        a_tok, b_tok = doc[a].idx - lo, doc[b - 1].idx + len(doc[b - 1].text) - lo
        if 0 <= a_tok < len(chars):
            chars[a_tok : min(b_tok, len(chars))] = " " * (min(b_tok, len(chars)) - a_tok)
    before = "".join(chars)
    status = None
    best = -1
    for m in PRIOR.finditer(before):
        best, status = m.end(), "prior"
    for name, cues in STATUS_CUES:
        for cue in cues:
            pos = before.rfind(cue)
            if pos > best and (pos == 0 or not before[pos - 1].isalpha()):
                best, status = pos, name
    if status is None:
        return None, None, False
    # the subject: the nearest verb before the offence with a nominal subject, up its conj chain
    verb = _governing_verb(doc, start, sent_start)
    subj = None
    if verb is not None and verb.lower_ in ("charge", "charges", "charging", "charged", "indicting", "accusing",
                                            "accuses", "accused", "convicting", "sentencing"):
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if objects and (objects[0].pos_ == "PROPN" or objects[0].ent_type_ == "PERSON"
                        or objects[0].lower_ in ("him", "her")):
            subj = objects[0]
    if subj is None:
        subj = _subject(verb) if verb is not None else None
    if subj is None:
        return status, None, False
    if subj.lower_ in ("he", "she", "him", "her", "his"):
        return status, (subj.idx, subj.idx + len(subj.text)), True
    if subj.pos_ != "PROPN":
        return status, None, False
    span = _noun_phrase(doc, subj)
    return status, span, False


def _governing_verb(doc: Doc, start: int, sent_start: int) -> Token | None:
    tok = doc[start]
    seen = 0
    while tok.head.i != tok.i and seen < 12:
        tok = tok.head
        seen += 1
        if tok.pos_ in ("VERB", "AUX") and tok.i < start:
            return tok
    for k in range(start - 1, sent_start - 1, -1):
        if doc[k].pos_ == "VERB":
            return doc[k]
    return None


def _subject(verb: Token) -> Token | None:
    tok = verb
    for _ in range(6):
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if tok.dep_ in ("conj", "xcomp", "advcl", "relcl", "acl") and tok.head.i != tok.i:
            if tok.dep_ == "relcl" or tok.dep_ == "acl":
                return tok.head if tok.head.pos_ in ("PROPN", "PRON") else None
            tok = tok.head
            continue
        break
    return None


def _noun_phrase(doc: Doc, tok: Token) -> tuple[int, int]:
    if tok.ent_iob_ != "O" and tok.ent_type_:
        for ent in doc_ents(doc):
            if ent.start <= tok.i < ent.end:
                return ent.start_char, ent.end_char
    left = tok.i
    while left > 0 and doc[left - 1].dep_ in ("compound", "flat") and doc[left - 1].head.i == tok.i:
        left -= 1
    return doc[left].idx, tok.idx + len(tok.text)
