"""The document-level speaker model on hand-built mentions: no spaCy, one behaviour per test."""

from __future__ import annotations

from reader.nlp.candidates import QuoteCand, SpeechCand
from reader.nlp.resolve.gender import learn_genders
from reader.nlp.resolve.mentions import EntityRecord, MentionIndex, MentionRecord
from reader.nlp.resolve.speakers import resolve_speakers


def build(text: str, people: dict[str, str], orgs: dict[str, str] | None = None,
          roles: dict[str, tuple[str, ...]] | None = None) -> MentionIndex:
    """Every occurrence of each surface in `people`/`orgs` (surface -> entity id) as a mention."""
    orgs, roles = orgs or {}, roles or {}
    mentions: list[MentionRecord] = []
    entities: list[EntityRecord] = []
    names: dict[str, tuple[str, str]] = {}
    for label, table in (("PERSON", people), ("ORG", orgs)):
        for surface, entity in table.items():
            names.setdefault(entity, (label, surface))
            if len(surface) > len(names[entity][1]):
                names[entity] = (label, surface)
            start = text.find(surface)
            while start >= 0:
                mentions.append(MentionRecord(start, start + len(surface), label, entity))
                start = text.find(surface, start + 1)
    for entity, (label, name) in names.items():
        entities.append(EntityRecord(entity, label, name, roles=roles.get(entity, ())))
    return MentionIndex.build(mentions, entities)


def quote(text: str, words: str, **fields: object) -> QuoteCand:
    start = text.index(words)
    return QuoteCand(start, start + len(words), text.rfind("\n", 0, start) + 1, **fields)  # type: ignore[arg-type]


def at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def said(text: str, verb: str, who: str, **fields: object) -> SpeechCand:
    start = text.index(verb)
    return SpeechCand(start, start + len(verb), text.rfind("\n", 0, start) + 1, cue=verb, speaker=at(text, who),
                      speaker_text=who, speaker_name=at(text, who), attribution="reported_speech",
                      **fields)  # type: ignore[arg-type]


def names(text: str, quotes: list[QuoteCand], speech: list[SpeechCand], index: MentionIndex,
          subjects: tuple[int, ...] = ()) -> list[tuple[str | None, str | None]]:
    found = resolve_speakers(text, quotes, speech, index, subjects)
    return [(a.speaker.name if a.speaker else None, a.how) for a in found]


def test_a_bare_quote_takes_the_speaker_reported_speech_just_introduced() -> None:
    text = ('"The roof leaks," said Tom Hale.\n\nNina Ruiz, who runs the shelter, says the beds are full.\n\n'
            '"We send people away every night."')
    index = build(text, {"Tom Hale": "e1", "Nina Ruiz": "e2"})
    hale = at(text, "Tom Hale")
    quotes = [quote(text, "The roof leaks,", cue="said", speaker=hale, speaker_name=hale, speaker_text="Tom Hale",
                    attribution="cue"),
              quote(text, "We send people away every night.", follow_on=True)]
    speech = [said(text, "says", "Nina Ruiz")]
    assert names(text, quotes, speech, index) == [("Tom Hale", "cue"), ("Nina Ruiz", "reported_speech")]


def test_a_bare_quote_after_a_quote_continues_its_speaker() -> None:
    text = '"The roof leaks," said Tom Hale.\n\n"It has leaked for years."'
    index = build(text, {"Tom Hale": "e1"})
    quotes = [quote(text, "The roof leaks,", speaker=at(text, "Tom Hale"), speaker_name=at(text, "Tom Hale"),
                    speaker_text="Tom Hale"),
              quote(text, "It has leaked for years.", follow_on=True)]
    assert names(text, quotes, [], index)[1] == ("Tom Hale", "continuation")


def test_a_bare_quote_far_from_any_speaker_has_none() -> None:
    text = '"The roof leaks," said Tom Hale.\n\nA.\n\nB.\n\nC.\n\n"Nobody knows who says this."'
    index = build(text, {"Tom Hale": "e1"})
    quotes = [quote(text, "The roof leaks,", speaker=at(text, "Tom Hale"), speaker_name=at(text, "Tom Hale")),
              quote(text, "Nobody knows who says this.", follow_on=True)]
    assert names(text, quotes, [], index)[1] == (None, None)


def test_she_skips_the_last_man_named_for_the_woman_before_him() -> None:
    text = ("Nina Ruiz runs the shelter; she opened it in 2009. Tom Hale, the mayor, visited on Monday and "
            'he praised it.\n\n"We send people away every night," she says.')
    index = build(text, {"Nina Ruiz": "e1", "Tom Hale": "e2"})
    subjects = (text.index("Nina Ruiz"), text.index("Tom Hale"))
    pronoun = text.rindex("she")
    quotes = [quote(text, "We send people away every night,", cue="says", speaker=(pronoun, pronoun + 3),
                    pronoun="she", attribution="cue")]
    assert learn_genders(text, index) == {"e1": "female", "e2": "male"}
    assert names(text, quotes, [], index, subjects) == [("Nina Ruiz", "pronoun")]


def test_a_title_tells_the_gender() -> None:
    text = "Mrs. Okafor and Mr. Lund spoke."
    index = build(text, {"Okafor": "e1", "Lund": "e2"})
    assert learn_genders(text, index) == {"e1": "female", "e2": "male"}


def test_the_mayor_is_the_person_who_holds_that_role() -> None:
    text = 'Mayor Ann Fisher opened the bridge. Tom Hale watched.\n\n"It is a great day," the mayor told reporters.'
    index = build(text, {"Ann Fisher": "e1", "Tom Hale": "e2"}, roles={"e1": ("Mayor",)})
    quotes = [quote(text, "It is a great day,", cue="told", speaker=at(text, "mayor"), role="mayor",
                    attribution="cue")]
    assert names(text, quotes, [], index) == [("Ann Fisher", "nominal")]


def test_a_role_nobody_holds_keeps_the_phrase() -> None:
    text = '"It is a great day," the owner said.'
    index = build(text, {})
    quotes = [quote(text, "It is a great day,", cue="said", speaker=at(text, "owner"), role="owner")]
    assert names(text, quotes, [], index) == [("owner", "nominal")]


def test_the_department_is_the_organisation_of_that_name() -> None:
    text = ('The Department of Transport and Acme Corp. met.\n\n'
            '"Safety comes first," the department said.')
    index = build(text, {}, {"Department of Transport": "e1", "Acme Corp.": "e2"})
    quotes = [quote(text, "Safety comes first,", cue="said", speaker=at(text, "department"), org_noun=True,
                    role="department")]
    assert names(text, quotes, [], index) == [("Department of Transport", "nominal")]


def test_it_is_the_organisation_named_as_a_subject() -> None:
    text = 'Acme Corp. declined to answer the Herald Tribune.\n\n"We do not comment," it said.'
    index = build(text, {}, {"Acme Corp.": "e1", "Herald Tribune": "e2"})
    pronoun = text.rindex("it said")
    quotes = [quote(text, "We do not comment,", cue="said", speaker=(pronoun, pronoun + 2), pronoun="it")]
    assert names(text, quotes, [], index, (text.index("Acme"),)) == [("Acme Corp.", "pronoun")]


def test_a_given_name_alone_is_the_one_person_with_that_given_name() -> None:
    text = 'Jordan Lee coaches the team.\n\n"We lost," Jordan said.'
    index = build(text, {"Jordan Lee": "e1"})
    spot = text.rindex("Jordan")
    quotes = [quote(text, "We lost,", cue="said", speaker=(spot, spot + 6), speaker_name=(spot, spot + 6),
                    speaker_text="Jordan")]
    assert names(text, quotes, [], index) == [("Jordan Lee", "cue")]
