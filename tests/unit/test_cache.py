"""The analysis cache: hits, misses, bad entries, eviction, clearing, where it lives, and switching it off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import analysis
from reader.cache import ArticleCache, PipelineIdentity, entry_key, pipeline_identity_for
from reader.cli import _settings, build_export_parser
from reader.config import Settings, load_settings
from reader.model import Article, Span
from reader.sources import LoadedText

ROOT = Path(__file__).resolve().parents[2]
TEXT = 'Police Chief Ann Lee said "we are ready" on Monday.\n'


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    config = tmp_path / "config.toml"
    config.touch()
    monkeypatch.setenv("READER_CONFIG", str(config))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    return load_settings()


@pytest.fixture
def identity(settings: Settings) -> PipelineIdentity:
    found = pipeline_identity_for(settings)
    assert found is not None, "the installed model's identity must be computable without spaCy"
    return found


def analysed(text: str, identity: PipelineIdentity) -> Article:
    """An Article as the pipeline would make it, built by hand so these tests need no model."""
    start = text.index("Ann Lee")
    return Article(text=text, source="made.txt", title=text.splitlines()[0],
                   pipeline=identity.expected_pipeline(), spans=[Span(start, start + 7, "PERSON", "Ann Lee")])


def loaded(text: str = TEXT, source: str = "here.txt") -> LoadedText:
    return LoadedText(text=text, source=source, title="Here")


def test_miss_then_hit_keeps_the_new_source(settings: Settings, identity: PipelineIdentity) -> None:
    assert analysis.cached_article(loaded(), settings) is None
    assert analysis.store_article(analysed(TEXT, identity), settings)
    hit = analysis.cached_article(loaded(source="elsewhere.txt"), settings)
    assert hit is not None
    assert hit.spans == analysed(TEXT, identity).spans
    assert (hit.source, hit.title) == ("elsewhere.txt", "Here")


def test_key_depends_on_text_and_on_every_part_of_the_identity(settings: Settings,
                                                               identity: PipelineIdentity) -> None:
    cache = ArticleCache.from_settings(settings)
    assert cache.put(analysed(TEXT, identity), identity)
    assert cache.get(TEXT + " ", identity) is None
    for change in ({"model_version": "9.9.9"}, {"reader_version": "0.0.1"}, {"patterns": "other"},
                   {"chunk_chars": identity.chunk_chars + 1}, {"package_version": "0"}, {"code": "edited"}):
        other = PipelineIdentity(**{**identity.__dict__, **change})
        assert entry_key(TEXT, other) != entry_key(TEXT, identity), change
        assert cache.get(TEXT, other) is None, change


def test_an_article_from_another_pipeline_is_not_stored(settings: Settings,
                                                        identity: PipelineIdentity) -> None:
    foreign = analysed(TEXT, identity)
    foreign.pipeline = {**foreign.pipeline, "model": "de_core_news_sm"}
    assert not ArticleCache.from_settings(settings).put(foreign, identity)
    assert ArticleCache.from_settings(settings).size() == (0, 0)


def _entry(settings: Settings, identity: PipelineIdentity) -> Path:
    cache = ArticleCache.from_settings(settings)
    assert cache.put(analysed(TEXT, identity), identity)
    return cache.path_for(entry_key(TEXT, identity))


def _rewrite(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _bad_span(data: dict) -> None:
    data["article"]["spans"][0]["start"] += 1


BAD_ENTRIES = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "empty": lambda p: p.write_bytes(b""),
    "binary": lambda p: p.write_bytes(b"\x00\xff\xfe garbage"),
    "not an object": lambda p: p.write_text("[1, 2, 3]"),
    "foreign format": lambda p: _rewrite(p, lambda d: d.update(format="other.cache/7")),
    "foreign schema": lambda p: _rewrite(p, lambda d: d["article"].update(schema="someone.else/1")),
    "wrong key": lambda p: _rewrite(p, lambda d: d.update(key="0" * 64)),
    "other text": lambda p: _rewrite(p, lambda d: d["article"].update(text="Something else entirely.")),
    "other model": lambda p: _rewrite(p, lambda d: d["article"]["pipeline"].update(model="xx_other")),
    "offsets off": lambda p: _rewrite(p, _bad_span),
    "missing fields": lambda p: _rewrite(p, lambda d: d["article"]["spans"][0].pop("end")),
}


@pytest.mark.parametrize("damage", list(BAD_ENTRIES), ids=list(BAD_ENTRIES))
def test_a_bad_entry_is_ignored_removed_and_rewritten(damage: str, settings: Settings,
                                                      identity: PipelineIdentity) -> None:
    path = _entry(settings, identity)
    BAD_ENTRIES[damage](path)
    assert analysis.cached_article(loaded(), settings) is None
    assert not path.exists()
    assert analysis.store_article(analysed(TEXT, identity), settings)
    assert analysis.cached_article(loaded(), settings) is not None


def test_eviction_removes_least_recently_used_first(settings: Settings, identity: PipelineIdentity) -> None:
    texts = [f"Story {n}: Ann Lee spoke.\n" for n in range(4)]
    cache = ArticleCache.from_settings(settings)
    for n, text in enumerate(texts[:3]):
        assert cache.put(analysed(text, identity), identity)
        os.utime(cache.path_for(entry_key(text, identity)), ns=(n * 10**9, n * 10**9))  # 0 oldest
    assert cache.get(texts[0], identity) is not None  # a hit makes story 0 the most recently used
    entry_size = max(st.st_size for _, st in cache.entries())
    cache.max_bytes = entry_size * 3
    assert cache.put(analysed(texts[3], identity), identity)
    assert [cache.get(t, identity) is not None for t in texts] == [True, False, True, True]


def test_an_entry_bigger_than_the_whole_cache_is_not_written(settings: Settings,
                                                            identity: PipelineIdentity) -> None:
    cache = ArticleCache(settings.resolved_cache_dir(), max_bytes=100)
    assert not cache.put(analysed(TEXT, identity), identity)
    assert cache.size() == (0, 0)


def test_clear_reports_and_removes_only_cache_files(settings: Settings, identity: PipelineIdentity) -> None:
    cache = ArticleCache.from_settings(settings)
    for n in range(2):
        cache.put(analysed(f"Ann Lee {n}\n", identity), identity)
    (cache.folder / ".tmp-leftover").write_text("half")
    mine = cache.folder / "notes.txt"
    mine.write_text("not the cache's")
    count, size = cache.size()
    assert count == 2 and size > 0
    assert cache.clear() == (2, size)
    assert cache.size() == (0, 0)
    assert sorted(p.name for p in cache.folder.iterdir()) == ["notes.txt"]


def test_an_unusable_cache_folder_is_not_fatal(tmp_path: Path, identity: PipelineIdentity) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    settings = Settings(cache_dir=str(blocker / "cache"))
    assert not analysis.store_article(analysed(TEXT, identity), settings)
    assert analysis.cached_article(loaded(), settings) is None


def test_location_env_beats_config_beats_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'cache_dir = "{tmp_path / "from-config"}"\n')
    monkeypatch.setenv("READER_CONFIG", str(config))
    monkeypatch.delenv("READER_CACHE_DIR", raising=False)
    assert load_settings().resolved_cache_dir() == tmp_path / "from-config"
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "from-env"))
    assert load_settings().resolved_cache_dir() == tmp_path / "from-env"
    assert Settings().resolved_cache_dir().name == "reader"  # the platform's user cache folder


def test_disabled_cache_neither_reads_nor_writes(settings: Settings, identity: PipelineIdentity) -> None:
    assert analysis.store_article(analysed(TEXT, identity), settings)
    off = _settings(build_export_parser().parse_args(["x.txt", "--format", "json", "--no-cache"]))
    assert off.cache is False and off.resolved_cache_dir() == settings.resolved_cache_dir()
    assert analysis.cached_article(loaded(), off) is None
    assert not analysis.store_article(analysed("Ann Lee again\n", identity), off)
    assert ArticleCache.from_settings(settings).size()[0] == 1


def test_progressive_hit_is_one_step_and_miss_stores_the_final_article(
        settings: Settings, identity: PipelineIdentity, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.nlp.pipeline as pipeline

    final = analysed(TEXT, identity)
    partial = Article(text=TEXT, pipeline=identity.expected_pipeline())

    def fake_progressive(text, source="", title="", model=None, settings=None, published=None):
        yield 0.5, partial
        yield 1.0, final

    monkeypatch.setattr(pipeline, "analyse_progressive", fake_progressive)
    steps = list(analysis.analyse_progressive_loaded(loaded(), settings))
    assert [f for f, _ in steps] == [0.5, 1.0]
    again = list(analysis.analyse_progressive_loaded(loaded(), settings))
    assert len(again) == 1 and again[0][0] == 1.0 and again[0][1].spans == final.spans


@pytest.mark.slow
def test_real_pipeline_output_is_cached_and_reopens_without_spacy(settings: Settings, tmp_path: Path) -> None:
    """The identity worked out from metadata matches what the loaded pipeline writes into Articles."""
    article_file = tmp_path / "story.txt"
    article_file.write_text(TEXT, encoding="utf-8")
    from reader.sources import load

    first = analysis.analyse_loaded(load(str(article_file)), settings)
    assert ArticleCache.from_settings(settings).size()[0] == 1
    script = (
        "import sys\n"
        "from reader.analysis import cached_article\nfrom reader.config import load_settings\n"
        "from reader.sources import load\n"
        f"article = cached_article(load({str(article_file)!r}), load_settings())\n"
        "print(article is not None, len(article.spans) if article else -1, 'spacy' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", str(len(first.spans)), "False"]
