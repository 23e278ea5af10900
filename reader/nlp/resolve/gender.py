"""A person's gender as the article itself shows it: titles, roles, and the pronouns that follow them.

Used only to make "he"/"she" agree with a speaker; a person the text gives no clue about stays
unknown (None), which agrees with either pronoun.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reader.nlp.names import gender_of_name
from reader.nlp.resolve.mentions import PERSON, MentionIndex

PRONOUN = re.compile(r"\b(he|she|his|her|him|hers|himself|herself)\b", re.IGNORECASE)
FEMALE_WORDS = frozenset(["she", "her", "hers", "herself"])
TITLE_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord)\.?\s+$")
FEMALE_TITLES = frozenset(["mrs", "ms", "miss", "dame", "lady"])
# How far back a pronoun may look for the person it stands for (the same or the previous sentence).
REACH = 160


def learn_genders(text: str, index: MentionIndex, quoted: Sequence[tuple[int, int]] = ()) -> dict[str, str]:
    """Entity id -> "female" / "male" from the entity's titles and roles, a title written before a
    mention ("Mrs. Reyes"), the pronouns outside quotes whose nearest preceding person is it, and
    last the usual gender of its given name (lexicons/first_names.jsonl)."""
    votes: dict[str, Counter[str]] = {}
    for m in index.with_label(PERSON):
        if m.entity is None:
            continue
        title = TITLE_BEFORE.search(text, max(0, m.start - 6), m.start)
        if title:
            word = "female" if title.group(1).lower() in FEMALE_TITLES else "male"
            votes.setdefault(m.entity, Counter())[word] += 3
    inside = sorted(quoted)
    k = 0
    for hit in PRONOUN.finditer(text):
        while k < len(inside) and inside[k][1] <= hit.start():
            k += 1
        if k < len(inside) and inside[k][0] <= hit.start():
            continue  # a pronoun inside a quote speaks of someone else
        prior = index.preceding(hit.start(), (PERSON,), since=max(0, hit.start() - REACH))
        if prior is None or prior.entity is None:
            continue
        word = "female" if hit.group(1).lower() in FEMALE_WORDS else "male"
        votes.setdefault(prior.entity, Counter())[word] += 1
    out: dict[str, str] = {}
    for entity in index.entities:
        if entity.gender:
            out[entity.id] = entity.gender
    for entity_id, count in votes.items():
        if entity_id in out:
            continue
        female, male = count["female"], count["male"]
        if female > 2 * male:
            out[entity_id] = "female"
        elif male > 2 * female:
            out[entity_id] = "male"
    for entity in index.entities:
        if entity.label == PERSON and entity.id not in out:
            given = gender_of_name(entity.name)
            if given is not None:
                out[entity.id] = given
    return out
