"""The typed mention channel every document-level resolver reads.

A `MentionRecord` is one corrected mention (document offsets, label, the entity it belongs to); an
`EntityRecord` is one consolidated entity. `MentionIndex` holds the mentions sorted by start and
answers the questions resolvers ask (what overlaps this range, what covers this position, which
person was named last before here) with `bisect`, so no resolver guesses at windows or walks
positional tuples. Everything here is frozen and built once per document.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

# Labels of the mention channel: the primary entity layers and the secondary ones.
PERSON, ORG, PLACE, DATE, LAW = "PERSON", "ORG", "PLACE", "DATE", "LAW"


@dataclass(frozen=True, order=True)
class MentionRecord:
    """One corrected mention: `text[start:end]` names an entity of `label` (`entity` is its id, if any)."""

    start: int
    end: int
    label: str
    entity: str | None = None


@dataclass(frozen=True)
class EntityRecord:
    """One consolidated entity: its fullest name, other surfaces, roles and mentions."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mentions: tuple[tuple[int, int], ...] = ()
    gender: str | None = None  # "female" / "male" when the text says (pronoun, title); None when unknown


@dataclass(frozen=True)
class MentionIndex:
    """Mentions sorted by (start, -end), with the entities they belong to."""

    mentions: tuple[MentionRecord, ...]
    entities: tuple[EntityRecord, ...] = ()
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _longest: int = field(init=False, repr=False, compare=False)
    _by_id: dict[str, EntityRecord] = field(init=False, repr=False, compare=False)
    _of_entity: dict[str, tuple[MentionRecord, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.mentions, key=lambda m: (m.start, -m.end, m.label)))
        grouped: dict[str, list[MentionRecord]] = {}
        for m in ordered:
            if m.entity is not None:
                grouped.setdefault(m.entity, []).append(m)
        object.__setattr__(self, "mentions", ordered)
        object.__setattr__(self, "_starts", tuple(m.start for m in ordered))
        object.__setattr__(self, "_longest", max((m.end - m.start for m in ordered), default=0))
        object.__setattr__(self, "_by_id", {e.id: e for e in self.entities})
        object.__setattr__(self, "_of_entity", {k: tuple(v) for k, v in grouped.items()})

    @classmethod
    def build(cls, mentions: Iterable[MentionRecord], entities: Iterable[EntityRecord] = ()) -> MentionIndex:
        return cls(tuple(mentions), tuple(entities))

    def __len__(self) -> int:
        return len(self.mentions)

    def __iter__(self) -> Iterator[MentionRecord]:
        return iter(self.mentions)

    # ------------------------------------------------------------ positional questions

    def overlapping(self, start: int, end: int, labels: Sequence[str] = ()) -> list[MentionRecord]:
        """Mentions sharing at least one character with [start, end), in text order."""
        # a mention starting before start - longest cannot reach start: the bound is exact, not a guess
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[lo:hi] if m.end > start and m.start < end and _has(m, labels)]

    def inside(self, start: int, end: int, labels: Sequence[str] = ()) -> list[MentionRecord]:
        """Mentions wholly within [start, end), in text order."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end and _has(m, labels)]

    def covering(self, pos: int, labels: Sequence[str] = ()) -> MentionRecord | None:
        """The mention whose span holds character `pos` (the longest if several do)."""
        found = self.overlapping(pos, pos + 1, labels)
        return max(found, key=lambda m: m.end - m.start) if found else None

    def preceding(self, pos: int, labels: Sequence[str] = (), since: int = 0) -> MentionRecord | None:
        """The last mention that ends at or before `pos` and starts at or after `since`."""
        k = bisect.bisect_right(self._starts, pos) - 1
        best: MentionRecord | None = None
        while k >= 0 and self.mentions[k].start >= since:
            m = self.mentions[k]
            if m.end <= pos and _has(m, labels) and (best is None or m.end > best.end):
                best = m
            # once a mention's start is a whole longest-mention before the best end, none later can end after it
            if best is not None and m.start + self._longest <= best.end:
                break
            k -= 1
        return best

    def following(self, pos: int, labels: Sequence[str] = (), until: int | None = None) -> MentionRecord | None:
        """The first mention that starts at or after `pos` (and before `until`)."""
        k = bisect.bisect_left(self._starts, pos)
        while k < len(self.mentions):
            m = self.mentions[k]
            if until is not None and m.start >= until:
                return None
            if _has(m, labels):
                return m
            k += 1
        return None

    # ------------------------------------------------------------ entity questions

    def entity(self, entity_id: str | None) -> EntityRecord | None:
        return self._by_id.get(entity_id) if entity_id is not None else None

    def entity_at(self, start: int, end: int, labels: Sequence[str] = ()) -> EntityRecord | None:
        """The entity of the longest mention overlapping [start, end)."""
        found = [m for m in self.overlapping(start, end, labels) if m.entity is not None]
        if not found:
            return None
        return self.entity(max(found, key=lambda m: m.end - m.start).entity)

    def of_entity(self, entity_id: str) -> tuple[MentionRecord, ...]:
        """Every mention of one entity, in text order."""
        return self._of_entity.get(entity_id, ())

    def with_label(self, *labels: str) -> list[MentionRecord]:
        return [m for m in self.mentions if m.label in labels]


def _has(m: MentionRecord, labels: Sequence[str]) -> bool:
    return not labels or m.label in labels
