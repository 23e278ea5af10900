"""The lazy soft-wrap index: rows fit the width, cover the text, and cost only what is asked."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.ui.wrap import WrapIndex


def all_rows(text: str, width: int) -> list[tuple[int, int]]:
    index = WrapIndex(text, width)
    index.ensure_rows(10**9)
    return [index.row(i) for i in range(index.rows_done)]


def test_breaks_at_spaces_and_keeps_paragraphs():
    text = "Hello world this is a test.\n\nSecond paragraph here."
    rows = [text[a:b] for a, b in all_rows(text, 12)]
    assert rows == ["Hello world", "this is a", "test.", "", "Second", "paragraph", "here."]


def test_a_word_longer_than_the_width_is_cut():
    rows = [("x" * 25)[a:b] for a, b in all_rows("x" * 25, 10)]
    assert rows == ["x" * 10, "x" * 10, "x" * 5]


def test_wide_characters_count_as_two_cells():
    text = "漢字" * 10
    for a, b in all_rows(text, 7):
        assert cell_len(text[a:b]) <= 7


def test_first_screen_does_not_wrap_the_whole_book():
    text = ("word " * 200 + "\n\n") * 500
    index = WrapIndex(text, 80)
    index.ensure_rows(40)
    assert index.rows_done == 40 and not index.complete
    estimate = index.estimated_rows()
    index.ensure_rows(10**9)
    assert abs(estimate - index.rows_done) / index.rows_done < 0.1


def test_row_of_finds_the_row_holding_an_offset():
    text = "aaa bbb ccc ddd eee"
    index = WrapIndex(text, 8)
    assert index.row(index.row_of(text.index("ddd"))) == (8, 15)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300),
       st.integers(min_value=1, max_value=40))
def test_rows_are_in_order_fit_and_lose_only_break_whitespace(text, width):
    rows = all_rows(text, width)
    previous_end = 0
    for a, b in rows:
        assert previous_end <= a <= b <= len(text)
        # whatever lies between rows is the newline or the space the break consumed
        assert len(text[previous_end:a]) <= 1 and text[previous_end:a] in ("", " ", "\n")
        cells = sum(1 if ch.isascii() else max(1, cell_len(ch)) for ch in text[a:b])
        assert cells <= width or b - a == 1  # one wide character on a 1-cell line cannot be split
        previous_end = b
    assert len(text) - previous_end <= 1
