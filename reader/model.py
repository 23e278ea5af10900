"""The analysed article as plain data: what the NLP produces and every view consumes.

The JSON form is the `reader.annotations/1` contract (DESIGN section 2). Everything here is a
frozen-free plain dataclass so the UI, the exports and the cache can share it without spaCy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "reader.annotations/1"

CHARGE_STATUSES = (
    "arrested",
    "charged",
    "convicted",
    "pleaded_guilty",
    "sentenced",
    "acquitted",
    "prior",
    "alleged",
)


def _marked(data: dict[str, Any], corrected: bool) -> dict[str, Any]:
    """Add `"corrected": true` to an item a reader's correction touched (absent otherwise)."""
    if corrected:
        data["corrected"] = True
    return data


@dataclass
class Span:
    """One highlighted stretch of the text: `text[start:end]` with a layer label."""

    start: int
    end: int
    label: str
    text: str
    entity: str | None = None
    corrected: bool = False  # a reader's correction (reader.corrections/1) changed or added it

    def to_json(self) -> dict[str, Any]:
        return _marked({"start": self.start, "end": self.end, "label": self.label, "text": self.text,
                        "entity": self.entity}, self.corrected)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["label"]), str(data["text"]),
                   data.get("entity"), bool(data.get("corrected", False)))


@dataclass
class Entity:
    """A real-world person, organisation or place with every mention merged into it."""

    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    corrected: bool = False

    def to_json(self) -> dict[str, Any]:
        return _marked({"id": self.id, "label": self.label, "name": self.name, "aliases": list(self.aliases),
                        "roles": list(self.roles), "mentions": [[a, b] for a, b in self.mentions]},
                       self.corrected)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entity:
        return cls(str(data["id"]), str(data["label"]), str(data["name"]), list(data.get("aliases", [])),
                   list(data.get("roles", [])), [(int(a), int(b)) for a, b in data.get("mentions", [])],
                   bool(data.get("corrected", False)))


@dataclass
class Quote:
    """A direct quotation (the words inside the marks) and who said it, if the text says."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_name: str | None = None
    cue: str | None = None
    kind: str = "speech"  # "term": a scare quote or quoted term ("hold"), quoted but not said by anyone
    corrected: bool = False
    # How the speaker was found (None: no speaker, or an analysis older than the field):
    #   "cue"             a verb of saying (or "according to", "in the words of") in the quote's sentence
    #                     whose subject names the speaker
    #   "colon"           a clause ending in a colon right before the quote ("Patel is more blunt:")
    #   "statement"       the speaker's statement, post or letter says it ("her statement said",
    #                     "a statement by X said", "X issued a statement")
    #   "possessive"      a quoted phrase owned by its speaker ("Musk's "production hell"")
    #   "pronoun"         a cue whose subject is he/she/they, resolved in the discourse with agreement
    #   "nominal"         a cue whose subject is a role or an organisation noun ("the mayor said")
    #   "reported_speech" no cue of its own: the speaker the text just introduced by reported speech
    #                     ("Reyes says the wait has doubled. ¶ "We turn people away."")
    #   "continuation"    no cue of its own: the speaker of the quote just before
    #   "corrected"       a reader named the speaker (a `speaker` correction, section 2b of DESIGN)
    attribution: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text, "speaker": self.speaker,
                                "speaker_name": self.speaker_name, "cue": self.cue}
        if self.kind != "speech":  # an addition to the contract, written only when it says something
            data["kind"] = self.kind
        if self.attribution is not None:
            data["attribution"] = self.attribution
        return _marked(data, self.corrected)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Quote:
        attribution = data.get("attribution")
        return cls(int(data["start"]), int(data["end"]), str(data["text"]), data.get("speaker"),
                   data.get("speaker_name"), data.get("cue"), str(data.get("kind") or "speech"),
                   corrected=bool(data.get("corrected", False)),
                   attribution=str(attribution) if attribution else None)


@dataclass
class Charge:
    """A mention of a named offence, tied to the person charged and a status when the text says."""

    start: int
    end: int
    text: str
    subject: str | None = None
    status: str | None = None
    corrected: bool = False

    def to_json(self) -> dict[str, Any]:
        return _marked({"start": self.start, "end": self.end, "text": self.text, "subject": self.subject,
                        "status": self.status}, self.corrected)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Charge:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]), data.get("subject"),
                   data.get("status"), bool(data.get("corrected", False)))


@dataclass
class Event:
    """A dated statement for the timeline: the clause, its date mention and who is involved."""

    date: str | None
    date_text: str
    text: str
    start: int
    end: int
    date_start: int
    date_end: int
    entities: list[str] = field(default_factory=list)
    date_inferred: bool = False  # the date was worked out (relative, or no year) against `published`

    def to_json(self) -> dict[str, Any]:
        out = {"date": self.date, "date_text": self.date_text, "text": self.text, "start": self.start,
               "end": self.end, "date_start": self.date_start, "date_end": self.date_end,
               "entities": list(self.entities)}
        if self.date_inferred:
            out["date_inferred"] = True
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        return cls(data.get("date"), str(data["date_text"]), str(data["text"]), int(data["start"]),
                   int(data["end"]), int(data["date_start"]), int(data["date_end"]),
                   list(data.get("entities", [])), bool(data.get("date_inferred", False)))


@dataclass
class Article:
    """An article's exact text and everything found in it. Offsets are `str` indices into `text`."""

    text: str
    source: str = ""
    title: str = ""
    pipeline: dict[str, str] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    charges: list[Charge] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    published: str | None = None  # the article's date (ISO) when the source gives one
    # the reader.corrections/1 operations applied to this analysis (empty for the raw analysis)
    corrections: list[dict[str, Any]] = field(default_factory=list)
    input: str | None = None  # batch only: the input it came from, PATH or PATH:LINE (resume reads it)

    @property
    def analysed(self) -> bool:
        """True once a pipeline has filled in the annotations (a plain loaded article has none)."""
        return bool(self.pipeline)

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, or None."""
        if entity_id is None:
            return None
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "schema": SCHEMA,
            **({"input": self.input} if self.input is not None else {}),  # second, so it is cheap to read
            "source": self.source,
            "title": self.title,
            "text": self.text,
            "pipeline": dict(self.pipeline),
            "spans": [s.to_json() for s in self.spans],
            "entities": [e.to_json() for e in self.entities],
            "quotes": [q.to_json() for q in self.quotes],
            "charges": [c.to_json() for c in self.charges],
            "events": [e.to_json() for e in self.events],
            **({"published": self.published} if self.published else {}),
        }
        if self.corrections:  # additive: only a corrected article carries the key
            data["corrections"] = [dict(op) for op in self.corrections]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        """Rebuild an Article; raises ValueError for anything that is not our contract."""
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} object")
        try:
            return cls(
                text=str(data["text"]),
                source=str(data.get("source", "")),
                title=str(data.get("title", "")),
                pipeline={str(k): str(v) for k, v in data.get("pipeline", {}).items()},
                spans=[Span.from_json(s) for s in data.get("spans", [])],
                entities=[Entity.from_json(e) for e in data.get("entities", [])],
                quotes=[Quote.from_json(q) for q in data.get("quotes", [])],
                charges=[Charge.from_json(c) for c in data.get("charges", [])],
                events=[Event.from_json(e) for e in data.get("events", [])],
                published=str(data["published"]) if data.get("published") else None,
                corrections=[dict(op) for op in data.get("corrections", [])],
                input=data["input"] if isinstance(data.get("input"), str) else None,
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"malformed {SCHEMA} object: {exc}") from exc

    def dumps(self, indent: int | None = None) -> str:
        """The contract as a JSON string (non-ASCII kept as is)."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=indent)

    @classmethod
    def loads(cls, raw: str) -> Article:
        return cls.from_json(json.loads(raw))
