"""The charge resolver over a hand-built mention index: who is charged, without a model."""

from __future__ import annotations

from reader.nlp.candidates import ChargeCand
from reader.nlp.resolve.charges import resolve_charges
from reader.nlp.resolve.mentions import EntityRecord, MentionIndex, MentionRecord


def index_for(text: str, people: dict[str, tuple[str, ...]]) -> MentionIndex:
    """Every occurrence of each name (and its last word) as a PERSON mention of one entity."""
    mentions = []
    entities = []
    for k, (name, roles) in enumerate(people.items(), start=1):
        eid = f"e{k}"
        entities.append(EntityRecord(eid, "PERSON", name, roles=roles))
        for surface in dict.fromkeys((name, name.split()[-1])):
            start = text.find(surface)
            while start >= 0:
                if not any(m.start <= start < m.end for m in mentions):
                    mentions.append(MentionRecord(start, start + len(surface), "PERSON", eid))
                start = text.find(surface, start + 1)
    return MentionIndex.build(mentions, entities)


def cand(text: str, offence: str, nth: int = 0, **kw: object) -> ChargeCand:
    start = -1
    for _ in range(nth + 1):
        start = text.index(offence, start + 1)
    sentence = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    subject = kw.pop("subject", None)
    if isinstance(subject, str):
        s = text.index(subject)
        kw["subject"] = (s, s + len(subject))
    return ChargeCand(start, start + len(offence), sent_start=sentence, **kw)  # type: ignore[arg-type]


def names(text: str, charges: list[ChargeCand], index: MentionIndex) -> list[str | None]:
    out = []
    for c in resolve_charges(text, charges, index):
        ent = index.entity(c.subject)
        out.append(ent.name if ent else None)
    return out


def test_the_clause_subject_is_charged_not_the_judge() -> None:
    text = "Dana Cole pleaded guilty before U.S. District Judge Ann Marsh to tax evasion."
    index = index_for(text, {"Dana Cole": (), "Ann Marsh": ("U.S. District Judge",)})
    charges = [cand(text, "tax evasion", status="pleaded_guilty", subject="Dana Cole", cue=True)]
    assert names(text, charges, index) == ["Dana Cole"]


def test_a_fallback_never_picks_an_official() -> None:
    text = "Judge Ann Marsh said the plea to tax evasion was accepted."
    index = index_for(text, {"Ann Marsh": ("Judge",)})
    charges = [cand(text, "tax evasion", status="pleaded_guilty", cue=True)]
    assert names(text, charges, index) == [None]


def test_a_described_defendant_is_the_next_person_named_not_the_announcer() -> None:
    text = ("A former nurse pleaded guilty today to health care fraud, U.S. Attorney Lee Park announced. "
            "Rosa Vega, 41, admitted billing for visits that never happened.")
    index = index_for(text, {"Lee Park": (), "Rosa Vega": ()})
    charges = [cand(text, "health care fraud", status="pleaded_guilty", subject="former nurse", nominal=True,
                    cue=True)]
    assert names(text, charges, index) == ["Rosa Vega"]


def test_a_pronoun_takes_the_person_named_before_it() -> None:
    text = "Omar Hale was arrested on Monday. He was charged with arson."
    index = index_for(text, {"Omar Hale": ()})
    charges = [cand(text, "arson", status="charged", subject="He", pronoun=True, cue=True)]
    assert names(text, charges, index) == ["Omar Hale"]


def test_the_headline_takes_the_first_defendant_and_a_penalty_the_tied_person() -> None:
    text = ("Contractor Sentenced for Bribery\n\nIvan Petrov was sentenced today for bribery. "
            "Bribery carries a maximum penalty of 15 years.")
    index = index_for(text, {"Ivan Petrov": ()})
    charges = [
        cand(text, "Bribery", status="sentenced", subject="Contractor", nominal=True, cue=True, title=True,
             head="bribery"),
        cand(text, "bribery", status="sentenced", subject="Ivan Petrov", cue=True, head="bribery"),
        cand(text, "Bribery", nth=1, cue=True, penalty=True, head="bribery"),
    ]
    assert names(text, charges, index) == ["Ivan Petrov", "Ivan Petrov", "Ivan Petrov"]


def test_an_offence_named_in_general_keeps_no_subject() -> None:
    text = ("Ivan Petrov was convicted of kidnapping. The unit tracks fugitives wanted for crimes such as "
            "kidnapping and murder.")
    index = index_for(text, {"Ivan Petrov": ()})
    charges = [
        cand(text, "kidnapping", status="convicted", subject="Ivan Petrov", cue=True, head="kidnapping"),
        cand(text, "kidnapping", nth=1, head="kidnapping"),
        cand(text, "murder", head="murder"),
    ]
    assert names(text, charges, index) == ["Ivan Petrov", None, None]


def test_a_later_mention_of_the_same_offence_takes_its_person() -> None:
    text = "Ada Moss was charged with wire fraud. The wire fraud count alone could bring 20 years."
    index = index_for(text, {"Ada Moss": ()})
    charges = [cand(text, "wire fraud", status="charged", subject="Ada Moss", cue=True, head="fraud"),
               cand(text, "wire fraud", nth=1, head="fraud")]
    assert names(text, charges, index) == ["Ada Moss", "Ada Moss"]


def test_the_items_of_a_list_share_the_first_items_person() -> None:
    text = "Ada Moss was arrested for burglary, theft and resisting arrest."
    index = index_for(text, {"Ada Moss": ()})
    charges = [cand(text, "burglary", status="arrested", subject="Ada Moss", cue=True),
               cand(text, "theft", status="arrested", cue=True),
               cand(text, "resisting arrest", status="arrested", cue=True)]
    assert names(text, charges, index) == ["Ada Moss", "Ada Moss", "Ada Moss"]
