"""Long texts: chunking at paragraph breaks, progressive analysis, consolidation across chunks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.config import Settings
from reader.nlp.chunks import split_chunks

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_articles"


def test_short_text_is_one_chunk() -> None:
    assert split_chunks("One paragraph.\n\nTwo.", 1000) == [(0, 20)]
    assert split_chunks("", 1000) == []


def test_chunks_end_at_paragraph_breaks() -> None:
    paras = [f"Paragraph {i} says something short." for i in range(10)]
    text = "\n\n".join(paras)
    chunks = split_chunks(text, 80)
    for _, end in chunks[:-1]:
        assert text[end - 2 : end] == "\n\n"


def test_long_paragraph_is_cut_after_a_sentence_else_at_whitespace() -> None:
    text = "First sentence here. Second sentence here. Third one."
    chunks = split_chunks(text, 25)
    assert text[chunks[0][0] : chunks[0][1]] == "First sentence here. "
    words = "word " * 30
    for a, b in split_chunks(words, 12):
        assert b - a <= 12
        assert words[a:b].endswith(" ") or b == len(words)


def test_no_whitespace_at_all_is_cut_hard() -> None:
    text = "x" * 50
    assert split_chunks(text, 20) == [(0, 20), (20, 40), (40, 50)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=300), st.integers(min_value=1, max_value=60))
def test_chunks_cover_the_text_in_order_within_the_limit(text: str, limit: int) -> None:
    chunks = split_chunks(text, limit)
    assert "".join(text[a:b] for a, b in chunks) == text
    pos = 0
    for a, b in chunks:
        assert a == pos and 0 < b - a <= limit
        pos = b


def long_article() -> str:
    """A person named in full in the first paragraph, then the bundled press releases, then the surname."""
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("doj_*.txt")))
    assert len(body) > 15_000, "the sample articles are part of the repository"
    return ("Prosecutors said Winston Enrique Perez Pilarte, 41, was arrested in Philadelphia.\n\n" + body
            + "\n\nLater that year Perez Pilarte was released. \"He will be found,\" Tom Decker said.\n")


@pytest.mark.slow
def test_person_named_in_chunk_one_is_the_surname_in_the_last_chunk(nlp_analyse) -> None:
    text = long_article()
    settings = Settings(chunk_chars=2000)
    assert len(split_chunks(text, 2000)) >= 9
    article = nlp_analyse(text, settings=settings)
    person = next(e for e in article.entities if e.name == "Winston Enrique Perez Pilarte")
    last = text.rindex("Perez Pilarte was released")
    assert (last, last + len("Perez Pilarte")) in person.mentions
    for span in article.spans:
        assert text[span.start : span.end] == span.text
    assert article.quotes[-1].speaker_name == "Tom Decker"


@pytest.mark.slow
def test_progressive_analysis_ends_with_the_same_article(nlp_analyse) -> None:
    from reader.nlp.pipeline import analyse_progressive

    text = long_article()
    settings = Settings(chunk_chars=3000)
    steps = list(analyse_progressive(text, settings=settings))
    fractions = [f for f, _ in steps]
    assert len(steps) == len(split_chunks(text, 3000))
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(a.text == text for _, a in steps)
    assert len(steps[0][1].spans) < len(steps[-1][1].spans)
    assert steps[-1][1].to_json() == nlp_analyse(text, settings=settings).to_json()
