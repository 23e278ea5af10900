"""The reader pipeline is a real spaCy pipeline: saved with `to_disk`, loaded with `spacy.load` in a
fresh process through the `spacy_factories` entry points."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.nlp.components import FACTORIES

pytestmark = pytest.mark.slow

LOAD_IN_FRESH_PROCESS = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
doc = nlp("Inspector Kari Dahl of the Coastal Relief Agency cited the Safe Harbour Act on Tuesday.")
print(json.dumps({"pipe": nlp.pipe_names, "reader_imported": "reader.nlp.components" in sys.modules,
                  "mentions": [[s.text, s.label_] for s in doc.spans["reader_mentions"]],
                  "dates": [s.text for s in doc.spans["reader_dates"]]}))
"""


def test_pipeline_saves_and_loads_in_a_fresh_process(tmp_path: Path) -> None:
    from reader.nlp.pipeline import load_nlp

    nlp = load_nlp()
    assert all(name in nlp.pipe_names for name in FACTORIES)
    nlp.to_disk(tmp_path / "pipeline")
    config = (tmp_path / "pipeline" / "config.cfg").read_text(encoding="utf-8")
    assert 'factory = "reader_entities"' in config
    out = subprocess.run([sys.executable, "-c", LOAD_IN_FRESH_PROCESS, str(tmp_path / "pipeline")],
                         capture_output=True, text=True, timeout=300, check=True)
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded["pipe"] == nlp.pipe_names
    assert loaded["reader_imported"]  # found through the entry points, not imported by the script
    assert ["Kari Dahl", "PERSON"] in loaded["mentions"]
    assert ["Coastal Relief Agency", "ORG"] in loaded["mentions"]
    assert ["Safe Harbour Act", "LAW"] in loaded["mentions"]
    assert loaded["dates"] == ["Tuesday"]
