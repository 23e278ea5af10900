"""Capitalised phrases that name no person or organisation: events, awards, works, buildings, storms,
vehicles, products, fields of study, licences, sentence-initial adverbs.

Grounded in `lexicons/non_entities.jsonl`: a head word (the phrase's last word of that kind, after any
organisation head word: "Nobel Prize" is an award, "Nobel Prize Committee" an organisation), a lead
word written right before or after the phrase ("Cyclone X", "the spacecraft X", "the X spacecraft"),
or a sentence-initial adverb. Pure string work, no spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reader.nlp import lexicons
from reader.nlp.lexicon import ORG_KEYWORDS

_WORD = re.compile(r"[\w'’&.-]+")
_DEFINITION = re.compile(r"\s+(?:is|was)\s+(?:a|an|the)\s+((?:[\w-]+ ){0,3}[\w-]+)")


@dataclass(frozen=True)
class NonEntityLexicon:
    heads: dict[tuple[str, str], str]  # (word, label) -> kind
    leads: dict[str, str]  # lower-case word -> kind
    initials: frozenset[str]
    words: dict[str, str]  # a whole name -> kind
    verbs_in: frozenset[str]  # "starred in X": X is a work


@lru_cache(maxsize=1)
def lexicon() -> NonEntityLexicon:
    heads: dict[tuple[str, str], str] = {}
    leads: dict[str, str] = {}
    initials: set[str] = set()
    words: dict[str, str] = {}
    verbs_in: set[str] = set()
    for row in lexicons.read("non_entities"):
        if row["where"] == "head":
            for label in row["labels"]:
                heads[(row["word"], label)] = row["kind"]
        elif row["where"] == "lead":
            leads[row["word"].lower()] = row["kind"]
        elif row["where"] == "word":
            words[row["word"]] = row["kind"]
        elif row["where"] == "verb_in":
            verbs_in.add(row["word"])
        else:
            initials.add(row["word"])
    return NonEntityLexicon(heads, leads, frozenset(initials), words, frozenset(verbs_in))


def non_entity(text: str, start: int, end: int, label: str) -> str | None:
    """The kind of non-entity `text[start:end]` is when tagged `label` (e.g. "award"), else None."""
    lex = lexicon()
    surface = text[start:end]
    words = _WORD.findall(surface)
    if not words:
        return None
    if surface in lex.words:
        return lex.words[surface]
    last_org = max((k for k, w in enumerate(words) if w in ORG_KEYWORDS), default=-1)
    if last_org >= 0 and any(w in ("of", "for", "in") for w in words[last_org + 1 :]):
        last_org = len(words)  # "Department of Linguistics": what follows the organisation word is its field
    for k in range(len(words) - 1, last_org, -1):
        kind = lex.heads.get((words[k], label))
        if kind is not None:
            return kind
    # a two-word head ("Opera House")
    for k in range(max(0, last_org + 1), len(words) - 1):
        kind = lex.heads.get((f"{words[k]} {words[k + 1]}", label))
        if kind is not None:
            return kind
    if words[0].lower() in lex.leads and len(words) > 1:
        return lex.leads[words[0].lower()]
    before = re.search(r"([A-Za-z]+(?: series)?)[\s,:“\"‘']{0,3}(?:(?:called|named)\s+)?(?:the\s+)?$",
                       text[max(0, start - 40) : start])
    if before and before.group(1).lower() in lex.leads:
        return lex.leads[before.group(1).lower()]
    acted = re.search(r"([a-z-]+)\s+(?:in|on)\s+(?:the\s+)?$", text[max(0, start - 30) : start])
    if acted and acted.group(1) in lex.verbs_in:
        return "work"
    after = re.match(r"['’]?s?\s+([a-z]+)", text[end : end + 20])
    if after and after.group(1) in lex.leads and lex.leads[after.group(1)] in ("vehicle", "storm"):
        return lex.leads[after.group(1)]
    # "X is a NASA space capsule", "X was a 1958 film": the text says what it is
    defined = _DEFINITION.match(text, end)
    for word in defined.group(1).split() if defined else ():
        if word in lex.leads:
            return lex.leads[word]
    if len(words) == 1 and words[0] in lex.initials:
        return "adverb"
    return None


# Kinds whose name, once the text says what it is, is that thing wherever it appears.
THING_KINDS = frozenset({"storm", "vehicle", "product", "work"})


def names_a_thing(text: str, surface: str) -> bool:
    """Does some occurrence of `surface` in the text say it is a storm, vehicle, product or work
    ("Stardust is a NASA space capsule", "a comet called Wild 2")?"""
    start = text.find(surface)
    while start >= 0:  # str.find, not a regex: this runs for every name of a long text
        end = start + len(surface)
        bounded = (start == 0 or not _word_char(text[start - 1])) and (end == len(text) or not _word_char(text[end]))
        if bounded and non_entity(text, start, end, "PERSON") in THING_KINDS:
            return True
        start = text.find(surface, end)
    return False


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_-"
