"""Package data of the NLP rules: JSONL lexicons of general knowledge, one record a line.

agencies.jsonl: agencies and courts (names, variants, acronym). first_names.jsonl: given names with
their usual gender, from the US Census 1990 name frequency lists (public domain). non_entities.jsonl:
head and lead words that make a capitalised phrase something other than a person or organisation
(events, awards, works, buildings, storms, fields of study, licences). organisations.jsonl:
well-known organisations the model often misses or calls people (web platforms, news agencies).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=16)
def read(name: str) -> tuple[dict[str, Any], ...]:
    """The records of one bundled lexicon (`name` without the .jsonl suffix)."""
    raw = resources.files(__package__).joinpath(f"{name}.jsonl").read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in raw.splitlines() if line.strip())


def fingerprint() -> str:
    """Hash of every bundled lexicon, for the analysis cache key."""
    h = hashlib.sha256()
    root = resources.files(__package__)
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".jsonl"):
            h.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return h.hexdigest()[:16]
