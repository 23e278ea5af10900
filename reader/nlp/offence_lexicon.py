"""The offence lexicon: heads, modifiers, grading words and a few fixed names, plus the user's patterns.

The charge grammar reads offence phrases from the sentence; this lexicon only says which nouns head
an offence ("fraud", "violation" with a named law), which modifiers make a phrase an offence
("unlawful", "attempted"), which words in front are grading, not name ("felony", "federal"), and the
handful of fixed names the grammar cannot compose ("theft by deception"). Words are compared as
lemmas from a small inflection rule (the lemmatizer is excluded for speed), so "conspiracies" and
"export violation" match without listing every form.

A user's file (`charge_patterns` in the config) keeps today's format: one
`{"label": "CHARGE", "pattern": "..."}` per line, or one name per line; lexicon rows ("head",
"modifier", "grading", "phrase", "cue") are accepted too. A line that is none of these is a ConfigError
naming the file and the line.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from reader.errors import ConfigError


def lemma(word: str) -> str:
    """A noun's lemma by a small rule: lower case, plural -s / -ies / -es removed."""
    low = word.lower()
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 4 and low.endswith(("sses", "shes", "ches", "xes")):
        return low[:-2]
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


@dataclass(frozen=True)
class Head:
    """An offence head noun and what it needs to name an offence."""

    weak: bool = False  # also an everyday word or a scheme: bare, it counts only where charges are talked of
    needs: tuple[str, ...] = ()  # one of these modifiers must precede it ("*": any modifier)
    takes: tuple[str, ...] = ()  # complements that belong to the offence's name ("of", "to", "with")
    needs_complement: bool = False  # "failure" names an offence only with "to file ..."
    cue_only: bool = False  # "use of ...", "attempt to ...": an offence only where a cue or penalty names it


@dataclass(frozen=True)
class OffenceLexicon:
    heads: dict[str, Head] = field(default_factory=dict)
    modifiers: frozenset[str] = frozenset()
    grading: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()  # fixed names and user patterns, matched on lower case
    # charge cues: word -> (prepositions that introduce the offence, the status the cue gives)
    cues: dict[str, tuple[tuple[str, ...], str | None]] = field(default_factory=dict)


def _rows(raw: str, where: str, strict: bool) -> list[dict[str, object]]:
    """Parse lexicon lines; a bad line raises ConfigError (strict) naming `where` and the line number."""
    rows: list[dict[str, object]] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not line.startswith("{"):
            rows.append({"phrase": line})
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            if strict:
                raise ConfigError(f"{where}:{number}: not a JSON object ({exc.msg})") from None
            continue
        if not isinstance(row, dict):
            if strict:
                raise ConfigError(f"{where}:{number}: not a JSON object")
            continue
        if "pattern" in row:
            pattern = row.get("pattern")
            if not isinstance(pattern, str) or not pattern.strip():
                if strict:
                    raise ConfigError(f"{where}:{number}: \"pattern\" must be a non-empty string")
                continue
            rows.append({"phrase": pattern.strip()})
            continue
        kinds = [k for k in ("head", "modifier", "grading", "phrase", "cue") if isinstance(row.get(k), str)]
        if not kinds:
            if "comment" in row:
                continue
            if strict:
                raise ConfigError(f"{where}:{number}: expected \"pattern\" (or \"head\", \"modifier\", "
                                  "\"grading\", \"phrase\")")
            continue
        rows.append(row)
    return rows


def _build(rows: list[dict[str, object]]) -> OffenceLexicon:
    heads: dict[str, Head] = {}
    modifiers: set[str] = set()
    grading: set[str] = set()
    phrases: list[str] = []
    cues: dict[str, tuple[tuple[str, ...], str | None]] = {}
    for row in rows:
        if isinstance(row.get("head"), str):
            needs = row.get("needs", [])
            takes = row.get("takes", [])
            heads[lemma(str(row["head"]))] = Head(
                weak=bool(row.get("weak", False)),
                needs=tuple(str(n).lower() for n in needs) if isinstance(needs, list) else (),
                takes=tuple(str(t).lower() for t in takes) if isinstance(takes, list) else (),
                needs_complement=bool(row.get("needs_complement", False)),
                cue_only=bool(row.get("cue_only", False)),
            )
        elif isinstance(row.get("modifier"), str):
            modifiers.add(str(row["modifier"]).lower())
        elif isinstance(row.get("grading"), str):
            grading.add(str(row["grading"]).lower())
        elif isinstance(row.get("phrase"), str):
            phrases.append(str(row["phrase"]))
        elif isinstance(row.get("cue"), str):
            preps = row.get("preps", [])
            status = row.get("status")
            cues[str(row["cue"]).lower()] = (tuple(str(p) for p in preps) if isinstance(preps, list) else (),
                                             str(status) if isinstance(status, str) else None)
    return OffenceLexicon(heads, frozenset(modifiers), frozenset(grading), tuple(dict.fromkeys(phrases)), cues)


def _bundled() -> str:
    return resources.files("reader.nlp.lexicons").joinpath("offences.jsonl").read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def load_lexicon(extra_file: str | None = None) -> OffenceLexicon:
    """The bundled lexicon plus the user's pattern file (ConfigError if it is missing or malformed)."""
    rows = _rows(_bundled(), "offences.jsonl", strict=False)
    if extra_file:
        path = Path(extra_file).expanduser()
        try:
            raw = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"charge patterns file {extra_file}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"charge patterns file {extra_file}: not UTF-8 text") from None
        rows += _rows(raw, str(path), strict=True)
    return _build(rows)


def load_patterns(extra_file: str | None = None) -> list[str]:
    """The fixed offence names: bundled phrases plus the user's patterns (kept for callers of the old API)."""
    return list(load_lexicon(extra_file).phrases)


def lexicon_hash(extra_file: str | None = None) -> str:
    """Hash of the bundled lexicons and the user's pattern file, for the cache key."""
    from reader.nlp.lexicons import fingerprint

    h = hashlib.sha256()
    h.update(fingerprint().encode())
    if extra_file:
        try:
            h.update(Path(extra_file).expanduser().read_bytes())
        except OSError:
            h.update(b"missing:" + extra_file.encode())
    return h.hexdigest()[:16]
