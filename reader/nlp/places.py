"""World places of general knowledge (lexicons/places.jsonl): countries, US states, continents,
capitals, cities of half a million people or more, and historical regions. A name the model tags
ORG that is one of these is the place, not an organisation ("settled in Copenhagen")."""

from __future__ import annotations

from functools import lru_cache

from reader.nlp import lexicons


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Every place name in the lexicon, as written."""
    return frozenset(row["name"] for row in lexicons.read("places"))


def known_place(surface: str) -> bool:
    """Is the whole surface ("Copenhagen", "Asia Minor", "the Balkans") a known place name?"""
    name = surface[4:] if surface.startswith(("the ", "The ")) else surface
    return name in places()
