"""Given names (lexicons/first_names.jsonl): is a phrase a person's name, and what gender does it suggest?"""

from __future__ import annotations

from functools import lru_cache

from reader.nlp import lexicons
from reader.nlp.lexicon import ORG_KEYWORDS

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
