"""The entity component's span group is the corrected mention channel later components read."""

from __future__ import annotations

import pytest

from reader.nlp.docutil import MENTIONS_GROUP, mention_label

pytestmark = pytest.mark.slow


def test_mentions_group_is_corrected_and_non_overlapping() -> None:
    from reader.nlp.pipeline import load_nlp

    nlp = load_nlp()
    doc = nlp("Chief Inspector Maren Olsvik of the Harbour Police said the Fair Trading Act (FTA) applies.")
    group = list(doc.spans[MENTIONS_GROUP])
    labels = {s.text: s.label_ for s in group}
    assert labels.get("Maren Olsvik") == "PERSON"  # the title is a role, not part of the name
    assert labels.get("Harbour Police") == "ORG"
    assert labels.get("Fair Trading Act") == "LAW"
    assert labels.get("FTA") == "LAW"
    ends = [(s.start, s.end) for s in sorted(group, key=lambda s: s.start)]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))
    token = next(t for t in doc if t.text == "Olsvik")
    assert mention_label(token) == "PERSON"
    assert mention_label(next(t for t in doc if t.text == "applies")) == ""
