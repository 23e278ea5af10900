"""The world places lexicon: whole names only, countries, cities, regions."""

from __future__ import annotations

from reader.nlp.places import known_place


def test_countries_large_cities_and_regions_are_places() -> None:
    assert all(known_place(p) for p in ("France", "Copenhagen", "Thrace", "Asia Minor", "the Balkans", "Ohio"))


def test_a_part_of_a_place_name_or_a_company_is_not() -> None:
    assert not any(known_place(p) for p in ("Copenhagen University", "Minor", "Acme", "Toyota"))
