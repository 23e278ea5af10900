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


def test_each_component_hands_its_findings_over_in_its_own_span_group() -> None:
    from reader.nlp.pipeline import load_nlp
    from reader.nlp.records import read_charges, read_dates, read_mentions, read_quotes

    nlp = load_nlp()
    text = ('Inspector Tove Barda said on March 3, 2021, that Lars Vinje was charged with wire fraud. '
            '"We have the ledgers," Barda said.')
    doc = nlp(text)
    found = {(text[a:b], label, strength) for a, b, label, strength in
             ((m.start, m.end, m.label, m.strength) for m in read_mentions(doc, 0))}
    assert any(surface == "Tove Barda" and label == "PERSON" for surface, label, _ in found)
    barda = [m for m in read_mentions(doc, 0) if text[m.start : m.end] == "Tove Barda"]
    assert any(m.role == "Inspector" or m.person_cue for m in barda)  # the title is carried on the span
    charges = list(doc.spans["reader_charges"])
    assert [s.text for s in charges] == ["wire fraud"]
    assert charges[0]._.charge_status == "charged"
    assert text[slice(*charges[0]._.charge_subject)] == "Lars Vinje"
    quotes = [s for s in doc.spans["reader_quotes"] if s.label_ == "QUOTE"]
    assert len(quotes) == 1 and quotes[0]._.quote_cue == "said"
    assert text[slice(*quotes[0]._.quote_speaker)] == "Barda"
    dates = list(doc.spans["reader_dates"])
    assert [s.text for s in dates] == ["March 3, 2021"]
    assert dates[0]._.date_clause[0] <= dates[0].start_char
    # read back with a chunk's offset: every range moves, nothing else changes
    assert read_charges(doc, 100)[0].start == charges[0].start_char + 100
    assert read_quotes(doc, 100)[0].speaker == (quotes[0]._.quote_speaker[0] + 100, quotes[0]._.quote_speaker[1] + 100)
    assert read_dates(doc, 100)[0].clause_start == dates[0]._.date_clause[0] + 100
    # no hand-off through user_data: only docutil's caches and spaCy's own extension values are there
    caches = {"reader_text", "reader_ents", "reader_sent_starts", "reader_token_mentions"}
    assert {k for k in doc.user_data if isinstance(k, str)} <= caches
    assert all(isinstance(k, str) or k[0] == "._." for k in doc.user_data)
