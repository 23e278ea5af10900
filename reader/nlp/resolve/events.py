"""Timeline events: each dated clause with the people and organisations it is about."""

from __future__ import annotations

from datetime import date

from reader.model import Event
from reader.nlp.candidates import DateCand
from reader.nlp.resolve.dates import names_month, resolve_date, year_of
from reader.nlp.resolve.mentions import ORG, PERSON, MentionIndex


def resolve_events(text: str, dates: list[DateCand], index: MentionIndex, published: date | None = None) -> list[Event]:
    """One `Event` per date that resolves (relative ones need `published`): the clause's subject first,
    then every entity named in the clause. A date without a year takes the year the text last named."""
    out: list[Event] = []
    last_year: int | None = None
    for d in sorted(dates, key=lambda d: d.start):
        mention = text[d.start : d.end]
        resolved = resolve_date(mention, published, last_year)
        last_year = year_of(mention) or last_year
        if resolved.iso is None and not year_of(mention) and not names_month(mention):
            continue  # "Tuesday" with no article date: nothing to place on the timeline
        ids: list[str] = []
        if d.subject is not None:
            # the person or organisation the clause is about, even when named before it
            if d.pronoun:
                who = index.preceding(d.subject[0], (PERSON,))
                while who is not None and who.entity is None:
                    who = index.preceding(who.start, (PERSON,))
            else:
                who = next((m for m in index.overlapping(*d.subject, (PERSON, ORG)) if m.entity), None)
            if who is not None and who.entity is not None:
                ids.append(who.entity)
        for m in index.inside(d.clause_start, d.clause_end, (PERSON, ORG)):
            if m.entity is not None and m.entity not in ids:
                ids.append(m.entity)
        out.append(Event(resolved.iso, mention, text[d.clause_start : d.clause_end], d.clause_start, d.clause_end,
                         d.start, d.end, ids, resolved.inferred))
    return out

