"""The operations of `reader.corrections/1` (DESIGN section 2b) as frozen values, with their JSON.

An operation names what it changes by one mention: offsets plus the text found there, so a
file written by hand, or kept across model versions, is checked against the text before it is
used. Parsing is strict (a typo in a shared file is an error, not a silent no-op); whether an
operation still fits a given analysis is `apply`'s question, not this module's.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from reader.errors import InputError
from reader.model import CHARGE_STATUSES

# What `relabel` may turn a mention into: the layers that are entities.
ENTITY_LABELS = ("PERSON", "ORG", "PLACE")
# What `add` may draw: any layer (a DATE is a plain span, a CHARGE or QUOTE gets its fact entry too).
ADD_LABELS = ("PERSON", "ORG", "PLACE", "DATE", "CHARGE", "QUOTE")


class CorrectionsError(InputError):
    """A corrections file (or one operation in it) that is not `reader.corrections/1`."""


class Keep(enum.Enum):
    """An optional field the operation leaves as the analysis has it (absent from the JSON)."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True)
class Ref:
    """One mention: `text[start:end]`, expected to read `text`."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_json(cls, data: Any, where: str) -> Ref:
        if not isinstance(data, dict):
            raise CorrectionsError(f"{where}: expected an object with start, end and text")
        start, end, text = data.get("start"), data.get("end"), data.get("text")
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) \
                or isinstance(end, bool) or not 0 <= start < end:
            raise CorrectionsError(f"{where}: start and end must be whole numbers with 0 <= start < end")
        if not isinstance(text, str) or not text:
            raise CorrectionsError(f"{where}: text must be the non-empty text of the mention")
        return cls(start, end, text)

    def describe(self) -> str:
        return f"\"{_clip(self.text)}\" at {self.start}-{self.end}"


@dataclass(frozen=True)
class _Labelled:
    """An operation on one stretch of text with a label: its JSON and description share one shape."""

    target: Ref
    label: str
    op = ""

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, **self.target.to_json(), "label": self.label}

    def describe(self) -> str:
        return f"{self.op} {self.target.describe()} as {self.label}"


@dataclass(frozen=True)
class Relabel(_Labelled):
    """Give the whole entity of `target` another label (a medicine tagged as a person)."""

    op = "relabel"


@dataclass(frozen=True)
class Drop:
    """`target` is not an entity (nor a charge, nor a quote): remove it, with every mention of its entity."""

    target: Ref
    op = "drop"

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, **self.target.to_json()}

    def describe(self) -> str:
        return f"drop {self.target.describe()}"


@dataclass(frozen=True)
class Merge:
    """The entity of `source` is the entity of `into` (one person split in two)."""

    source: Ref
    into: Ref
    op = "merge"

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "from": self.source.to_json(), "into": self.into.to_json()}

    def describe(self) -> str:
        return f"merge {self.source.describe()} into {self.into.describe()}"


@dataclass(frozen=True)
class SetSpeaker:
    """The quote at `quote` was said by the entity of `speaker` (None: by nobody the text names)."""

    quote: Ref
    speaker: Ref | None
    op = "speaker"

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "quote": self.quote.to_json(),
                "speaker": None if self.speaker is None else self.speaker.to_json()}

    def describe(self) -> str:
        who = "nobody named" if self.speaker is None else self.speaker.describe()
        return f"quote {self.quote.describe()} said by {who}"


@dataclass(frozen=True)
class SetCharge:
    """The charge at `charge` concerns the entity of `subject` and/or has `status` (KEEP: unchanged)."""

    charge: Ref
    subject: Ref | None | Keep = KEEP
    status: str | None | Keep = KEEP
    op = "charge"

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"op": self.op, "charge": self.charge.to_json()}
        if not isinstance(self.subject, Keep):
            data["subject"] = None if self.subject is None else self.subject.to_json()
        if not isinstance(self.status, Keep):
            data["status"] = self.status
        return data

    def describe(self) -> str:
        parts = []
        if not isinstance(self.subject, Keep):
            parts.append("no person" if self.subject is None else f"person {self.subject.describe()}")
        if not isinstance(self.status, Keep):
            parts.append(f"status {self.status or 'none'}")
        return f"charge {self.charge.describe()}: {', '.join(parts)}"


@dataclass(frozen=True)
class Add(_Labelled):
    """Highlight `target` as `label` where the analysis missed it (a new entity for a name)."""

    op = "add"


Operation = Relabel | Drop | Merge | SetSpeaker | SetCharge | Add
OPS = ("relabel", "drop", "merge", "speaker", "charge", "add")


def operation_from_json(data: Any, where: str) -> Operation:
    """One operation from its JSON object; CorrectionsError says what is wrong and where."""
    if not isinstance(data, dict):
        raise CorrectionsError(f"{where}: an operation must be a JSON object")
    op = data.get("op")
    if op == "relabel":
        return Relabel(Ref.from_json(data, where), _label(data, where, ENTITY_LABELS))
    if op == "drop":
        return Drop(Ref.from_json(data, where))
    if op == "merge":
        return Merge(Ref.from_json(data.get("from"), f"{where} from"), Ref.from_json(data.get("into"), f"{where} into"))
    if op == "speaker":
        if "speaker" not in data:
            raise CorrectionsError(f"{where}: a speaker operation needs 'speaker' (a mention, or null)")
        speaker = data["speaker"]
        return SetSpeaker(Ref.from_json(data.get("quote"), f"{where} quote"),
                          None if speaker is None else Ref.from_json(speaker, f"{where} speaker"))
    if op == "charge":
        return _charge(data, where)
    if op == "add":
        return Add(Ref.from_json(data, where), _label(data, where, ADD_LABELS))
    raise CorrectionsError(f"{where}: unknown op {op!r} (one of {', '.join(OPS)})")


def _charge(data: dict[str, Any], where: str) -> SetCharge:
    subject: Ref | None | Keep = KEEP
    status: str | None | Keep = KEEP
    if "subject" in data:
        raw = data["subject"]
        subject = None if raw is None else Ref.from_json(raw, f"{where} subject")
    if "status" in data:
        status = data["status"]
        if status is not None and status not in CHARGE_STATUSES:
            raise CorrectionsError(f"{where}: status {status!r} is not one of {', '.join(CHARGE_STATUSES)} or null")
    if subject is KEEP and status is KEEP:
        raise CorrectionsError(f"{where}: a charge operation changes 'subject', 'status' or both")
    return SetCharge(Ref.from_json(data.get("charge"), f"{where} charge"), subject, status)


def _label(data: dict[str, Any], where: str, allowed: tuple[str, ...]) -> str:
    label = data.get("label")
    if label not in allowed:
        raise CorrectionsError(f"{where}: label {label!r} is not one of {', '.join(allowed)}")
    return str(label)


def _clip(text: str, limit: int = 40) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1] + "…"
