"""The facts of an Article, grouped the way a reader looks for them: one model for sidebar, HTML and Markdown.

People and organisations with their roles, aliases and mentions; places; charges grouped by the
person they are tied to; quotes grouped by speaker (speech only: quoted terms are left out); the
timeline; and the tallies the legend and the HTML chart show. Strings are exactly as in the
Article: each surface escapes and neutralises them itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from reader.layers import all_layers, layer
from reader.model import Article, Entity, Quote, Span

PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG"})
PLACE_LABELS = frozenset({"PLACE", "GPE", "LOC", "FAC"})
UNATTRIBUTED_SPEAKER = "Unattributed"
GENERAL_CHARGES = "Not tied to a person"

Range = tuple[int, int]


@dataclass(frozen=True)
class EntityFact:
    id: str
    label: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    ranges: tuple[Range, ...]  # every mention, in text order
    corrected: bool = False  # a reader's correction changed it

    @property
    def mentions(self) -> int:
        return len(self.ranges)

    @property
    def first(self) -> int:
        return self.ranges[0][0] if self.ranges else 1 << 62


@dataclass(frozen=True)
class ChargeFact:
    text: str
    status: str | None
    start: int
    end: int
    corrected: bool = False

    @property
    def status_text(self) -> str:
        return status_text(self.status)


@dataclass(frozen=True)
class ChargeGroup:
    """The charges the text ties to one person (`subject` None: named in general)."""

    name: str
    subject: str | None
    charges: tuple[ChargeFact, ...]


@dataclass(frozen=True)
class QuoteFact:
    text: str
    cue: str | None
    start: int
    end: int
    attribution: str | None = None
    corrected: bool = False

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class QuoteGroup:
    """Everything one speaker is quoted as saying (`speaker` None: no entity behind the name)."""

    name: str
    speaker: str | None
    quotes: tuple[QuoteFact, ...]

    @property
    def words(self) -> int:
        return sum(q.words for q in self.quotes)


@dataclass(frozen=True)
class TimelineEntry:
    date: str | None
    date_text: str
    text: str
    people: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Facts:
    people: tuple[EntityFact, ...]
    organisations: tuple[EntityFact, ...]
    places: tuple[EntityFact, ...]
    charges_by_person: tuple[ChargeGroup, ...]
    quotes_by_speaker: tuple[QuoteGroup, ...]
    timeline: tuple[TimelineEntry, ...]
    counts: dict[str, int]  # layer label -> how many things the legend counts (entities, charges, quotes)

    @property
    def empty(self) -> bool:
        return not (self.people or self.organisations or self.places or self.charges_by_person
                    or self.quotes_by_speaker or self.timeline)

    @property
    def quoted_words(self) -> tuple[tuple[str, int], ...]:
        """Speaker -> words quoted, most first."""
        words = [(group.name, group.words) for group in self.quotes_by_speaker if group.words > 0]
        return tuple(sorted(words, key=lambda item: -item[1]))

    @property
    def mentions(self) -> tuple[tuple[str, str, int], ...]:
        """(name, label, mentions) of people and organisations, most first."""
        rows = [(f.name, f.label, f.mentions) for f in (*self.people, *self.organisations) if f.mentions]
        return tuple(sorted(rows, key=lambda item: -item[2]))


def source_name(source: str | None) -> str:
    """What to call an article's source in front of a reader: a URL as it is, a file by its name only
    (a local path says nothing to whoever reads an export, and may say too much)."""
    if not source:
        return ""
    if source == "-":
        return "standard input"
    if "://" in source:
        return source
    return PurePath(source).name or source


def status_text(status: str | None) -> str:
    """`pleaded_guilty` -> `pleaded guilty`; None -> `status unknown`."""
    return status.replace("_", " ") if status else "status unknown"


def is_speech(quote: Quote) -> bool:
    """A scare quote or quoted term (`kind: "term"`) is quoted but said by nobody."""
    return getattr(quote, "kind", "speech") != "term"


def attribution_of(quote: Quote) -> str | None:
    """How the speaker was found (cue, pronoun, ...), when the analysis says."""
    value = getattr(quote, "attribution", None)
    return value if isinstance(value, str) and value else None


def speaker_name(article: Article, quote: Quote, names: dict[str, str] | None = None) -> str | None:
    if quote.speaker_name:
        return quote.speaker_name
    names = names if names is not None else _names(article)
    return names.get(quote.speaker or "")


def facts_of(article: Article) -> Facts:
    """Group everything the analysis found for display."""
    entity_facts = [_entity_fact(e, article) for e in article.entities]
    entity_facts.sort(key=lambda f: f.first)
    people = tuple(f for f in entity_facts if f.label in PERSON_LABELS)
    orgs = tuple(f for f in entity_facts if f.label in ORG_LABELS)
    places = tuple(f for f in entity_facts if f.label in PLACE_LABELS)
    quotes = _quotes_by_speaker(article)
    counts = {"PERSON": len(people), "ORG": len(orgs), "PLACE": len(places), "CHARGE": len(article.charges),
              "QUOTE": sum(len(group.quotes) for group in quotes)}
    for item in all_layers():
        if item.label not in counts:
            counts[item.label] = sum(1 for s in article.spans if s.label == item.label)
    return Facts(people=people, organisations=orgs, places=places,
                 charges_by_person=_charges_by_person(article), quotes_by_speaker=quotes,
                 timeline=_timeline(article), counts=counts)


def _entity_fact(entity: Entity, article: Article) -> EntityFact:
    """One entity for display."""
    # The entity's mentions and every span tied to it: an analysis may list either more fully.
    ranges = set(entity.mentions) | {(s.start, s.end) for s in article.spans if s.entity == entity.id}
    return EntityFact(entity.id, entity.label, entity.name, tuple(a for a in entity.aliases if a != entity.name),
                      tuple(entity.roles), tuple(sorted(ranges)), entity.corrected)


def _names(article: Article) -> dict[str, str]:
    return {e.id: e.name for e in article.entities}


def _charges_by_person(article: Article) -> tuple[ChargeGroup, ...]:
    names = _names(article)
    groups: dict[str, tuple[str | None, list[ChargeFact]]] = {}
    for charge in sorted(article.charges, key=lambda c: c.start):
        name = names.get(charge.subject or "") or charge.subject or GENERAL_CHARGES
        groups.setdefault(name, (charge.subject, []))[1].append(
            ChargeFact(charge.text, charge.status, charge.start, charge.end, charge.corrected))
    ordered = sorted(groups.items(), key=lambda item: (item[0] == GENERAL_CHARGES, item[1][1][0].start))
    return tuple(ChargeGroup(name, subject, tuple(charges)) for name, (subject, charges) in ordered)


def _quotes_by_speaker(article: Article) -> tuple[QuoteGroup, ...]:
    names = _names(article)
    groups: dict[str, tuple[str | None, list[QuoteFact]]] = {}
    for quote in sorted(article.quotes, key=lambda q: q.start):
        if not is_speech(quote):
            continue
        name = speaker_name(article, quote, names) or UNATTRIBUTED_SPEAKER
        groups.setdefault(name, (quote.speaker, []))[1].append(
            QuoteFact(quote.text, quote.cue, quote.start, quote.end, attribution_of(quote), quote.corrected))
    ordered = sorted(groups.items(), key=lambda item: (item[0] == UNATTRIBUTED_SPEAKER, item[1][1][0].start))
    return tuple(QuoteGroup(name, speaker, tuple(quotes)) for name, (speaker, quotes) in ordered)


def _timeline(article: Article) -> tuple[TimelineEntry, ...]:
    names = _names(article)
    entries = [
        TimelineEntry(event.date, event.date_text, event.text,
                      tuple(names[e] for e in event.entities if e in names), event.start, event.end)
        for event in article.events
    ]
    # Dated events in date order (ISO strings sort correctly, partial ones first), undated ones last.
    entries.sort(key=lambda e: (e.date is None, e.date or "", e.start))
    return tuple(entries)


class SpanDescriber:
    """Describes spans of one article in constant time each (indexes built once, not per span).

    Descriptions are for readers: names, speakers and statuses, never internal entity ids.
    """

    def __init__(self, article: Article) -> None:
        self._names = _names(article)
        self._quotes = {(q.start, q.end): q for q in article.quotes}
        self._charges = {(c.start, c.end): c for c in article.charges}
        self._article = article

    def speaker(self, span: Span) -> str | None:
        quote = self._quotes.get((span.start, span.end))
        return speaker_name(self._article, quote, self._names) if quote is not None else None

    def is_term(self, span: Span) -> bool:
        quote = self._quotes.get((span.start, span.end))
        return span.label == "QUOTE" and quote is not None and not is_speech(quote)

    def __call__(self, span: Span) -> str:
        """One line naming what a highlight is: its layer and the entity, speaker or charge behind it."""
        found = layer(span.label)
        kind = found.name if found is not None else span.label.title()
        if span.label == "QUOTE":
            quote = self._quotes.get((span.start, span.end))
            if quote is not None and not is_speech(quote):
                return "Quoted term"
            speaker = self.speaker(span)
            cue = f" ({quote.cue})" if quote is not None and quote.cue and speaker else ""
            return f"{kind} · {speaker or 'speaker unknown'}{cue}"
        if span.label == "CHARGE":
            charge = self._charges.get((span.start, span.end))
            if charge is None:
                return f"{kind} · {span.text}"
            subject = self._names.get(charge.subject or "")
            who = f" · {subject}" if subject else ""
            return f"{kind} · {charge.text}{who} · {status_text(charge.status)}"
        name = self._names.get(span.entity or "")
        return f"{kind} · {name or span.text}"
