"""Charges for the Article: each offence mention with its subject and status (owned by the charges work).

One call from the pipeline: `resolve_charges(text, charges, index)`, over the mention channel.
"""

from __future__ import annotations

import re

from reader.model import Charge
from reader.nlp.candidates import ChargeCand
from reader.nlp.resolve.mentions import PERSON, MentionIndex, MentionRecord

# What may stand between two items of one list of offences: commas, quote marks, "and", "or".
_OFFENCE_LIST_GLUE = re.compile(r"[\s,;\"“”‘’]*(?:(?:and|or|as well as|and/or)\b[\s\"“”‘’]*)?", re.IGNORECASE)


def resolve_charges(text: str, charges: list[ChargeCand], index: MentionIndex) -> list[Charge]:
    """One `Charge` per candidate, in order, its subject an entity id when the text ties one."""
    out: list[Charge] = []
    for c in charges:
        subject: str | None = None
        if c.subject is not None and not c.pronoun:
            hit = next((m for m in index.overlapping(*c.subject, (PERSON,)) if m.entity), None)
            subject = hit.entity if hit is not None else None
        elif c.pronoun and c.subject is not None:
            prior = _last_named(index, c.subject[0], 0)
            subject = prior.entity if prior is not None else None
        if subject is None and c.status is not None and c.subject is None:
            # "charging U.S. District Judge Samuel B. Kent, 59, with ...": the person named before it
            prior = _last_named(index, c.start, max(0, c.sent_start))
            subject = prior.entity if prior is not None else None
        status = c.status if c.status else None
        previous = out[-1] if out else None
        if subject is None and previous is not None and previous.subject is not None and (
            status is None or status == previous.status
        ) and _OFFENCE_LIST_GLUE.fullmatch(text[previous.end : c.start]):
            # the next item of a list of offences ("arrested for rape, assault and theft") shares its subject
            subject, status = previous.subject, previous.status
        out.append(Charge(c.start, c.end, text[c.start : c.end], subject, status))
    return out


def _last_named(index: MentionIndex, pos: int, since: int) -> MentionRecord | None:
    """The last person mention with an entity that starts before `pos` (and at or after `since`)."""
    prior = index.preceding(pos, (PERSON,), since=since)
    while prior is not None and prior.entity is None:
        prior = index.preceding(prior.start, (PERSON,), since=since)
    return prior
