"""The verbs of saying and stance that attribute speech, read from a lexicon file (package data).

`lexicons/speech_verbs.jsonl` holds one verb a line, `{"lemma": "say", "forms": [...], "kind":
"speech"}` (every inflection listed, so no lemmatizer is needed; `"particle": "out"` for phrasal
verbs such as "points out"). `kind` is `speech` for verbs of saying or writing, `stance` for verbs
of attitude ("agrees", "believes") that make their subject the current speaker, `cue` for verbs that
attribute a quote beside them but say nothing alone ("continued", "read", "reported"). A user file of the
same shape (or one verb form a line) extends it, like the charge patterns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

LEXICON = "lexicons/speech_verbs.jsonl"


@dataclass(frozen=True)
class SpeechVerb:
    lemma: str
    kind: str  # "speech", "stance" or "cue"
    particle: str | None = None  # "out" for "points out": the verb counts only with this particle


@dataclass(frozen=True)
class SpeechVerbs:
    """Every listed form, in lower case, with the verb it belongs to."""

    forms: dict[str, SpeechVerb]

    def get(self, form: str) -> SpeechVerb | None:
        return self.forms.get(form.lower())


def _bundled() -> str:
    return resources.files("reader.nlp").joinpath(LEXICON).read_text(encoding="utf-8")


def parse_speech_verbs(raw: str) -> dict[str, SpeechVerb]:
    """Forms -> verb from JSONL rows (or bare forms, one a line); blank lines and # comments skipped."""
    out: dict[str, SpeechVerb] = {}
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not line.startswith("{"):
            out[line.lower()] = SpeechVerb(line.lower(), "speech")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        lemma = str(row.get("lemma") or "").lower()
        forms = row.get("forms") or [lemma]
        kind = str(row.get("kind")) if row.get("kind") in ("stance", "cue") else "speech"
        particle = row.get("particle")
        verb = SpeechVerb(lemma, kind, str(particle).lower() if particle else None)
        for form in forms:
            if isinstance(form, str) and form.strip():
                out[form.strip().lower()] = verb
    return out


@lru_cache(maxsize=8)
def load_speech_verbs(extra_file: str | None = None) -> SpeechVerbs:
    """The bundled lexicon plus the user's file; a file that cannot be read is a ValueError naming it."""
    forms = parse_speech_verbs(_bundled())
    if extra_file:
        try:
            forms.update(parse_speech_verbs(Path(extra_file).expanduser().read_text(encoding="utf-8")))
        except OSError as exc:
            raise ValueError(f"speech verbs file {extra_file}: {exc.strerror or exc}") from None
    return SpeechVerbs(forms)

