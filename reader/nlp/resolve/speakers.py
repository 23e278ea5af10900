"""Who said each quote, read through the whole article in order as a reporter's reader would.

The discourse state is the current speaker: whoever the text last gave words to, by a quote's own
attribution or by reported speech ("Reyes says the wait has doubled", "according to Reyes", "the
company issued a statement"). A quote with no attribution of its own takes the current speaker
(`continuation` when that came from the quote before, `reported_speech` when from reported speech).
"he"/"she" take the nearest person in the discourse (a speaker, or a named subject) whose gender,
as the article shows it, does not disagree; "it"/"they" the organisation in the discourse; "the
mayor" the person who holds that role; "the department" the organisation so named. Pure: no spaCy.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from reader.nlp.candidates import QuoteCand, SpeechCand
from reader.nlp.lexicon import PERSON_PRONOUNS, ROLE_NOUNS
from reader.nlp.resolve.gender import learn_genders
from reader.nlp.resolve.mentions import ORG, PERSON, MentionIndex, MentionRecord

FEMALE_PRONOUNS = frozenset(["she", "her"])
MALE_PRONOUNS = frozenset(["he", "him"])
# How far back (in paragraphs) a bare quote or a pronoun may find its speaker.
PARAGRAPHS_BACK = 2
PRONOUN_REACH = 2500


@dataclass(frozen=True)
class Speaker:
    """An entity of the article, or only a phrase the text uses (entity None)."""

    entity: str | None
    name: str | None
    label: str | None = None


@dataclass(frozen=True)
class Attribution:
    """The speaker of one quote and how it was found (a `Quote.attribution` word), or both None."""

    speaker: Speaker | None = None
    how: str | None = None


@dataclass(frozen=True)
class _Turn:
    """Somebody given words at a position: by a quote (`quoted`) or by reported speech."""

    pos: int
    para: int
    speaker: Speaker
    quoted: bool


Cand = QuoteCand | SpeechCand


def resolve_speakers(text: str, quotes: Sequence[QuoteCand], speech: Sequence[SpeechCand], index: MentionIndex,
                     subjects: Sequence[int] = ()) -> list[Attribution]:
    """One Attribution per quote, in order (terms get an empty one)."""
    spoken = [(q.start, q.end) for q in quotes if not q.term]
    resolver = _Resolver(text, index, learn_genders(text, index, spoken), set(subjects), spoken)
    events: list[tuple[int, int, int]] = [(q.start, 0, k) for k, q in enumerate(quotes) if not q.term]
    events += [(s.start, 1, k) for k, s in enumerate(speech)]
    out = [Attribution() for _ in quotes]
    for _, is_speech, k in sorted(events):
        if is_speech:
            rec = speech[k]
            found = resolver.local(rec, rec.start)
            if found.speaker is not None:
                resolver.turns.append(_Turn(rec.start, rec.para_start, found.speaker, False))
            continue
        q = quotes[k]
        found = resolver.local(q, q.start)
        if found.speaker is None and q.follow_on:
            found = resolver.bare(q)
        out[k] = found
        if found.speaker is not None:
            resolver.turns.append(_Turn(q.start, q.para_start, found.speaker, True))
    return out


class _Resolver:
    def __init__(self, text: str, index: MentionIndex, genders: dict[str, str], subjects: set[int],
                 spoken: list[tuple[int, int]]) -> None:
        self.text = text
        self.index = index
        self.genders = genders
        self.subjects = subjects
        self.spoken = sorted(spoken)
        self.turns: list[_Turn] = []
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]

    # ------------------------------------------------------------ one attribution

    def local(self, q: Cand, pos: int) -> Attribution:
        """The speaker the candidate's own attribution names."""
        how = q.attribution or "cue"
        if q.pronoun:
            speaker = self.pronoun(q.pronoun, pos)
            # "her statement said" stays a statement; "he said" is a pronoun
            return Attribution(speaker, how if how != "cue" else "pronoun") if speaker else Attribution()
        if q.org_noun:
            speaker = self.organisation(pos, q.role)
            if speaker is None and q.speaker_text:
                speaker = Speaker(None, _clean_raw(q.speaker_text))
            return Attribution(speaker, "nominal" if how == "cue" else how) if speaker else Attribution()
        if q.role and (q.speaker is None or q.speaker_text is None):
            speaker = self.role_holder(q.role, pos)
            raw = q.speaker_text or (self.text[q.speaker[0] : q.speaker[1]] if q.speaker else None)
            if speaker is None and _clean_raw(raw):
                # a person noun ("the owner") may be taken up by a later "he"; "the threat" may not
                speaker = Speaker(None, _clean_raw(raw), PERSON if q.role in ROLE_NOUNS else None)
            return Attribution(speaker, "nominal") if speaker else Attribution()
        if q.speaker is not None:
            m = self.mention_at(q.speaker_name) if q.speaker_name else None
            if m is None and q.speaker_name is None:
                m = self.mention_at(q.speaker)
            if m is not None and m.entity is not None:
                return Attribution(self.given_name(self.entity_speaker(m.entity)), how)
            raw = self.text[q.speaker_name[0] : q.speaker_name[1]] if q.speaker_name else q.speaker_text
            name = _clean_raw(raw)
            label = PERSON if q.speaker_text else None  # a proper name the model did not tag
            return Attribution(self.given_name(Speaker(None, name, label)), how) if name else Attribution()
        if q.speaker_text:
            name = _clean_raw(q.speaker_text)
            return Attribution(Speaker(None, name, PERSON), how) if name else Attribution()
        return Attribution()

    def bare(self, q: QuoteCand) -> Attribution:
        """A quote with no attribution: the current speaker, if the text introduced one just before."""
        if not self.turns:
            return Attribution()
        last = self.turns[-1]
        if self.paragraphs_between(last.para, q.para_start) > PARAGRAPHS_BACK:
            return Attribution()
        return Attribution(last.speaker, "continuation" if last.quoted else "reported_speech")

    # ------------------------------------------------------------ the discourse

    def paragraphs_between(self, a: int, b: int) -> int:
        return bisect_left(self.para_starts, b) - bisect_left(self.para_starts, a)

    def pronoun(self, word: str, pos: int) -> Speaker | None:
        """The nearest person (or, for it/they/we, organisation) in the discourse that agrees."""
        if word not in PERSON_PRONOUNS:
            return self.organisation(pos, None, pronoun=word)
        if word == "i":
            return self.turns[-1].speaker if self.turns else None
        wanted = "female" if word in FEMALE_PRONOUNS else "male" if word in MALE_PRONOUNS else None
        # the nearest speaker or subject that does not disagree; but a person known to agree, named
        # nearer than one whose gender the article does not tell, is the better reading
        known_nearer: Speaker | None = None
        for speaker, central in self.people_before(pos, wanted):
            gender = self.genders.get(speaker.entity) if speaker.entity else None
            if not central:
                known_nearer = known_nearer or speaker
            elif wanted is None or gender == wanted:
                return speaker
            elif gender is None:
                return known_nearer or speaker
        return known_nearer

    def people_before(self, pos: int, wanted: str | None) -> list[tuple[Speaker, bool]]:
        """Candidates for a person pronoun before pos, nearest first, each with whether an unknown
        gender may agree: speakers and named person subjects (outside quotes), and any person named
        whose gender is the one wanted. Furniture lines ("Story continues below") name nobody."""
        found: list[tuple[int, Speaker, bool]] = []
        for turn in self.turns:
            if turn.pos < pos and turn.speaker.label == PERSON and pos - turn.pos < PRONOUN_REACH:
                found.append((turn.pos, turn.speaker, True))
        for m in self.index.inside(max(0, pos - PRONOUN_REACH), pos, (PERSON,)):
            if m.entity is None or self.quoted(m.start) or self.furniture(m.start):
                continue
            if m.start in self.subjects:
                found.append((m.start, self.entity_speaker(m.entity), True))
            elif wanted is not None and self.genders.get(m.entity) == wanted:
                found.append((m.start, self.entity_speaker(m.entity), False))
        found.sort(key=lambda f: -f[0])
        return [(s, loose) for _, s, loose in found]

    def furniture(self, pos: int) -> bool:
        """A line of page furniture or a heading: no sentence punctuation at its end."""
        k = bisect_left(self.para_starts, pos + 1) - 1
        end = self.text.find("\n", pos)
        line = self.text[self.para_starts[max(0, k)] : end if end >= 0 else len(self.text)].rstrip()
        return not line.endswith((".", "!", "?", "”", '"', ":", ")"))

    def organisation(self, pos: int, noun: str | None, pronoun: str | None = None) -> Speaker | None:
        """The organisation meant by "the department" or "it": the last one named (one whose name
        holds the noun first), or the current speaker when that is an organisation."""
        if pronoun is not None and self.turns and self.turns[-1].speaker.label == ORG:
            return self.turns[-1].speaker
        orgs = [m for m in self.index.inside(max(0, pos - PRONOUN_REACH), pos, (ORG,))
                if m.entity is not None and not self.quoted(m.start)]
        if pronoun is not None:  # "it said": the organisation last named as a subject, if one was
            orgs = [m for m in orgs if m.start in self.subjects] or orgs
        if noun:
            named = [m for m in orgs if noun in self.text[m.start : m.end].lower().split()]
            orgs = named or orgs
        if pronoun == "they" and not orgs:
            return None
        return self.entity_speaker(orgs[-1].entity) if orgs and orgs[-1].entity else None

    def role_holder(self, role: str, pos: int) -> Speaker | None:
        """The person whose roles hold the noun ("the mayor"), the one named last before pos."""
        holders = {e.id for e in self.index.entities if e.label == PERSON and any(
            role in r.lower().split() for r in e.roles)}
        best: MentionRecord | None = None
        for entity_id in holders:
            for m in self.index.of_entity(entity_id):
                if m.start < pos and (best is None or m.start > best.start):
                    best = m
        return self.entity_speaker(best.entity) if best is not None and best.entity else None

    # ------------------------------------------------------------ names

    def mention_at(self, span: tuple[int, int]) -> MentionRecord | None:
        found = [m for m in self.index.overlapping(span[0], span[1], (PERSON, ORG)) if m.entity is not None]
        if not found:
            return None
        return max(found, key=lambda m: (m.label == PERSON, m.end - m.start))

    def entity_speaker(self, entity_id: str | None) -> Speaker:
        entity = self.index.entity(entity_id)
        if entity is None:
            return Speaker(None, None)
        return Speaker(entity.id, entity.name, entity.label)

    def given_name(self, speaker: Speaker) -> Speaker:
        """A one-word name that is the given name of exactly one person named in full ("Jordan" for
        "Jordan Stewart") is that person."""
        if not speaker.name or " " in speaker.name.strip():
            return speaker
        word = speaker.name.strip()
        full = [e for e in self.index.entities if e.label == PERSON and e.id != speaker.entity
                and len(e.name.split()) >= 2 and e.name.split()[0] == word]
        if len(full) == 1:
            return Speaker(full[0].id, full[0].name, PERSON)
        return speaker

    def quoted(self, pos: int) -> bool:
        k = bisect_left(self.spoken, (pos + 1, pos + 1)) - 1
        return k >= 0 and self.spoken[k][0] <= pos < self.spoken[k][1]


def _clean_raw(phrase: str | None) -> str | None:
    """A speaker phrase as a name: no leading article, no sentence punctuation or quote mark after it
    (an abbreviation's own period, as in "Jr." or "Inc.", stays)."""
    if not phrase:
        return None
    phrase = re.sub(r"^(the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    phrase = phrase.rstrip(",;:!?\"“”‘’'» ")
    if phrase.endswith(".") and not re.search(r"(?:\b[A-Z][a-z]{0,2}|\b[A-Z])\.$", phrase):
        phrase = phrase.rstrip(".")
    return phrase.strip() or None
