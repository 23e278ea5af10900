"""Who a cue points at, read from the parse: the cue verb's subject as a speaker phrase.

`set_speaker(doc, target, cue)` fills a quote's (or a reported-speech record's) speaker fields from
the cue: the verb's grammatical subject up the conj/advcl chain, a relative "who" through its
antecedent, "according to X", "X's statement said" and "a statement by X said" through the owner
of the statement, "said Tom Decker" after the verb; pronouns and nominal phrases ("the mayor", "the
company") are kept as such for the document-level resolver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from reader.nlp.docutil import doc_text, mention_label, mention_of
from reader.nlp.lexicon import (
    ORG_KEYWORDS,
    ORG_NOUNS,
    ORG_PRONOUNS,
    PERSON_PRONOUNS,
    QUOTE_CHARS,
    ROLE_NOUNS,
    TITLE_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# What a person or organisation issues: "her statement said", "a statement by X said", "the post read".
STATEMENT_NOUNS = frozenset(
    ["statement", "statements", "release", "post", "blog", "letter", "email", "e-mail", "tweet", "note",
     "message", "memo", "comment", "comments", "remarks", "speech", "affidavit", "submission", "filing",
     "response", "reply", "testimony", "op-ed", "column", "essay", "editorial"]
)
# Participles that make the "by" phrase after a statement its author ("a statement issued by X").
AUTHORING = frozenset(["issued", "released", "sent", "e-mailed", "emailed", "mailed", "written", "signed", "posted",
                       "published", "provided", "shared", "tweeted"])
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they", "our": "we"}
RELATIVE_PRONOUNS = frozenset(["who", "that", "which"])


class SpeakerFields(Protocol):
    """The speaker fields a quote and a reported-speech record share."""

    cue: str | None
    speaker: tuple[int, int] | None
    speaker_text: str | None
    speaker_name: tuple[int, int] | None
    pronoun: str | None
    org_noun: bool
    follow_on: bool
    attribution: str | None
    role: str | None


def set_speaker(doc: Doc, q: SpeakerFields, cue: Token, attribution: str = "cue") -> None:
    """Fill q's speaker from the cue token (a verb of saying, or "according" of "according to")."""
    q.cue = cue.text if cue.lower_ != "according" else "according to"
    q.attribution = attribution
    if cue.lower_ == "according":
        to = doc[cue.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        who = objs[0] if objs else (doc[to.i + 1] if to.i + 1 < len(doc) else None)
    else:
        who = subject_of(cue)
        if who is None and cue.i + 1 < len(doc) and doc[cue.i + 1].pos_ == "PROPN":
            who = doc[cue.i + 1]
    if who is None:
        q.follow_on = True
        return
    set_speaker_token(doc, q, who)


def set_speaker_token(doc: Doc, q: SpeakerFields, who: Token) -> None:
    """Fill q's speaker from the token that names (or stands for) the speaker."""
    if who.lower_ in RELATIVE_PRONOUNS and who.head.dep_ == "relcl":
        # "Nunes, the brawler who calls herself ...": the relative clause's antecedent
        who = who.head.head
        if who.dep_ == "appos":
            who = who.head
    if who.lower_ in STATEMENT_NOUNS:
        owner = _statement_owner(who)
        if owner is not None:
            q.attribution = "statement"
            who = owner
    low = who.lower_
    if low in POSSESSIVE_PRONOUNS:
        low = POSSESSIVE_PRONOUNS[low]
    if low in PERSON_PRONOUNS or low in ORG_PRONOUNS:
        q.pronoun = low
        q.speaker = (who.idx, who.idx + len(who.text))
        return
    if who.lower_ in TITLE_WORDS:
        # "said FBI Assistant Director-in-Charge Demarest": the title's appositive is the name
        named = [c for c in who.children if c.dep_ == "appos" and c.text[:1].isupper()]
        if named:
            who = named[0]
    if who.pos_ != "PROPN" or mention_label(who) not in ("PERSON", "ORG") or who.lower_ in TITLE_WORDS:
        # "director of the Harbour Clinic Dana Reyes told": a person named inside the subject phrase
        # ("A Kenney spokesperson" is not Kenney: a name modifying the role noun is someone else)
        text = doc_text(doc)
        named = [t for t in who.subtree if mention_label(t) == "PERSON" and not _in_relative_clause(t, who)
                 and not any(c in QUOTE_CHARS for c in text[min(t.idx, who.idx) : max(t.idx, who.idx)])
                 and not (t.head.i == who.i and t.dep_ in ("compound", "poss"))]
        if named:
            who = named[-1]
    if who.pos_ != "PROPN" and (who.lower_ in ROLE_NOUNS or who.lower_ in TITLE_WORDS):
        # "A Kenney spokesperson defended ...": someone unnamed, not Kenney; keep the phrase as said
        left = who.i
        while left > 0 and doc[left - 1].head.i == who.i and doc[left - 1].dep_ in ("compound", "amod", "poss"):
            left -= 1
        q.speaker_text = doc_text(doc)[doc[left].idx : who.idx + len(who.text)]
        q.role = who.lower_
        return
    start, end = phrase(doc, who)
    q.speaker = (start, end)
    named_phrase = any(t.pos_ == "PROPN" for t in doc[_token_index(doc, start) : who.i + 1])
    q.speaker_text = doc_text(doc)[start:end] if who.pos_ == "PROPN" or mention_label(who) or named_phrase else None
    q.speaker_name = name_run(doc, who)
    if who.pos_ != "PROPN" and low in ORG_NOUNS and not any(
            c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in who.children):
        q.org_noun = True
        q.role = low
    elif who.pos_ == "NOUN" and q.speaker_text is None:
        q.role = low  # "the owner", "the team": a nominal speaker the resolver reads through roles


def _in_relative_clause(tok: Token, top: Token) -> bool:
    """A name inside a relative clause of the subject ("Ruiz, who once met Tom Hanks") is not it."""
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "acl"):
            return True
        cur = cur.head
    return False


def _statement_owner(noun: Token) -> Token | None:
    """Whose statement: "her statement", "Ruslim's statement", "a statement from the SEC", "a
    statement e-mailed by Ruslim" (the author, not "a letter seen by Sky News")."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    heads = [noun.i] + [a.i for a in noun.children if a.dep_ == "acl" and a.lower_ in AUTHORING]
    for c in noun.subtree:
        if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "from") and c.head.i in heads:
            if c.lower_ == "by" and c.head.i == noun.i:
                continue
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _token_index(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def name_run(doc: Doc, head: Token) -> tuple[int, int] | None:
    """The capitalised words ending at the head, without titles: "Demarest" in "FBI Assistant
    Director-in-Charge Demarest", "News Works" in "News Works"."""
    if not head.text[:1].isupper() or head.lower_ in TITLE_WORDS or head.text in ORG_KEYWORDS:
        return None
    i = head.i
    while i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].lower_ not in TITLE_WORDS \
            and "-" not in doc[i - 1].text and doc[i - 1].head.i == head.i and not doc[i - 1].text.isupper():
        i -= 1
    return doc[i].idx, head.idx + len(head.text)


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, up the conj/advcl/xcomp chain ("added, noting ..."; "with Boswell stating")."""
    tok = verb
    for _ in range(5):
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0]
        if tok.head.pos_ == "ADP" and tok.head.lower_ in ("with", "without"):
            # "with Boswell stating": the gerund's subject is the object of "with", not the main clause's
            named = [c for c in tok.children if c.pos_ in ("PROPN", "NOUN", "PRON") and c.i < tok.i]
            if named:
                return named[-1]
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


def phrase(doc: Doc, tok: Token) -> tuple[int, int]:
    """The speaker phrase: the corrected mention around the token, else the model's entity, else its
    compound/possessive name."""
    mention = mention_of(tok)
    if mention is not None:
        return mention.start_char, mention.end_char
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
        return phrase(doc, names[0])
    left = tok.i
    while left > 0 and doc[left - 1].dep_ in ("compound", "flat", "amod") and doc[left - 1].head.i == tok.i:
        left -= 1
    return doc[left].idx, tok.idx + len(tok.text)
