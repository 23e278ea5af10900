"""Quote-mark pairing: every style, odd counts, apostrophes, quotes glued to the previous word."""

from __future__ import annotations

import pytest

from reader.nlp.quotes import find_quoted


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will go" and left.', ["we will go"]),
        ("“Curly,” she said. “Second part.”", ["Curly,", "Second part."]),
        ("«Bonjour», dit-il.", ["Bonjour"]),
        ("He called it ‘a farce’ twice.", ["a farce"]),
        ("It’s the officers’ view, O’Brien said.", []),
        ("Jim Kenney“However, we act,” he said.", ["However, we act,"]),
        ('An odd "count here', ["count here"]),
        ("“Unclosed start “then closed.”", ["Unclosed start ", "then closed."]),
        ("", []),
        ("“”", []),
        ('" We won," she said.', [" We won,"]),
        ("The class of ‘98 met again, and the ’19 season was long.", []),
    ],
)
def test_pairs(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_paragraph_ends_an_unclosed_quote() -> None:
    text = "“First paragraph of a long quote.\n\n“Second paragraph ends it.”"
    assert quoted(text) == ["First paragraph of a long quote.", "Second paragraph ends it."]
    assert find_quoted(text)[0].close_mark == ""


def test_seed_has_nine_quoted_passages(seed_text: str) -> None:
    found = quoted(seed_text)
    assert len(found) == 9
    assert found[0] == "hold"
    assert found[5].startswith("However, one of our best resources")
    assert found[7] == "community cooperation."
