"""Apply a reader's corrections to an analysis: a new Article, the original untouched.

Each operation finds its mention by offsets and text: the mention drawn exactly there, else one
overlapping those offsets that reads the same text (a hand-written file a few characters off).
An operation whose mention is not in this analysis is skipped and reported, never applied to
something else. Everything an operation changes is marked `corrected`, and the operations applied
are listed on the Article, so the JSON contract says what a person changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from reader.corrections.ops import Add, Drop, Keep, Merge, Operation, Ref, Relabel, SetCharge, SetSpeaker
from reader.corrections.store import Corrections
from reader.model import Article, Charge, Entity, Quote, Span

FACT_LABELS = ("QUOTE", "CHARGE")  # layers whose spans are facts of their own, not entity mentions


class _Located(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...


T = TypeVar("T", bound=_Located)


@dataclass(frozen=True)
class Skipped:
    """An operation that does not fit this analysis, and why."""

    index: int  # its position in the corrections file, from 0
    operation: Operation
    reason: str

    @property
    def message(self) -> str:
        return f"correction {self.index + 1} ({self.operation.describe()}) skipped: {self.reason}"


@dataclass(frozen=True)
class Report:
    """What `apply` did: the positions of the operations applied and those skipped."""

    applied: tuple[int, ...] = ()
    skipped: tuple[Skipped, ...] = ()

    @property
    def messages(self) -> list[str]:
        return [s.message for s in self.skipped]


class _Stale(Exception):
    """The operation's mention is not in this analysis (the reason is the message)."""


def apply(article: Article, corrections: Corrections | Sequence[Operation]) -> tuple[Article, Report]:
    """The article with `corrections` applied in order, and a report of what was applied or skipped."""
    operations = corrections.operations if isinstance(corrections, Corrections) else tuple(corrections)
    if not operations:
        return article, Report()
    work = _Work(article)
    applied: list[int] = []
    skipped: list[Skipped] = []
    for i, operation in enumerate(operations):
        try:
            work.apply(operation)
        except _Stale as stale:
            skipped.append(Skipped(i, operation, str(stale)))
        else:
            applied.append(i)
    done = [operations[i].to_json() for i in applied]
    return work.article(article, done), Report(tuple(applied), tuple(skipped))


class _Work:
    """Private copies of an article's items that the operations change in place, one after another."""

    def __init__(self, article: Article) -> None:
        self.text = article.text
        self.spans = [replace(s) for s in article.spans]
        self.entities = {e.id: replace(e, aliases=list(e.aliases), roles=list(e.roles), mentions=list(e.mentions))
                         for e in article.entities}
        self.quotes = [replace(q) for q in article.quotes]
        self.charges = [replace(c) for c in article.charges]
        self.events = [replace(e, entities=list(e.entities)) for e in article.events]

    def article(self, original: Article, done: list[dict[str, object]]) -> Article:
        return replace(original, spans=sorted(self.spans, key=lambda s: (s.start, -s.end, s.label)),
                       entities=list(self.entities.values()),
                       quotes=sorted(self.quotes, key=lambda q: q.start),
                       charges=sorted(self.charges, key=lambda c: c.start),
                       events=self.events, corrections=[*original.corrections, *done])

    def apply(self, operation: Operation) -> None:
        if isinstance(operation, Relabel):
            self.relabel(operation)
        elif isinstance(operation, Drop):
            self.drop(operation.target)
        elif isinstance(operation, Merge):
            self.merge(operation)
        elif isinstance(operation, SetSpeaker):
            self.set_speaker(operation)
        elif isinstance(operation, SetCharge):
            self.set_charge(operation)
        else:
            self.add(operation)

    # ----- finding ----------------------------------------------------------------------------

    def mention(self, ref: Ref) -> Span:
        """The entity-layer span (a name, a place, a date) that `ref` names."""
        span = _locate((s for s in self.spans if s.label not in FACT_LABELS), ref)
        if span is None:
            raise _Stale(f"no name, place or date {ref.describe()} in this analysis")
        return span

    def entity(self, ref: Ref) -> Entity:
        span = self.mention(ref)
        entity = self.entities.get(span.entity) if span.entity is not None else None
        if entity is None:
            raise _Stale(f"{ref.describe()} is not an entity's mention")
        return entity

    def quote(self, ref: Ref) -> Quote:
        quote = _locate(self.quotes, ref)
        if quote is None:
            raise _Stale(f"no quote {ref.describe()} in this analysis")
        return quote

    def charge(self, ref: Ref) -> Charge:
        charge = _locate(self.charges, ref)
        if charge is None:
            raise _Stale(f"no charge {ref.describe()} in this analysis")
        return charge

    def mark_spans(self, start: int, end: int, label: str) -> None:
        for span in self.spans:
            if (span.start, span.end, span.label) == (start, end, label):
                span.corrected = True

    # ----- operations -------------------------------------------------------------------------

    def relabel(self, op: Relabel) -> None:
        span = self.mention(op.target)
        entity = self.entities.get(span.entity) if span.entity is not None else None
        if entity is None:  # a plain span (a date) becomes an entity of its own
            entity = self.new_entity(op.label, span.text, [(span.start, span.end)])
            span.entity = entity.id
        entity.label, entity.corrected = op.label, True
        for other in self.spans:
            if other.entity == entity.id:
                other.label, other.corrected = op.label, True

    def drop(self, ref: Ref) -> None:
        span = _locate((s for s in self.spans if s.label not in FACT_LABELS), ref)
        if span is not None:
            if span.entity is not None and span.entity in self.entities:
                self.remove_entity(span.entity)
            else:
                self.remove_span(span)
            return
        charge = _locate(self.charges, ref)
        if charge is not None:
            self.remove_fact(charge, "CHARGE")
            return
        quote = _locate(self.quotes, ref)
        if quote is not None:
            self.remove_fact(quote, "QUOTE")
            return
        raise _Stale(f"no highlight {ref.describe()} in this analysis")

    def merge(self, op: Merge) -> None:
        source, into = self.entity(op.source), self.entity(op.into)
        into.corrected = True
        if source.id == into.id:
            return
        into.mentions = sorted(set(into.mentions) | set(source.mentions))
        into.aliases = _unique([*into.aliases, source.name, *source.aliases], exclude=into.name)
        into.roles = _unique([*into.roles, *source.roles])
        for span in self.spans:
            if span.entity == source.id:
                span.entity, span.label, span.corrected = into.id, into.label, True
        self.repoint(source.id, into)
        del self.entities[source.id]

    def set_speaker(self, op: SetSpeaker) -> None:
        quote = self.quote(op.quote)
        speaker = None if op.speaker is None else self.entity(op.speaker)
        quote.speaker = None if speaker is None else speaker.id
        quote.speaker_name = None if speaker is None else speaker.name
        # The parse's mechanism no longer explains this speaker: the reader named them.
        quote.attribution = None if speaker is None else "corrected"
        if speaker is not None:
            quote.kind = "speech"
        quote.corrected = True
        self.mark_spans(quote.start, quote.end, "QUOTE")

    def set_charge(self, op: SetCharge) -> None:
        charge = self.charge(op.charge)
        if not isinstance(op.subject, Keep):
            charge.subject = None if op.subject is None else self.entity(op.subject).id
        if not isinstance(op.status, Keep):
            charge.status = op.status
        charge.corrected = True
        self.mark_spans(charge.start, charge.end, "CHARGE")

    def add(self, op: Add) -> None:
        start, end = self.place(op.target)
        text = self.text[start:end]
        if op.label in FACT_LABELS:
            facts: list[Quote] | list[Charge] = self.quotes if op.label == "QUOTE" else self.charges
            for fact in [f for f in facts if f.start < end and start < f.end]:
                self.remove_fact(fact, op.label)
            if op.label == "QUOTE":
                self.quotes.append(Quote(start, end, text, corrected=True))
            else:
                self.charges.append(Charge(start, end, text, corrected=True))
            self.spans.append(Span(start, end, op.label, text, corrected=True))
            return
        for span in [s for s in self.spans if s.label not in FACT_LABELS and s.start < end and start < s.end]:
            self.remove_span(span)
        entity_id = None if op.label == "DATE" else self.new_entity(op.label, text, [(start, end)]).id
        self.spans.append(Span(start, end, op.label, text, entity_id, corrected=True))

    # ----- building blocks --------------------------------------------------------------------

    def place(self, ref: Ref) -> tuple[int, int]:
        """Where `ref.text` is: at its offsets, else the occurrence overlapping them."""
        if self.text[ref.start:ref.end] == ref.text:
            return ref.start, ref.end
        found = self.text.find(ref.text, max(0, ref.start - len(ref.text) + 1))
        if found != -1 and found < ref.end:
            return found, found + len(ref.text)
        raise _Stale(f"the text has no {ref.describe()}")

    def new_entity(self, label: str, name: str, mentions: list[tuple[int, int]]) -> Entity:
        number = 1
        while f"c{number}" in self.entities:
            number += 1
        entity = Entity(f"c{number}", label, name, mentions=mentions, corrected=True)
        self.entities[entity.id] = entity
        return entity

    def remove_entity(self, entity_id: str) -> None:
        self.spans = [s for s in self.spans if s.entity != entity_id]
        del self.entities[entity_id]
        self.repoint(entity_id, None)

    def repoint(self, old: str, new: Entity | None) -> None:
        """Every fact that named entity `old` names `new` instead (or nobody)."""
        for quote in self.quotes:
            if quote.speaker == old:
                quote.speaker = None if new is None else new.id
                quote.speaker_name = None if new is None else new.name
                quote.corrected = True
        for charge in self.charges:
            if charge.subject == old:
                charge.subject, charge.corrected = (None if new is None else new.id), True
        for event in self.events:
            if old in event.entities:
                ids = [e if e != old else (new.id if new else None) for e in event.entities]
                event.entities = _unique(i for i in ids if i is not None)

    def remove_span(self, span: Span) -> None:
        """One mention goes; an entity left without mentions goes with it, a date takes its events."""
        self.spans = [s for s in self.spans if s is not span]
        entity = self.entities.get(span.entity) if span.entity is not None else None
        if entity is not None:
            entity.mentions = [m for m in entity.mentions if m != (span.start, span.end)]
            entity.corrected = True
            if not any(s.entity == entity.id for s in self.spans):
                self.remove_entity(entity.id)
        if span.label == "DATE":
            self.events = [e for e in self.events if (e.date_start, e.date_end) != (span.start, span.end)]

    def remove_fact(self, fact: Quote | Charge, label: str) -> None:
        if isinstance(fact, Quote):
            self.quotes = [q for q in self.quotes if q is not fact]
        else:
            self.charges = [c for c in self.charges if c is not fact]
        self.spans = [s for s in self.spans if (s.start, s.end, s.label) != (fact.start, fact.end, label)]


def _locate(items: Iterable[T], ref: Ref) -> T | None:
    """The item drawn exactly at `ref`, else the nearest one overlapping it that reads the same text."""
    moved: list[T] = []
    for item in items:
        if item.text != ref.text or not (item.start < ref.end and ref.start < item.end):
            continue
        if (item.start, item.end) == (ref.start, ref.end):
            return item
        moved.append(item)
    return min(moved, key=lambda item: abs(item.start - ref.start)) if moved else None


def _unique(values: Iterable[str], exclude: str | None = None) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value != exclude:
            seen.setdefault(value)
    return list(seen)

