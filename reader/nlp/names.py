"""Given names (lexicons/first_names.jsonl): is a phrase a person's name, and what gender does it suggest?"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from reader.nlp import lexicons
from reader.nlp.lexicon import ORG_KEYWORDS, TITLE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token

# Given names that are far more often something else in running text (months, common words, places).
_AMBIGUOUS = frozenset({"April", "May", "June", "August", "Will", "Mark", "Grant", "Rose", "Bill", "Art", "Dell",
                        "Ford", "Lincoln", "Washington", "Jordan", "Georgia", "Virginia", "Carolina", "Chase",
                        "Sterling", "Wells", "Morgan", "Royal", "Young", "General", "Major", "Summer", "Winter",
                        "China", "India", "Israel", "Kenya", "Asia", "America", "Britain", "Paris", "Florence",
                        "Austin", "Houston", "Dallas", "Orlando", "Sydney", "Victoria", "Regina", "Hilton"})


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """Given name -> "female", "male" or "either"."""
    return {row["name"]: row["gender"] for row in lexicons.read("first_names")}


def gender_of_name(name: str) -> str | None:
    """The usual gender of the name's first word, when it is an unambiguous given name."""
    words = name.split()
    if len(words) < 2:
        return None
    gender = first_names().get(_plain(words[0]))
    return gender if gender in ("female", "male") and words[0] not in _AMBIGUOUS else None


def starts_with_first_name(surface: str) -> bool:
    """"Noam Chomsky", "Jean Cocteau": a given name then one or two capitalised words, no organisation word."""
    words = surface.split()
    if not 2 <= len(words) <= 3 or any(w in ORG_KEYWORDS for w in words):
        return False
    if not all(w[:1].isupper() and not w.isupper() for w in words):
        return False
    first = words[0]
    return first not in _AMBIGUOUS and _plain(first) in first_names()


def is_ambiguous_given_name(word: str) -> bool:
    """A given name that running text uses more often for something else (a month, a place, a word)."""
    return word in _AMBIGUOUS


def _plain(word: str) -> str:
    """"Gérard" -> "Gerard" (the census lists are unaccented)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def human_acts() -> dict[str, str]:
    """Verb form -> how its subject attaches ("subj", "passive", "subj_in_love"): acts only a person
    does (dies, marries, is born, falls in love), so a lone name doing one is a person. Keyed by
    inflected form, since the reader's pipeline runs without a lemmatizer."""
    return {form: row["subject"] for row in lexicons.read("human_acts") for form in row["forms"]}


def human_act_subject(tok: Token) -> bool:
    """Is this one-word proper name the subject of a human act ("Orlan died", "Orlan was born")?

    A name of one word only (no compound parts), since "Acme Foods hired" is grammar about a phrase
    the model already reads; places and organisations do not die, marry or fall in love.
    """
    if not tok.text.istitle() or not tok.text.isalpha() or len(tok.text) < 3:
        return False
    # the tagger calls an unfamiliar name a NOUN; a capitalised noun inside a sentence is still a name
    if not (tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and not tok.is_sent_start)):
        return False
    if tok.lower_ in TITLE_WORDS or any(c.dep_ in ("compound", "flat") for c in tok.children):
        return False
    if tok.ent_iob_ == "I" or (tok.ent_iob_ == "B" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_iob_ == "I"):
        return False  # part of a longer name
    kind = human_acts().get(tok.head.lower_)
    if kind is None or tok.head.pos_ not in ("VERB", "AUX"):
        return False
    if kind == "passive":
        return tok.dep_ == "nsubjpass"
    if tok.dep_ != "nsubj":
        return False
    if kind == "subj_in_love":
        return any(c.lower_ == "in" and any(g.lower_ == "love" for g in c.children) for c in tok.head.children)
    return True
