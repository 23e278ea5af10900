"""apply(): each operation on a hand-made analysis, stale operations skipped, nothing mutated."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corrections_helpers import TEXT, article, at  # noqa: E402

from reader.corrections import KEEP, Add, Drop, Merge, Ref, Relabel, SetCharge, SetSpeaker, apply  # noqa: E402
from reader.model import Article  # noqa: E402


def ref(surface: str, nth: int = 0) -> Ref:
    a, b = at(surface, nth)
    return Ref(a, b, surface)


def spans_of(art: Article, entity_id: str) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in art.spans if s.entity == entity_id]


def test_relabel_changes_the_whole_entity_and_marks_it() -> None:
    original = article()
    before = copy.deepcopy(original)
    fixed, report = apply(original, [Relabel(ref("Reyes", 1), "ORG")])
    assert report.applied == (0,) and not report.skipped
    assert fixed.entity("e3").label == "ORG" and fixed.entity("e3").corrected
    assert spans_of(fixed, "e3") == [("ORG", "Dana Reyes"), ("ORG", "Reyes")]
    assert all(s.corrected for s in fixed.spans if s.entity == "e3")
    assert not any(s.corrected for s in fixed.spans if s.entity != "e3")
    assert original == before  # a new Article; the analysis (and the cache's copy) is untouched


def test_json_marks_touched_items_and_lists_the_operations() -> None:
    operation = Relabel(ref("Tamiflu"), "ORG")
    data = apply(article(), [operation])[0].to_json()
    assert data["corrections"] == [operation.to_json()]
    assert [e["id"] for e in data["entities"] if e.get("corrected")] == ["e4"]
    assert [s["text"] for s in data["spans"] if s.get("corrected")] == ["Tamiflu"]
    assert "corrections" not in article().to_json()
    assert Article.from_json(data).to_json() == data


def test_drop_removes_the_entity_and_every_reference_to_it() -> None:
    fixed, report = apply(article(), [Drop(ref("Commonly")), Drop(ref("Lena Park"))])
    assert report.applied == (0, 1)
    assert fixed.entity("e7") is None and fixed.entity("e1") is None
    assert not [s for s in fixed.spans if s.entity in ("e1", "e7")]
    quote, charge = fixed.quotes[0], fixed.charges[0]
    assert (quote.speaker, quote.speaker_name, quote.corrected) == (None, None, True)
    assert (charge.subject, charge.corrected) == (None, True)


def test_drop_a_charge_a_quote_and_a_date() -> None:
    fixed, _ = apply(article(), [Drop(ref("fraud")), Drop(ref("We turn people away every night,")),
                                 Drop(ref("March 3"))])
    assert not fixed.charges and not fixed.quotes and not fixed.events
    assert {s.label for s in fixed.spans} == {"PERSON", "ORG", "PLACE"}


def test_merge_joins_the_split_person() -> None:
    fixed, _ = apply(article(), [Merge(ref("Park", 1), ref("Lena Park"))])
    assert fixed.entity("e2") is None
    lena = fixed.entity("e1")
    assert lena.mentions == [at("Lena Park"), at("Park", 1)] and lena.aliases == ["Park"] and lena.corrected
    assert spans_of(fixed, "e1") == [("PERSON", "Lena Park"), ("PERSON", "Park")]
    assert fixed.events[0].entities == ["e1"]


def test_merge_takes_the_label_of_the_entity_merged_into() -> None:
    fixed, _ = apply(article(), [Merge(ref("Commonly"), ref("Harbour Clinic"))])
    assert spans_of(fixed, "e5") == [("ORG", "Harbour Clinic"), ("ORG", "Commonly")]


def test_speaker_changes_the_quote_and_can_clear_it() -> None:
    quote = ref("We turn people away every night,")
    fixed, _ = apply(article(), [SetSpeaker(quote, ref("Dana Reyes"))])
    assert (fixed.quotes[0].speaker, fixed.quotes[0].speaker_name, fixed.quotes[0].corrected) == \
        ("e3", "Dana Reyes", True)
    assert fixed.quotes[0].attribution == "corrected"  # the parse's mechanism no longer explains it
    assert [s.corrected for s in fixed.spans if s.label == "QUOTE"] == [True]
    cleared, _ = apply(article(), [SetSpeaker(quote, None)])
    assert (cleared.quotes[0].speaker, cleared.quotes[0].speaker_name, cleared.quotes[0].attribution) == \
        (None, None, None)


def test_charge_changes_person_and_status_separately() -> None:
    fraud = ref("fraud")
    fixed, _ = apply(article(), [SetCharge(fraud, subject=ref("Reyes", 1))])
    assert (fixed.charges[0].subject, fixed.charges[0].status) == ("e3", "prior")
    fixed, _ = apply(fixed, [SetCharge(fraud, KEEP, "charged")])
    assert (fixed.charges[0].subject, fixed.charges[0].status, fixed.charges[0].corrected) == ("e3", "charged", True)


def test_add_creates_an_entity_and_replaces_what_it_overlaps() -> None:
    fixed, _ = apply(article(), [Add(ref("Acme Corp."), "ORG"), Add(ref("Harbour Clinic in Halifax"), "PLACE")])
    added = [e for e in fixed.entities if e.corrected]
    assert [(e.id, e.label, e.name) for e in added] == [("c1", "ORG", "Acme Corp."),
                                                         ("c2", "PLACE", "Harbour Clinic in Halifax")]
    assert fixed.entity("e5") is None and fixed.entity("e6") is None  # their only mentions were covered
    a, b = at("Acme Corp.")
    assert any((s.start, s.end, s.label, s.entity, s.corrected) == (a, b, "ORG", "c1", True) for s in fixed.spans)


def test_add_a_charge_and_a_quote() -> None:
    fixed, _ = apply(article(), [Add(ref("Tamiflu ran out"), "QUOTE"), Add(ref("charged with fraud"), "CHARGE")])
    assert [c.text for c in fixed.charges] == ["charged with fraud"]  # it replaced the charge inside it
    assert [q.text for q in fixed.quotes][-1] == "Tamiflu ran out"


def test_a_stale_operation_is_skipped_with_a_message_and_the_rest_applied() -> None:
    a, b = at("Halifax")
    stale = Relabel(Ref(a, b, "Hamburg"), "ORG")
    fixed, report = apply(article(), [stale, Drop(ref("Commonly"))])
    assert report.applied == (1,)
    assert report.messages == [f'correction 1 (relabel "Hamburg" at {a}-{b} as ORG) skipped: '
                               f'no name, place or date "Hamburg" at {a}-{b} in this analysis']
    assert fixed.entity("e6").label == "PLACE" and fixed.entity("e7") is None
    assert fixed.corrections == [Drop(ref("Commonly")).to_json()]


def test_offsets_a_little_off_find_the_overlapping_mention_with_the_same_text() -> None:
    a, b = at("Halifax")
    fixed, report = apply(article(), [Relabel(Ref(a + 2, b + 2, "Halifax"), "ORG")])
    assert report.applied == (0,) and fixed.entity("e6").label == "ORG"


def test_a_mention_drawn_with_other_text_is_never_used() -> None:
    a, b = at("Harbour Clinic")  # the analysis has "Harbour Clinic"; the correction names "Clinic" only
    clinic = Ref(a + len("Harbour "), b, "Clinic")
    fixed, report = apply(article(), [Relabel(clinic, "PLACE"), Drop(clinic), Merge(clinic, ref("Halifax"))])
    assert report.applied == () and len(report.skipped) == 3
    assert fixed.entity("e5").label == "ORG"


def test_operations_see_the_result_of_the_ones_before() -> None:
    fixed, report = apply(article(), [Drop(ref("Tamiflu")), Relabel(ref("Tamiflu"), "ORG")])
    assert report.applied == (0,) and [s.index for s in report.skipped] == [1]
    assert fixed.entity("e4") is None


def test_every_text_offset_stays_exact() -> None:
    ops = [Merge(ref("Park", 1), ref("Lena Park")), Add(ref("Acme Corp."), "ORG"), Relabel(ref("Tamiflu"), "ORG")]
    fixed, _ = apply(article(), ops)
    assert all(TEXT[s.start:s.end] == s.text for s in fixed.spans)
