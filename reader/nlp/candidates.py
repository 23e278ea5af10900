"""What one chunk contributes before the document-level consolidation: plain data, char offsets.

The spaCy components work chunk by chunk; everything they find is turned into these records with
offsets into the whole text, so a long text can be analysed in pieces (and its docs dropped) and the
people, aliases and speakers still be consolidated over the whole document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How much a mention candidate is trusted when two overlap.
MODEL, SEQUENCE, CUE, GAZETTEER = 1, 2, 3, 4


@dataclass
class Mention:
    start: int
    end: int
    label: str  # PERSON ORG PLACE DATE
    strength: int = MODEL
    role: str | None = None  # a title or appositive attached to this mention
    person_cue: bool = False  # the text itself says this is a person (title, age, aka, role noun)
    group: str | None = None  # gazetteer entry shared by variants of one organisation


@dataclass
class Link:
    """Two surfaces naming one entity: an aka alias or an acronym and its expansion."""

    short: str
    long: str
    kind: str  # "aka" or "acronym"


@dataclass
class QuoteCand:
    start: int
    end: int
    para_start: int
    term: bool = False  # a quoted term or scare quote, not speech
    cue: str | None = None
    speaker: tuple[int, int] | None = None  # char span of the speaker phrase
    speaker_text: str | None = None
    speaker_name: tuple[int, int] | None = None  # the name inside the phrase ("Demarest" in "FBI ... Demarest")
    pronoun: str | None = None  # he/she/it/they when the speaker is a pronoun
    org_noun: bool = False  # "the agency": the organisation last named
    follow_on: bool = False  # no attribution of its own
    attribution: str | None = None  # how the chunk found the speaker: "cue", "colon", "statement", "possessive"
    role: str | None = None  # "the mayor": the role noun of a nominal speaker


@dataclass
class SpeechCand:
    """Reported speech outside quotes ("Reyes says the wait has doubled", "according to Reyes"): its
    subject becomes the current speaker for a bare quote that follows. Speaker fields as in QuoteCand."""

    start: int  # the verb of saying (or "according")
    end: int
    para_start: int
    cue: str | None = None
    speaker: tuple[int, int] | None = None
    speaker_text: str | None = None
    speaker_name: tuple[int, int] | None = None
    pronoun: str | None = None
    org_noun: bool = False
    follow_on: bool = False
    attribution: str | None = None
    role: str | None = None


@dataclass
class ChargeCand:
    start: int
    end: int
    status: str | None = None
    subject: tuple[int, int] | None = None
    pronoun: bool = False  # subject is a pronoun: resolve to the last person
    sent_start: int = -1  # the sentence's start: a person named there before the offence is the fallback subject
    cue: bool = False  # read after a charge cue or as a penalty's subject (not only by its head word)
    penalty: bool = False  # the subject of a penalty sentence ("Bank fraud carries ...")
    nominal: bool = False  # the subject is a common noun ("the defendant", "the company")
    head: str = ""  # lemma of the offence's head word: later mentions of the same offence share it
    title: bool = False  # in a headline


@dataclass
class DateCand:
    start: int
    end: int
    iso: str | None
    clause_start: int
    clause_end: int
    subject: tuple[int, int] | None = None  # who the clause is about (its verb's subject, up conj chains)
    pronoun: bool = False


@dataclass
class ChunkFacts:
    mentions: list[Mention] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    not_entities: set[str] = field(default_factory=set)  # acronyms of lower-case phrases ("DME")
    quotes: list[QuoteCand] = field(default_factory=list)
    speech: list[SpeechCand] = field(default_factory=list)
    charges: list[ChargeCand] = field(default_factory=list)
    dates: list[DateCand] = field(default_factory=list)
