"""Two readers opening the same article at once, in two processes, never see half a cache entry."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from reader.atomic import is_temp_name
from reader.cache import ArticleCache, PipelineIdentity, pipeline_identity_for
from reader.config import Settings
from reader.model import Article

from .cache_workers import big_article, open_the_same_article


@pytest.fixture
def identity() -> PipelineIdentity:
    found = pipeline_identity_for(Settings())
    assert found is not None
    return found


def test_two_processes_reading_and_rewriting_one_entry(tmp_path: Path, identity: PipelineIdentity) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        results = pool.starmap(open_the_same_article, [(str(tmp_path), identity, 25)] * 2)
    assert [bad for _, _, bad in results] == [0, 0]
    assert sum(hits for hits, _, _ in results) > 0  # they did read each other's entries
    assert sum(misses for _, misses, _ in results) <= 2  # each misses at most once (never a deleted entry)
    cache = ArticleCache(tmp_path, 1 << 34)
    assert cache.size()[0] == 1
    assert not [p for p in (tmp_path / "articles").iterdir() if is_temp_name(p.name)]
    article = big_article(identity)
    assert cache.get(article.text, identity) == article


def test_a_bad_entry_replaced_meanwhile_by_a_good_one_is_kept(tmp_path: Path, identity: PipelineIdentity,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ArticleCache(tmp_path, 1 << 30)
    article = big_article(identity, paragraphs=3)
    cache.put(article, identity)
    path = next((tmp_path / "articles").iterdir())
    path.write_bytes(b"{ truncated")
    import reader.cache as cache_module

    real_parse = cache_module._parse_entry

    def parse_while_another_process_writes(raw: bytes, key: str, text: str,
                                           ident: PipelineIdentity) -> Article | None:
        result = real_parse(raw, key, text, ident)
        ArticleCache(tmp_path, 1 << 30).put(article, identity)  # the other reader's good entry lands
        return result

    monkeypatch.setattr(cache_module, "_parse_entry", parse_while_another_process_writes)
    assert cache.get(article.text, identity) is None  # what we read was bad...
    monkeypatch.undo()
    assert cache.get(article.text, identity) == article  # ...but the good entry was not deleted
