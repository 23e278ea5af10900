"""Charges for the Article: each offence mention with the person the text ties it to, and a status.

One call from the pipeline: `resolve_charges(text, charges, index)`, over the mention channel. The
component read each mention's status and subject phrase from its clause; here, over the whole
document, the phrase becomes an entity and the discourse fills the gaps as a reader would:

- a subject phrase names a person or organisation: that entity; a pronoun: the person last named;
  a common noun ("the defendant", "the company"): the one last charged;
- a mention after a cue with no subject of its own (a list after "pleaded guilty to", a second
  offence in the clause): the person named before it in the sentence, else the one last charged;
- a later mention of an offence already tied to someone (a penalty sentence, "the conspiracy") and
  the headline take that person; an offence named only in general ("crimes such as ...") stays
  without a subject;
- fallbacks never choose a judge, prosecutor, agent, attorney or spokesperson: they are named in
  the same sentences as the accused but only the clause's own subject is charged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.model import Charge
from reader.nlp.candidates import ChargeCand
from reader.nlp.resolve.mentions import ORG, PERSON, EntityRecord, MentionIndex, MentionRecord

# What may stand between two items of one list of offences: commas, quote marks, "and", "or".
_OFFENCE_LIST_GLUE = re.compile(r"[\s,;\"“”‘’]*(?:(?:and|or|as well as|and/or)\b[\s\"“”‘’]*)?", re.IGNORECASE)
# Roles of the people who bring, hear or announce a case: never charged by a fallback.
OFFICIAL_ROLE = re.compile(
    r"\b(judge|justice|magistrate|prosecutor|attorney|agent|spokes(?:man|woman|person)|investigator|inspector|"
    r"detective|officer|sheriff|commissioner|director|secretary|chief|trooper|counsel|lawyer|marshal|"
    r"police|fbi|special|assistant|president|governor|mayor|senator|minister|colonel|superintendent|commander|"
    r"captain|sergeant|lieutenant|general|ambassador|spokesperson|paralegal)\b", re.IGNORECASE)
# What introduces an offence named in general: examples, the subject of an investigation or a campaign.
GENERAL = re.compile(
    r"(?:such as|crimes like|offenses like|offences like|including|for example|e\.g\.|investigations? (?:of|into)|"
    r"information (?:about|concerning|regarding|on)|combat(?:ing)?|fight(?:ing)?|crack(?:ing)? down on|"
    r"tackl(?:e|ing)|prevent(?:ing)?|detect(?:ing)?|allegations of|victims of|threat of|dangers of)"
    r"(?:\s+(?:the|all|other))?[\s,]*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’]?(?:\s|$)")
_ABBREVIATIONS = frozenset({"Mr", "Ms", "Mrs", "Dr", "Jr", "Sr", "St", "Co", "No", "Inc", "Corp", "Ltd", "Gen", "Sen",
                            "Rep", "Gov", "Lt", "Sgt", "Capt", "Col", "Ft", "Mt", "Ave", "Dept"})
_TITLES = (r"(?:Attorney|General|Director|Agent|Chief|Secretary|Judge|Commissioner|Sheriff|Spokes(?:man|woman|person)|"
           r"Inspector|Superintendent|Prosecutor|Marshal|Administrator|Counsel|Chairman|Commander)")
_TITLE_BEFORE = re.compile(rf"\b{_TITLES}\b(?:\s+(?:of|for|in|the|and|\(?[A-Z][\w.’'&()-]*))*\s*$")
_TITLE_AFTER = re.compile(rf",\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){{0,4}}{_TITLES}\b")
_APPOSED = re.compile(r"\s*(?:,\s*(?:\d+,\s*)?(?:the|a|an)?\s*)")
ORG_NOUNS = re.compile(r"\b(company|companies|corporation|firm|business|manufacturer|wholesaler|bank|"
                       r"partnership|entity)\b", re.IGNORECASE)


NAMED_SOON = 1500  # characters (a paragraph or two) within which a release names the defendant it described


@dataclass(frozen=True)
class Tie:
    """An offence already tied to someone: later mentions of it take this subject and status."""

    subject: str
    status: str | None


def resolve_charges(text: str, charges: list[ChargeCand], index: MentionIndex) -> list[Charge]:
    """One `Charge` per candidate, in order, its subject an entity id when the text ties one."""
    ties: dict[str, Tie] = {}
    charged: list[tuple[int, str]] = []  # (position, subject) in the order people are charged
    resolved: dict[int, tuple[str | None, str | None]] = {}
    waiting: list[ChargeCand] = []  # "the owner of X pleaded guilty": named later in the text
    previous: tuple[ChargeCand, str | None, str | None] | None = None
    general = False  # the previous mention was named in general: the rest of its list is too
    for c in charges:
        if c.title:
            continue
        glued = previous is not None and bool(_OFFENCE_LIST_GLUE.fullmatch(text[previous[0].end : c.start]))
        general = bool(GENERAL.search(text[max(c.sent_start, c.start - 60) : c.start])) or general and glued
        subject, status = _direct(text, c, index, [s for _, s in charged])
        if subject is None and previous is not None and previous[1] is not None and (
                status is None or status == previous[2]) and c.cue == previous[0].cue and \
                _OFFENCE_LIST_GLUE.fullmatch(text[previous[0].end : c.start]):
            # the next item of a list of offences ("arrested for rape, assault and theft") shares its subject
            subject, status = previous[1], previous[2]
        if subject is None and not general:
            tie = _tie(ties, text, c)
            if tie is not None and (c.penalty or not c.cue or status is None):
                subject, status = tie.subject, status or tie.status
        if subject is None and (c.cue or c.nominal) and status is not None and not c.penalty:
            waiting.append(c)
        if subject is not None:
            tie = Tie(subject, status)
            ties.setdefault(_key(text, c), tie)
            for head in c.head.split():
                ties[head] = tie
            if c.cue or c.subject is not None:
                charged.append((c.start, subject))
        resolved[c.start] = (subject, status)
        previous = (c, subject, status)
    for c in waiting:
        # "A Salvadoran national ... was wanted for ...": the person charged or named next
        named = _next_named(text, index, c.start)
        later = named.entity if named is not None else None
        if later is None:
            later = next((s for pos, s in charged if pos > c.start), None)
        resolved[c.start] = (later, resolved[c.start][1])
        if later is not None:
            charged.append((c.start, later))
    charged.sort()
    for c in charges:
        if c.title:
            subject, status = _direct(text, c, index, [])
            tie = _tie(ties, text, c)
            if subject is None and charged:
                subject = charged[0][1]  # a headline is about the story's first defendant
            if subject is None and tie is not None:
                subject = tie.subject
            if subject is None:
                named = _next_named(text, index, c.end)
                subject = named.entity if named is not None else None
            resolved[c.start] = (subject, status or (tie.status if tie else None))
    return [Charge(c.start, c.end, text[c.start : c.end], *resolved[c.start]) for c in charges]


def _tie(ties: dict[str, Tie], text: str, c: ChargeCand) -> Tie | None:
    """The person an earlier mention of this offence was tied to: same words, else same head."""
    found = ties.get(_key(text, c))
    heads = c.head.split()
    return found or (ties.get(heads[0]) if heads else None)


def _key(text: str, c: ChargeCand) -> str:
    return " ".join(text[c.start : c.end].lower().split())


def _direct(text: str, c: ChargeCand, index: MentionIndex, charged: list[str]) -> tuple[str | None, str | None]:
    """The subject the charge's own clause gives, and its status."""
    status = c.status
    if c.subject is not None and c.pronoun:
        word = text[c.subject[0] : c.subject[1]].lower()
        labels = (ORG, PERSON) if word in ("it", "they", "them") else (PERSON,)
        if charged and word in ("they", "them", "it"):
            return charged[-1], status
        prior = _last_named(index, c.subject[0], 0, labels, charged)
        return (prior.entity if prior is not None else None), status
    if c.subject is not None and not c.nominal:
        # the name must end the phrase: "New York Power Authority Employee" is an employee, not the authority
        found = sorted((m for m in index.overlapping(*c.subject, (PERSON, ORG))
                        if m.entity and not (m.start < c.end and c.start < m.end)
                        and not text[m.end : c.subject[1]].strip(" .,")),
                       key=lambda m: (m.label != PERSON, -(m.end - m.start)))
        if found and (c.cue or not _official(index.entity(found[0].entity))):
            return found[0].entity, status
        if found:
            return None, status  # an official named in a clause that charges no one
        named = _by_name(index, text[c.subject[0] : c.subject[1]])
        if named is not None:
            return named, status
        return None, status
    if c.subject is not None and c.nominal:
        before = index.preceding(c.subject[0], (PERSON, ORG))
        if before is not None and before.entity and _APPOSED.fullmatch(text[before.end : c.subject[0]]):
            return before.entity, status  # "Jane Roe, the owner of ..., was charged"
        wants_org = bool(ORG_NOUNS.search(text[c.subject[0] : c.subject[1]]))
        for sid in reversed(charged):
            ent = index.entity(sid)
            if ent is not None and (ent.label == ORG) == wants_org:
                return sid, status
        return None, status
    if c.cue and status is not None and not c.penalty:
        prior = _last_named(index, c.start, max(0, c.sent_start), (PERSON, ORG), charged)
        if prior is not None:
            return prior.entity, status
        if charged:
            return charged[-1], status
    return None, status


def _by_name(index: MentionIndex, phrase: str) -> str | None:
    """An entity whose name or alias the phrase contains (a mention the entity layer labelled otherwise)."""
    words = phrase.replace(",", " ").split()
    best: tuple[int, str] | None = None
    for ent in index.entities:
        if ent.label not in (PERSON, ORG):
            continue
        for name in (ent.name, *ent.aliases):
            parts = name.split()
            n = len(parts)
            found = n and any(words[k : k + n] == parts for k in range(len(words) - n + 1))
            if found and (best is None or n > best[0]):
                best = (n, ent.id)
    return best[1] if best is not None else None


def _next_named(text: str, index: MentionIndex, pos: int) -> MentionRecord | None:
    """The first person named soon after `pos` (a paragraph or two) who is not an official or the
    announcer of the news: a release names the defendant it first described right after."""
    found = index.following(pos, (PERSON,), until=pos + NAMED_SOON)
    while found is not None and (found.entity is None or _official(index.entity(found.entity))
                                 or _announcer(text, found)):
        found = index.following(found.end, (PERSON,), until=pos + NAMED_SOON)
    return found


def _announcer(text: str, m: MentionRecord) -> bool:
    """A person introduced by an office ("U.S. Attorney for the Western District of Nowhere Ada B. Lin",
    "Sam Ortiz, Acting Assistant Attorney General") or listed after "announced by": who tells the news."""
    before = text[max(0, m.start - 60) : m.start]
    if _TITLE_BEFORE.search(before.split(",")[-1].split(".\n")[-1]):
        return True
    if _TITLE_AFTER.match(text, m.end):
        return True
    line = text[text.rfind("\n", 0, m.start) + 1 : m.start]
    return "announced by" in line or "according to" in line[-120:]


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding `pos` ends: a stop before a space, not after an initial or an abbreviation."""
    for stop in _SENTENCE_END.finditer(text, pos):
        word = text[max(0, stop.start() - 6) : stop.start()].split()[-1:] or [""]
        if "\n" in stop.group() or not (len(word[0].lstrip("(")) <= 1 or "." in word[0] or word[0] in _ABBREVIATIONS):
            return stop.start()
    return len(text)


def _last_named(index: MentionIndex, pos: int, since: int, labels: tuple[str, ...],
                charged: list[str]) -> MentionRecord | None:
    """The last person (or organisation) named before `pos` who is not an official, a charged one first."""
    prior = index.preceding(pos, labels, since=since)
    fallback: MentionRecord | None = None
    while prior is not None:
        ent = index.entity(prior.entity)
        if prior.entity is not None and not _official(ent):
            if prior.entity in charged or prior.label == PERSON:
                return prior
            fallback = fallback or prior
        prior = index.preceding(prior.start, labels, since=since)
    return fallback


def _official(entity: EntityRecord | None) -> bool:
    return entity is not None and any(OFFICIAL_ROLE.search(r) for r in entity.roles)
