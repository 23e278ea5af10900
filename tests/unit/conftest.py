"""Fixtures for the NLP unit tests: the real pipeline, loaded once per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.model import Article

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sample_articles" / "seed_philly_detainer.txt"  # in the repository: tests are hermetic


@pytest.fixture(scope="session")
def nlp_analyse() -> Callable[..., Article]:
    """`analyse(text, **kw)` with the model loaded once for the whole session."""
    from reader.nlp.pipeline import analyse, load_nlp

    load_nlp()
    return analyse


@pytest.fixture(scope="session")
def nlp_seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp_seed(nlp_analyse: Callable[..., Article], nlp_seed_text: str) -> Article:
    return nlp_analyse(nlp_seed_text)
