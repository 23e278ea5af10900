"""Speech or term: a quoted passage is told apart by what surrounds it, never by its length.

Speech: a clause (the quote holds a subject or a finite verb, or reads as a sentence), a fragment a
verb of saying governs as its complement ("called the claim "baseless"", "told the police,
"everything he did""), a fragment right beside its own attribution (""Fake news," he said"), or a
phrase owned by a speaker ("Musk's "production hell""). Term: a fragment that names or doubts a thing
("the so-called "reform"", "a "hold" placed on him", "the letter "C""), a title in a cross-reference
line ("READ MORE: ..."), a quoted word nobody is said to have said.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.nlp.speech_verbs import SpeechVerbs

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Words that introduce a name or a word as such, not somebody's words.
NAMING_WORDS = frozenset(
    ["so-called", "dubbed", "nicknamed", "termed", "titled", "entitled", "named", "word", "words", "term",
     "terms", "phrase", "label", "letter", "slogan", "hashtag", "headline", "motto", "title", "brand"]
)
# A dependency from a fragment (or the clause holding it) to a verb of saying that makes it what was said.
COMPLEMENTS = frozenset(["ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "parataxis", "dative", "advcl"])
PREDICATES = frozenset(["oprd", "attr", "acomp", "xcomp"])
# "READ MORE: ...", "WATCH: ...": a line pointing at another piece; quotes there are part of its title.
REFERENCE_LINE = re.compile(r"[A-Z][A-Z ]{1,20}:")
FINITE_TAGS = frozenset(["VBD", "VBZ", "VBP", "MD"])


def is_clause(span: Span) -> bool:
    """The quote says something on its own: a subject or a finite verb inside it, a whole sentence,
    or a verb phrase that ends where the sentence ends ("was "subjected to repeated torture.""):
    the end of somebody's statement, not a word held up for inspection."""
    words = span.text.strip()
    final = words.rstrip("\"'”’)").endswith((".", "!", "?"))
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    if words[:1].isupper() and final and verbs:
        return True
    # a verb with its own words around it: "must be completed in English", "subjected to torture."
    for verb in verbs:
        own = [c for c in verb.children if span.start <= c.i < span.end]
        if own and (final or verb.tag_ in FINITE_TAGS or any(c.tag_ in FINITE_TAGS for c in own)):
            return True
    return any(t.dep_ in ("nsubj", "nsubjpass", "expl") and span.start <= t.head.i < span.end for t in span)


def in_reference_line(text: str, para_start: int) -> bool:
    """"READ MORE: Title of another story": a label, then a title (no sentence end at the line's end)."""
    if REFERENCE_LINE.match(text, para_start) is None:
        return False
    end = text.find("\n", para_start)
    line = text[para_start : end if end >= 0 else len(text)].rstrip()
    return not line.endswith((".", "!", "?", ".”", ".\"", "?”", "!”", "?\"", "!\""))


def root_of(span: Span) -> Token:
    """The token of the span whose head lies outside it (the first one, if several do)."""
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head.i == tok.i:
            return tok
    return span[0]


def governing_speech_verb(span: Span, verbs: SpeechVerbs, quoted: Callable[[int], bool]) -> tuple[Token, bool] | None:
    """The verb of saying (outside every quote, in the quote's paragraph) whose complement holds the
    span, and whether the span is its predicate ("called him a "chicken""); None when none does.
    A quote that ends its own sentence is not governed by a verb after it."""
    cur = root_of(span)
    ends_sentence = span.text.rstrip("\"'”’) ").endswith((".", "!", "?"))
    inside_phrase = False  # the quote lies in a prepositional phrase of a noun ("stories about "firsts"")
    as_predicate = False  # "describing the scene as "chaos""
    for _ in range(8):
        head = cur.head
        if head.i == cur.i:
            return None
        if (is_speech_verb(head, verbs, ("speech", "cue")) and not quoted(head.idx)
                and (cur.dep_ in COMPLEMENTS or (cur.dep_ == "prep" and cur.lower_ in ("as", "for")))):
            if head.i >= span.end and ends_sentence or _paragraph_between(span, head) or head.dep_ == "acl":
                return None  # "an app called "Meter"": a participle that names, not somebody speaking
            if cur.dep_ in ("dobj", "dative") and inside_phrase and not as_predicate:
                return None
            return head, cur.dep_ in PREDICATES or cur.dep_ == "prep" or as_predicate
        if cur.dep_ in ("relcl", "acl"):
            return None  # a relative clause describes; it is not what the verb above reports
        if cur.dep_ == "prep":
            as_predicate = as_predicate or cur.lower_ == "as"
            inside_phrase = inside_phrase or head.pos_ in ("NOUN", "PROPN", "PRON")
        cur = head
    return None


def _paragraph_between(span: Span, tok: Token) -> bool:
    doc = span.doc
    lo, hi = (tok.i, span.start) if tok.i < span.start else (span.end, tok.i)
    return any("\n" in t.text or "\n" in t.whitespace_ for t in doc[lo:hi])


def is_speech_verb(tok: Token, verbs: SpeechVerbs, kinds: tuple[str, ...] = ("speech", "stance", "cue")) -> bool:
    """A listed verb of saying (of one of `kinds`), with its particle when it needs one ("points out")."""
    verb = verbs.get(tok.text)
    if verb is None or tok.pos_ not in ("VERB", "AUX") or verb.kind not in kinds:
        return False
    return verb.particle is None or any(c.dep_ == "prt" and c.lower_ == verb.particle for c in tok.children)


def names_a_thing(span: Span) -> bool:
    """A naming or doubting context: "the so-called "reform"", "a "hold"", "the word "yeet""."""
    doc = span.doc
    root = root_of(span)
    before = doc[span.start - 1] if span.start > 0 else None
    while before is not None and before.is_punct and before.i > 0:
        before = doc[before.i - 1]
    if before is not None and before.lower_ in NAMING_WORDS:
        return True
    if before is not None and before.lower_ == "as" and before.i > 0 and doc[before.i - 1].lower_ == "known":
        return True
    if before is not None and before.lower_ in ("called", "named") and before.dep_ == "acl":
        return True  # "an app called "SafeWalk""
    if root.dep_ in ("amod", "compound", "nmod") and root.head.i >= span.end and root.head.pos_ in ("NOUN", "PROPN") \
            and not span.text.rstrip().endswith((",", ".", "!", "?")):
        return True  # the quoted words modify a noun after them: "free" sugars, "risk mitigation" payments
    return any(c.dep_ == "det" and c.i < span.start for c in root.children) or (
        before is not None and before.dep_ == "det" and before.head.i >= span.start)


def possessor(span: Span) -> Token | None:
    """The person owning a quoted phrase: "Musk" in "Musk's "production hell"", "her" in "her "plan""."""
    root = root_of(span)
    for c in root.children:
        if c.dep_ == "poss" and c.i < span.start and (c.pos_ == "PROPN" or c.lower_ in ("his", "her")):
            return c
    return None
