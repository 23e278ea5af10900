"""The one channel from the spaCy components to the document level: span groups in, records out.

Each reader component writes its own span group with span extension attributes for what it found
(`doc.spans["reader_dates"]`, `"reader_charges"`, ...). This module reads those groups from one
chunk's Doc into plain records with document offsets (`candidates`), so the Doc can be dropped and
the document-level resolvers consolidate over the whole text. Nothing passes through `doc.user_data`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.nlp.candidates import ChargeCand, DateCand

if TYPE_CHECKING:
    from spacy.tokens import Doc

DATES_GROUP = "reader_dates"
CHARGES_GROUP = "reader_charges"

Range = tuple[int, int]


def register_extensions(names: tuple[str, ...]) -> None:
    """Span extension attributes a component writes (once per process, at its import)."""
    from spacy.tokens import Span

    for name in names:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def shift(found: Range | None, offset: int) -> Range | None:
    """A chunk's (start, end) in document offsets."""
    return (found[0] + offset, found[1] + offset) if found else found


def read_dates(doc: Doc, offset: int) -> list[DateCand]:
    """The chunk's point-in-time dates with their clause and its subject."""
    out = []
    for span in doc.spans.get(DATES_GROUP, ()):
        lo, hi = span._.date_clause
        out.append(DateCand(span.start_char + offset, span.end_char + offset, span._.date_iso, lo + offset,
                            hi + offset, shift(span._.date_subject, offset), span._.date_pronoun))
    return out


def read_charges(doc: Doc, offset: int) -> list[ChargeCand]:
    """The chunk's offence phrases with their status, subject and how they were read."""
    return [ChargeCand(span.start_char + offset, span.end_char + offset, span._.charge_status,
                       shift(span._.charge_subject, offset), span._.charge_pronoun,
                       span._.charge_sent_start + offset, cue=span._.charge_cue, penalty=span._.charge_penalty,
                       nominal=span._.charge_nominal, head=span._.charge_head, title=span._.charge_title)
            for span in doc.spans.get(CHARGES_GROUP, ())]
