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


@dataclass(frozen=True)
class NonEntityLexicon:
    heads: dict[tuple[str, str], str]  # (word, label) -> kind
    leads: dict[str, str]  # lower-case word -> kind
    initials: frozenset[str]
    words: dict[str, str]  # a whole name -> kind


@lru_cache(maxsize=1)
def lexicon() -> NonEntityLexicon:
    heads: dict[tuple[str, str], str] = {}
    leads: dict[str, str] = {}
    initials: set[str] = set()
    words: dict[str, str] = {}
    for row in lexicons.read("non_entities"):
        if row["where"] == "head":
            for label in row["labels"]:
                heads[(row["word"], label)] = row["kind"]
        elif row["where"] == "lead":
            leads[row["word"].lower()] = row["kind"]
        elif row["where"] == "word":
            words[row["word"]] = row["kind"]
        else:
            initials.add(row["word"])
    return NonEntityLexicon(heads, leads, frozenset(initials), words)


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
    before = re.search(r"([A-Za-z]+(?: series)?)\W{0,2}(?:the\s+)?$", text[max(0, start - 30) : start])
    if before and before.group(1).lower() in lex.leads:
        return lex.leads[before.group(1).lower()]
    after = re.match(r"['’]?s?\s+([a-z]+)", text[end : end + 20])
    if after and after.group(1) in lex.leads and lex.leads[after.group(1)] in ("vehicle", "storm"):
        return lex.leads[after.group(1)]
    if len(words) == 1 and words[0] in lex.initials:
        return "adverb"
    return None
