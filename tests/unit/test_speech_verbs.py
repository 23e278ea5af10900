"""The verbs of saying are package data, and a user's file extends them like the charge patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Settings
from reader.nlp.speech_verbs import load_speech_verbs, parse_speech_verbs


def test_rows_give_every_form_its_verb() -> None:
    forms = parse_speech_verbs('{"lemma": "point", "forms": ["point", "points", "pointed"], "kind": "speech", '
                               '"particle": "out"}\n# a comment\n\nharrumphed\n{broken\n')
    assert forms["points"].lemma == "point" and forms["points"].particle == "out"
    assert forms["harrumphed"].kind == "speech"
    assert "{broken" not in forms


def test_the_bundled_lexicon_knows_more_than_said() -> None:
    verbs = load_speech_verbs()
    for form in ("said", "quipped", "joked", "insisted", "retorted", "wrote"):
        assert verbs.get(form) is not None, form
    assert verbs.get("agreed") is not None and verbs.get("agreed").kind == "stance"  # type: ignore[union-attr]
    assert verbs.get("continued").kind == "cue"  # type: ignore[union-attr]


@pytest.mark.slow
def test_a_user_file_adds_verbs_and_changes_the_cache_key(nlp_analyse, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reader.nlp.pipeline import patterns_fingerprint

    text = '"The vote was rigged from the start," Ana Lima harrumphed.\n'
    assert [q.speaker_name for q in nlp_analyse(text).quotes] != ["Ana Lima"]
    extra = tmp_path / "verbs.jsonl"
    extra.write_text('{"lemma": "harrumph", "forms": ["harrumph", "harrumphs", "harrumphed"]}\n', encoding="utf-8")
    settings = Settings(speech_verbs=str(extra), cache=False)
    assert [q.speaker_name for q in nlp_analyse(text, settings=settings).quotes] == ["Ana Lima"]
    assert patterns_fingerprint(settings) != patterns_fingerprint(Settings())


@pytest.mark.slow
def test_an_unreadable_user_file_is_a_model_error(nlp_analyse) -> None:  # type: ignore[no-untyped-def]
    from reader.nlp.pipeline import ModelError

    with pytest.raises(ModelError, match="speech verbs file"):
        nlp_analyse("Text.", settings=Settings(speech_verbs="/nonexistent/verbs.jsonl"))
