"""Fixtures shared by every test folder: paths to bundled articles and an isolated cache."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles"
SEED = SAMPLES / "seed_philly_detainer.txt"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's config or writes to their cache or their corrections."""
    base = tmp_path_factory.getbasetemp()
    config = base / "empty-config.toml"
    config.touch()
    monkeypatch.setenv("READER_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("READER_CONFIG", str(config))
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path_factory.mktemp("data")))  # one per test: no leaks
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("READER_MODEL", raising=False)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
