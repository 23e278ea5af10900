"""Timeline events: each dated clause with the people and organisations it is about."""

from __future__ import annotations

from reader.model import Event
from reader.nlp.candidates import DateCand
from reader.nlp.resolve.mentions import ORG, PERSON, MentionIndex


def resolve_events(text: str, dates: list[DateCand], index: MentionIndex) -> list[Event]:
    """One `Event` per date candidate: the clause's subject first, then every entity named in the clause."""
    out: list[Event] = []
    for d in dates:
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
        out.append(Event(d.iso, text[d.start : d.end], text[d.clause_start : d.clause_end],
                         d.clause_start, d.clause_end, d.start, d.end, ids))
    return out
