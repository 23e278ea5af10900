"""The correction menus as data: what each highlight offers and which operation a choice makes."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corrections_helpers import article, at  # noqa: E402

from reader.corrections import KEEP, Drop, Merge, Ref, Relabel, SetCharge, SetSpeaker, apply  # noqa: E402
from reader.ui.screens.correct import (  # noqa: E402
    NOBODY,
    entity_choices,
    follow_up,
    menu_for,
    operation_for,
)


def span(surface: str, label: str, nth: int = 0):  # type: ignore[no-untyped-def]
    a, b = at(surface, nth)
    return next(s for s in article().spans if (s.start, s.end, s.label) == (a, b, label))


def test_each_kind_of_highlight_gets_its_own_menu() -> None:
    assert [c.id for c in menu_for(span("Tamiflu", "PERSON"))] == ["label:ORG", "label:PLACE", "drop", "merge"]
    assert [c.id for c in menu_for(span("March 3", "DATE"))] == ["label:PERSON", "label:ORG", "label:PLACE", "drop"]
    assert [c.id for c in menu_for(span("fraud", "CHARGE"))] == ["subject", "status", "drop"]
    quote = menu_for(span("We turn people away every night,", "QUOTE"))
    assert [c.id for c in quote] == ["speaker", "drop"]


def test_the_merge_list_leaves_out_the_entity_itself_and_a_speaker_may_be_nobody() -> None:
    tamiflu = span("Tamiflu", "PERSON")
    merge = follow_up(article(), tamiflu, "merge")
    assert merge is not None and "e4" not in [c.id for c in merge[1]] and merge[2]
    speaker = follow_up(article(), span("We turn people away every night,", "QUOTE"), "speaker")
    assert speaker is not None and speaker[1][0].id == NOBODY
    assert [c.id for c in entity_choices(article())][:2] == ["e7", "e3"]  # by name: Commonly, Dana Reyes


def test_choices_become_operations_that_apply() -> None:
    art = article()
    tamiflu, fraud = span("Tamiflu", "PERSON"), span("fraud", "CHARGE")
    quote = span("We turn people away every night,", "QUOTE")
    ops = [operation_for(art, tamiflu, "label:ORG"), operation_for(art, span("Park", "PERSON", 1), "merge", "e1"),
           operation_for(art, quote, "speaker", "e3"), operation_for(art, fraud, "status", "convicted"),
           operation_for(art, fraud, "subject", NOBODY), operation_for(art, span("Halifax", "PLACE"), "drop")]
    assert ops[0] == Relabel(Ref(tamiflu.start, tamiflu.end, "Tamiflu"), "ORG")
    assert isinstance(ops[1], Merge) and ops[1].into == Ref(*at("Lena Park"), "Lena Park")
    assert isinstance(ops[2], SetSpeaker) and ops[2].speaker == Ref(*at("Dana Reyes"), "Dana Reyes")
    assert ops[3] == SetCharge(Ref(fraud.start, fraud.end, "fraud"), KEEP, "convicted")
    assert ops[4] == SetCharge(Ref(fraud.start, fraud.end, "fraud"), None, KEEP)
    assert isinstance(ops[5], Drop)
    fixed, report = apply(art, ops)
    assert report.applied == tuple(range(6))
    assert (fixed.charges[0].subject, fixed.charges[0].status) == (None, "convicted")
