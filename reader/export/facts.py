"""The facts of an Article grouped the way a reader looks for them: one model for HTML, Markdown and the TUI.

People with their roles, aliases and mention counts; organisations; places; charges grouped by the
person they are tied to; quotes grouped by speaker; the timeline; and the two "who gets the words"
tallies the HTML chart draws. Strings are exactly as in the Article: each format escapes and
neutralises them itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.model import Article, Entity, Span

PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG"})
PLACE_LABELS = frozenset({"PLACE", "GPE", "LOC", "FAC"})
UNATTRIBUTED_SPEAKER = "Unattributed"
GENERAL_CHARGES = "Not tied to a person"

# Singular names for a span's label, used in tooltips and footnotes.
LABEL_NAMES = {"PERSON": "Person", "ORG": "Organisation", "CHARGE": "Charge", "QUOTE": "Quote",
               "PLACE": "Place", "DATE": "Date"}


@dataclass(frozen=True)
class EntityFact:
    id: str
    label: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: int
    first: int  # offset of the first mention, for text order


@dataclass(frozen=True)
class ChargeFact:
    text: str
    status: str | None
    start: int
    end: int

    @property
    def status_text(self) -> str:
        return status_text(self.status)


@dataclass(frozen=True)
class QuoteFact:
    text: str
    cue: str | None
    start: int
    end: int

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class TimelineEntry:
    date: str | None
    date_text: str
    text: str
    people: tuple[str, ...]
    start: int


@dataclass(frozen=True)
class Facts:
    people: tuple[EntityFact, ...]
    organisations: tuple[EntityFact, ...]
    places: tuple[EntityFact, ...]
    charges_by_person: tuple[tuple[str, tuple[ChargeFact, ...]], ...]
    quotes_by_speaker: tuple[tuple[str, tuple[QuoteFact, ...]], ...]
    timeline: tuple[TimelineEntry, ...]
    quoted_words: tuple[tuple[str, int], ...]  # speaker -> words quoted, most first
    mentions: tuple[tuple[str, str, int], ...]  # (name, label, mentions), most first

    @property
    def empty(self) -> bool:
        return not (self.people or self.organisations or self.places or self.charges_by_person
                    or self.quotes_by_speaker or self.timeline)


def status_text(status: str | None) -> str:
    """`pleaded_guilty` -> `pleaded guilty`; None -> `status unknown`."""
    return status.replace("_", " ") if status else "status unknown"


def facts_of(article: Article) -> Facts:
    """Group everything the analysis found for display."""
    span_counts: dict[str, int] = {}
    for span in article.spans:
        if span.entity is not None:
            span_counts[span.entity] = span_counts.get(span.entity, 0) + 1
    entity_facts = [_entity_fact(e, span_counts.get(e.id, 0)) for e in article.entities]
    entity_facts.sort(key=lambda f: f.first)
    people = tuple(f for f in entity_facts if f.label in PERSON_LABELS)
    orgs = tuple(f for f in entity_facts if f.label in ORG_LABELS)
    places = tuple(f for f in entity_facts if f.label in PLACE_LABELS)
    mentions = tuple(sorted(((f.name, f.label, f.mentions) for f in (*people, *orgs) if f.mentions),
                            key=lambda item: -item[2]))
    quotes_by_speaker = _quotes_by_speaker(article)
    words = [(speaker, sum(q.words for q in quotes)) for speaker, quotes in quotes_by_speaker]
    quoted_words = tuple(sorted(words, key=lambda item: -item[1]))
    return Facts(
        people=people,
        organisations=orgs,
        places=places,
        charges_by_person=_charges_by_person(article),
        quotes_by_speaker=quotes_by_speaker,
        timeline=_timeline(article),
        quoted_words=tuple(item for item in quoted_words if item[1] > 0),
        mentions=mentions,
    )


def _entity_fact(entity: Entity, span_count: int) -> EntityFact:
    first = min((start for start, _ in entity.mentions), default=1 << 62)
    return EntityFact(entity.id, entity.label, entity.name, tuple(entity.aliases), tuple(entity.roles),
                      max(len(entity.mentions), span_count), first)


def _names(article: Article) -> dict[str, str]:
    return {e.id: e.name for e in article.entities}


def _charges_by_person(article: Article) -> tuple[tuple[str, tuple[ChargeFact, ...]], ...]:
    names = _names(article)
    groups: dict[str, list[ChargeFact]] = {}
    for charge in sorted(article.charges, key=lambda c: c.start):
        name = names.get(charge.subject or "") or charge.subject or GENERAL_CHARGES
        groups.setdefault(name, []).append(ChargeFact(charge.text, charge.status, charge.start, charge.end))
    ordered = sorted(groups.items(), key=lambda item: (item[0] == GENERAL_CHARGES, item[1][0].start))
    return tuple((name, tuple(charges)) for name, charges in ordered)


def _quotes_by_speaker(article: Article) -> tuple[tuple[str, tuple[QuoteFact, ...]], ...]:
    names = _names(article)
    groups: dict[str, list[QuoteFact]] = {}
    for quote in sorted(article.quotes, key=lambda q: q.start):
        name = quote.speaker_name or names.get(quote.speaker or "") or UNATTRIBUTED_SPEAKER
        groups.setdefault(name, []).append(QuoteFact(quote.text, quote.cue, quote.start, quote.end))
    ordered = sorted(groups.items(), key=lambda item: (item[0] == UNATTRIBUTED_SPEAKER, item[1][0].start))
    return tuple((name, tuple(quotes)) for name, quotes in ordered)


def _timeline(article: Article) -> tuple[TimelineEntry, ...]:
    names = _names(article)
    entries = [
        TimelineEntry(event.date, event.date_text, event.text,
                      tuple(names[e] for e in event.entities if e in names), event.start)
        for event in article.events
    ]
    # Dated events in date order (ISO strings sort correctly, partial ones first), undated ones last.
    entries.sort(key=lambda e: (e.date is None, e.date or "", e.start))
    return tuple(entries)


class SpanDescriber:
    """Describes spans of one article in constant time each (indexes built once, not per span)."""

    def __init__(self, article: Article) -> None:
        self._names = {e.id: e.name for e in article.entities}
        self._quotes = {(q.start, q.end): q for q in article.quotes}
        self._charges = {(c.start, c.end): c for c in article.charges}

    def __call__(self, span: Span) -> str:
        """One line naming what a highlight is: its layer and the entity, speaker or charge behind it."""
        kind = LABEL_NAMES.get(span.label, span.label.title())
        if span.label == "QUOTE":
            quote = self._quotes.get((span.start, span.end))
            speaker = quote and (quote.speaker_name or self._names.get(quote.speaker or ""))
            cue = f" ({quote.cue})" if quote is not None and quote.cue and speaker else ""
            return f"{kind} · {speaker or 'speaker unknown'}{cue}"
        if span.label == "CHARGE":
            charge = self._charges.get((span.start, span.end))
            if charge is None:
                return f"{kind} · {span.text}"
            subject = self._names.get(charge.subject or "", charge.subject)
            who = f" · {subject}" if subject else ""
            return f"{kind} · {charge.text}{who} · {status_text(charge.status)}"
        name = self._names.get(span.entity or "")
        if name is None:
            return f"{kind} · {span.text}"
        return f"{kind} · {name} ({span.entity})"
