"""The core never imports Textual; the UI never imports spaCy; --help and --version import neither."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CORE_MODULES = ["reader.model", "reader.sources", "reader.config", "reader.layers", "reader.analysis",
                "reader.nlp.pipeline", "reader.nlp.quotes", "reader.export", "reader.export.render",
                "reader.export.files", "reader.corrections"]


def loaded_after(code: str) -> set[str]:
    """The top-level packages imported by running `code` in a fresh interpreter."""
    script = code + "\nimport sys\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.split())


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_does_not_import_textual(module: str) -> None:
    assert "textual" not in loaded_after(f"import {module}")


def test_core_modules_do_not_import_spacy_at_import_time() -> None:
    assert "spacy" not in loaded_after("; ".join(f"import {m}" for m in CORE_MODULES))


def test_ui_does_not_import_spacy() -> None:
    found = loaded_after("import reader.ui.app")
    assert "textual" in found
    assert "spacy" not in found and "thinc" not in found


def test_help_and_version_import_neither() -> None:
    for flag in ("--help", "--version"):
        found = loaded_after(
            f"import sys\nsys.argv=['reader','{flag}']\nfrom reader.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass"
        )
        assert "spacy" not in found and "textual" not in found, flag
