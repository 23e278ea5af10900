"""The one channel from the spaCy components to the document level: span groups in, records out.

Each reader component writes its own span group with span extension attributes for what it found
(`doc.spans["reader_dates"]`, `"reader_charges"`, ...). This module reads those groups from one
chunk's Doc into plain records with document offsets (`candidates`), so the Doc can be dropped and
the document-level resolvers consolidate over the whole text. Nothing passes through `doc.user_data`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.nlp.candidates import ChargeCand, DateCand, Link, Mention, QuoteCand, SpeechCand

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Every mention candidate of the chunk (overlapping, in the order found; label PERSON ORG PLACE DATE
# LAW), beside the corrected non-overlapping channel `docutil.MENTIONS_GROUP`. spaCy keys a span's
# extension values by its character range, and several candidates share one range (the model's
# PERSON and the cue's PERSON), so `._.mention_found` holds, per range, one
# (start, end, strength, role, person_cue, group) per candidate there, in order.
CANDIDATES_GROUP = "reader_candidates"
MENTION_EXTENSIONS = ("mention_found",)
# Aliases and acronyms (`Link`s) and acronyms of lower-case phrases: facts about surfaces, not places.
DOC_EXTENSIONS = ("reader_links", "reader_not_entities")
DATES_GROUP = "reader_dates"
CHARGES_GROUP = "reader_charges"
QUOTES_GROUP = "reader_quotes"  # label QUOTE or TERM
SPEECH_GROUP = "reader_speech"  # reported speech outside quotes: the verb of saying
SUBJECTS_GROUP = "reader_subjects"  # proper-noun subjects: whom a later "he"/"she" most likely means
# What a quote or reported speech says about its speaker (as in QuoteCand), one extension each,
# prefixed `quote_` or `speech_`; `<prefix>_chars` is the passage's exact range inside its span
# (quote marks glued to a word widen the span) and `<prefix>_para_start` its paragraph's start.
SPEAKER_FIELDS = ("cue", "speaker", "speaker_text", "speaker_name", "pronoun", "org_noun", "follow_on",
                  "attribution", "role")
SPEAKER_RANGES = ("speaker", "speaker_name")
QUOTE_EXTENSIONS = tuple(f"quote_{f}" for f in (*SPEAKER_FIELDS, "chars", "para_start"))
SPEECH_EXTENSIONS = tuple(f"speech_{f}" for f in (*SPEAKER_FIELDS, "chars", "para_start"))

Range = tuple[int, int]


def register_extensions(names: tuple[str, ...], doc_names: tuple[str, ...] = ()) -> None:
    """Span (and Doc) extension attributes a component writes (once per process, at its import)."""
    from spacy.tokens import Doc, Span

    for name in names:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name in doc_names:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def write_mentions(doc: Doc, found: list[Mention]) -> list[Span]:
    """The candidates as spans (label native, the rest in `._.mention_found`), in the order found."""
    from spacy.tokens import Span

    group = []
    for m in found:
        span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
        if span is None:  # no token holds it: an empty span carries it (its record keeps the range)
            span = Span(doc, 0, 0, label=m.label)
        entry = (m.start, m.end, m.strength, m.role, m.person_cue, m.group)
        span._.mention_found = (*(span._.mention_found or ()), entry)
        group.append(span)
    return group


def read_mentions(doc: Doc, offset: int) -> list[Mention]:
    """The chunk's mention candidates in document offsets, in the order found."""
    out = []
    seen: dict[tuple[int, int], int] = {}
    for span in doc.spans.get(CANDIDATES_GROUP, ()):
        key = (span.start_char, span.end_char)
        k = seen[key] = seen.get(key, -1) + 1
        start, end, strength, role, person_cue, group = span._.mention_found[k]
        out.append(Mention(start + offset, end + offset, span.label_, strength, role, person_cue, group))
    return out


def read_links(doc: Doc) -> list[Link]:
    """The chunk's aliases and acronyms."""
    return list(doc._.reader_links or ())


def read_not_entities(doc: Doc) -> set[str]:
    """Acronyms of lower-case phrases in the chunk ("DME"): never an entity."""
    return set(doc._.reader_not_entities or ())


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


def write_speaker(span: Span, prefix: str, cand: QuoteCand | SpeechCand) -> None:
    """A quote's or a reported speech's findings onto its span (`prefix`: quote or speech)."""
    setattr(span._, f"{prefix}_chars", (cand.start, cand.end))
    setattr(span._, f"{prefix}_para_start", cand.para_start)
    for name in SPEAKER_FIELDS:
        setattr(span._, f"{prefix}_{name}", getattr(cand, name))


def _placed(span: Span, prefix: str, offset: int) -> dict[str, object]:
    """A quote's or a reported speech's range, paragraph and speaker fields, in document offsets."""
    start, end = getattr(span._, f"{prefix}_chars")
    found = {name: getattr(span._, f"{prefix}_{name}") for name in SPEAKER_FIELDS}
    for name in SPEAKER_RANGES:
        found[name] = shift(found[name], offset)
    return {"start": start + offset, "end": end + offset,
            "para_start": getattr(span._, f"{prefix}_para_start") + offset, **found}


def read_quotes(doc: Doc, offset: int) -> list[QuoteCand]:
    """The chunk's quoted passages, speech or term, with their local attribution."""
    return [QuoteCand(term=span.label_ == "TERM", **_placed(span, "quote", offset))  # type: ignore[arg-type]
            for span in doc.spans.get(QUOTES_GROUP, ())]


def read_speech(doc: Doc, offset: int) -> list[SpeechCand]:
    """The chunk's reported speech outside quotes, with its speaker."""
    return [SpeechCand(**_placed(span, "speech", offset))  # type: ignore[arg-type]
            for span in doc.spans.get(SPEECH_GROUP, ())]


def read_subjects(doc: Doc, offset: int) -> list[int]:
    """Where the chunk's proper-noun subjects start, in document offsets."""
    return [span.start_char + offset for span in doc.spans.get(SUBJECTS_GROUP, ())]
