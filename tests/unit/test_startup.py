"""Startup stays light: --help, --version and the cache commands import neither spaCy nor Textual, and
opening an article reaches the app (its first frame) before spaCy is imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = {"spacy", "thinc", "numpy", "textual", "trafilatura"}


def modules_after(code: str, tmp_path: Path) -> set[str]:
    """Top-level modules imported by `code` in a fresh interpreter (with an isolated config and cache)."""
    config = tmp_path / "config.toml"
    config.touch()
    script = code + "\nimport sys\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "READER_CONFIG": str(config),
                               "READER_CACHE_DIR": str(tmp_path / "cache")})
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.split())


def run_cli(*argv: str) -> str:
    return ("import contextlib, io, sys\nfrom reader.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    try:\n        code = main({list(argv)!r})\n    except SystemExit as exit:\n"
            "        code = exit.code\n"
            "assert code == 0, code\n")


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["cache", "info"], ["cache", "clear"],
                                  ["annotate", "--help"], ["export", "--help"]])
def test_light_commands_import_nothing_heavy(argv: list[str], tmp_path: Path) -> None:
    loaded = modules_after(run_cli(*argv), tmp_path)
    assert "reader" in loaded
    assert not loaded & HEAVY, loaded & HEAVY


def test_opening_an_article_reaches_the_app_before_spacy(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Mayor Ann Lee spoke.\n", encoding="utf-8")
    code = (
        "import sys\nimport textual.app\n"
        "seen = {}\n"
        "def fake_run(self, *args, **kwargs):\n"
        "    seen['spacy_before_first_frame'] = 'spacy' in sys.modules\n"
        "textual.app.App.run = fake_run\n"
        "from reader.cli import main\n"
        f"assert main([{str(article)!r}, '--no-cache']) == 0\n"
        "assert seen == {'spacy_before_first_frame': False}, seen\n"
    )
    loaded = modules_after(code, tmp_path)
    assert "textual" in loaded and "spacy" not in loaded


@pytest.mark.parametrize("module", ["reader.cache", "reader.annotate", "reader.analysis"])
def test_cache_and_batch_modules_import_neither_spacy_nor_textual(module: str, tmp_path: Path) -> None:
    loaded = modules_after(f"import {module}", tmp_path)
    assert not loaded & {"spacy", "thinc", "textual", "rich"}, loaded & {"spacy", "thinc", "textual", "rich"}
