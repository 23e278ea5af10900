"""Document-level entity resolution over hand-built mentions (no model)."""

from __future__ import annotations

import copy

from reader.nlp.candidates import CUE, GAZETTEER, MODEL, Link, Mention
from reader.nlp.resolve.entities import cluster, consolidate, gender_of


def _m(text: str, surface: str, label: str, strength: int = MODEL, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), label, strength)


TEXT = "Lena Park runs Harbor Freight Services (HFS). Lena said HFS grew. Park agreed."


def test_surname_first_name_and_acronym_cluster() -> None:
    mentions = [_m(TEXT, "Lena Park", "PERSON"), _m(TEXT, "Harbor Freight Services", "ORG", CUE),
                _m(TEXT, "HFS", "ORG", GAZETTEER), _m(TEXT, "Lena", "PERSON", nth=1),
                _m(TEXT, "HFS", "ORG", nth=1), _m(TEXT, "Park", "PERSON", nth=1)]
    clusters, index = cluster(TEXT, mentions, [Link("HFS", "Harbor Freight Services", "acronym")])
    assert [(c.label, c.name) for c in clusters] == [("PERSON", "Lena Park"), ("ORG", "Harbor Freight Services")]
    assert sorted(clusters[0].surfaces) == ["Lena", "Lena Park", "Park"]
    assert len(clusters[1].mentions) == 3
    assert {index[(m.start, m.end)] for m in mentions if m.label == "PERSON"} == {0}


def test_one_label_per_name_and_inputs_unchanged() -> None:
    text = "Ivo Marek spoke. Marek left. Later Marek returned."
    mentions = [_m(text, "Ivo Marek", "PERSON"), _m(text, "Marek", "ORG", nth=1), _m(text, "Marek", "PLACE", nth=2)]
    before = copy.deepcopy(mentions)
    out, clusters, _ = consolidate(text, mentions, [], set(), [])
    assert [(text[m.start : m.end], m.label) for m in out] == [
        ("Ivo Marek", "PERSON"), ("Marek", "PERSON"), ("Marek", "PERSON")]
    assert len(clusters) == 1
    assert mentions == before  # the vote worked on copies


def test_a_blocked_range_and_a_non_entity_surface_are_dropped() -> None:
    text = "The Quill Act binds Quill Bank. DME rules apply."
    mentions = [_m(text, "Quill Act", "ORG"), _m(text, "Quill Bank", "ORG", CUE), _m(text, "DME", "ORG")]
    act = text.index("Quill Act")
    out, _, _ = consolidate(text, mentions, [], {"DME"}, [(act, act + len("Quill Act"))])
    assert [text[m.start : m.end] for m in out] == ["Quill Bank"]


def test_gender_from_own_titles_else_given_name() -> None:
    assert gender_of(["Mrs."], "Ann Vik") == "female"
    assert gender_of(["spokesman"], "Ann Vik") == "male"  # the text's own word wins over the name
    assert gender_of([], "Harriet Quimby") == "female"
    assert gender_of([], "Quimby") is None
    assert gender_of(["Mr.", "Mrs."], "Ann Vik") is None


def test_a_capitalised_word_the_text_also_writes_in_lower_case_is_no_name() -> None:
    text = "Nexus was his term. A nexus binds words. Ivo Marek wrote it; Marek said marek is rare."
    mentions = [_m(text, "Nexus", "ORG"), _m(text, "Ivo Marek", "PERSON"), _m(text, "Marek", "ORG", nth=1)]
    out, _, _ = consolidate(text, mentions, [], set(), [])
    assert [(text[m.start : m.end], m.label) for m in out] == [("Ivo Marek", "PERSON"), ("Marek", "PERSON")]


def test_the_mentions_of_a_name_vote_one_label() -> None:
    text = "Tarnow sued. Tarnow appealed. Tarnow Group's lawyers said Tarnow would win."
    mentions = [_m(text, "Tarnow", "PERSON"), _m(text, "Tarnow", "ORG", nth=1), _m(text, "Tarnow", "ORG", nth=3)]
    out, clusters, _ = consolidate(text, mentions, [], set(), [])
    assert {m.label for m in out if text[m.start : m.end] == "Tarnow"} == {"ORG"}
    assert [c.label for c in clusters] == ["ORG"]


def test_a_cue_outweighs_the_models_guesses() -> None:
    text = "Judge Orla Quist ruled. Quist left. Quist returned. Quist spoke."
    mentions = [_m(text, "Orla Quist", "PERSON", CUE), _m(text, "Quist", "ORG", nth=1),
                _m(text, "Quist", "ORG", nth=2), _m(text, "Quist", "PERSON", CUE, nth=3)]
    out, _, _ = consolidate(text, mentions, [], set(), [])
    assert {m.label for m in out} == {"PERSON"}
