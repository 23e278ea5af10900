"""Property: any sequence of valid operations leaves exact offsets and no dangling reference."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))

from corrections_helpers import TEXT, article  # noqa: E402

from reader.corrections import (  # noqa: E402
    ADD_LABELS,
    ENTITY_LABELS,
    KEEP,
    Add,
    Drop,
    Merge,
    Ref,
    Relabel,
    SetCharge,
    SetSpeaker,
    apply,
)
from reader.model import CHARGE_STATUSES, Article  # noqa: E402

BASE = article()
MENTIONS = [Ref(s.start, s.end, s.text) for s in BASE.spans]
QUOTES = st.sampled_from([Ref(q.start, q.end, q.text) for q in BASE.quotes])
CHARGES = st.sampled_from([Ref(c.start, c.end, c.text) for c in BASE.charges])


@st.composite
def stretches(draw: st.DrawFn) -> Ref:
    """A stretch of the text, usually a mention the analysis has, sometimes anything at all."""
    if draw(st.booleans()):
        return draw(st.sampled_from(MENTIONS))
    start = draw(st.integers(0, len(TEXT) - 1))
    end = draw(st.integers(start + 1, min(len(TEXT), start + 40)))
    shift = draw(st.integers(-3, 3))  # a hand-written file a little off
    return Ref(max(0, start + shift), max(0, start + shift) + end - start, TEXT[start:end])


operations = st.one_of(
    st.builds(Relabel, stretches(), st.sampled_from(ENTITY_LABELS)),
    st.builds(Drop, stretches()),
    st.builds(Merge, stretches(), stretches()),
    st.builds(SetSpeaker, QUOTES | stretches(), st.none() | stretches()),
    st.builds(SetCharge, CHARGES | stretches(), st.just(KEEP) | st.none() | stretches(),
              st.sampled_from([None, *CHARGE_STATUSES])),
    st.builds(Add, stretches(), st.sampled_from(ADD_LABELS)),
)


def check(art: Article) -> None:
    ids = {e.id for e in art.entities}
    assert len(ids) == len(art.entities)
    for item in [*art.spans, *art.quotes, *art.charges]:
        assert 0 <= item.start < item.end <= len(art.text)
        assert art.text[item.start:item.end] == item.text
    for span in art.spans:
        assert span.entity is None or span.entity in ids
    for entity in art.entities:
        assert all(0 <= a < b <= len(art.text) for a, b in entity.mentions)
    assert all(q.speaker is None or q.speaker in ids for q in art.quotes)
    assert all(c.subject is None or c.subject in ids for c in art.charges)
    assert all(e in ids for event in art.events for e in event.entities)
    for fact, label in [*((q, "QUOTE") for q in art.quotes), *((c, "CHARGE") for c in art.charges)]:
        assert any((s.start, s.end, s.label) == (fact.start, fact.end, label) for s in art.spans)


@settings(max_examples=300, deadline=None)
@given(st.lists(operations, max_size=8))
def test_random_operations_keep_every_offset_valid(ops: list[object]) -> None:
    fixed, report = apply(BASE, ops)  # type: ignore[arg-type]
    check(fixed)
    assert len(report.applied) + len(report.skipped) == len(ops)
    assert len(fixed.corrections) == len(report.applied)
    check(Article.loads(fixed.dumps()))
