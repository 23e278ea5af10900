"""The analysis cache: an analysed Article on disk, so nobody waits twice for the same text.

An entry is keyed by sha256 of the exact text plus the identity of what analysed it (model name and
version, reader version, the charge patterns' fingerprint, the chunk size, a hash of reader/nlp's
code). The identity is worked out from package metadata and the model's meta.json, never by
importing spaCy, so a cached article opens fully highlighted in a process that has not paid for
spaCy at all.

The cache is an optimisation and must never be trusted blindly or be fatal: an entry that is
corrupt, truncated, from another format or for another text is deleted and later rewritten; a
write that fails is skipped. Writes go through `reader.atomic` (temporary file, fsync, rename), so
two readers of the same article, in two processes, each see a whole entry or none. The folder is kept
under `cache_max_mb` by evicting the least recently used entries first (a hit refreshes an entry's
modification time).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reader import __version__
from reader.atomic import is_temp_name, write_atomic
from reader.config import Settings
from reader.errors import ReaderError
from reader.model import Article

ENTRY_FORMAT = "reader.cache/1"
ENTRIES_FOLDER = "articles"
_ENTRY_NAME = re.compile(r"^[0-9a-f]{64}\.json$")
_OLD_TEMP_PREFIX = ".tmp-"  # temporary files of earlier versions, still cleared


@dataclass(frozen=True)
class PipelineIdentity:
    """Everything that changes an analysis besides the text itself."""

    model: str  # "<lang>_<name>", as spaCy's nlp.meta reports it and the JSON contract records it
    model_version: str
    package_version: str  # the installed distribution's version ("" for a model loaded from a folder)
    reader_version: str
    patterns: str
    chunk_chars: int
    code: str = ""  # fingerprint of reader/nlp's sources, so a changed rule never serves stale results

    def expected_pipeline(self) -> dict[str, str]:
        """The `pipeline` fields an Article analysed under this identity carries."""
        return {"model": self.model, "model_version": self.model_version,
                "reader_version": self.reader_version}

    def matches(self, article: Article) -> bool:
        return all(article.pipeline.get(k) == v for k, v in self.expected_pipeline().items())


def pipeline_identity_for(settings: Settings) -> PipelineIdentity | None:
    """The identity of the pipeline `settings` would load, without importing spaCy.

    None when it cannot be known that way (no model installed, a model without meta.json): the
    caller then neither reads nor writes the cache.
    """
    from reader.nlp.pipeline import patterns_fingerprint, resolve_model_name

    try:
        name = resolve_model_name(settings.model)
    except ReaderError:  # no model installed: the analysis will report that properly
        return None
    meta = _model_meta(name)
    if meta is None:
        return None
    try:
        patterns = patterns_fingerprint(settings)
    except (ReaderError, OSError, ValueError):  # an unusable pattern file: the analysis says so
        return None
    return PipelineIdentity(
        model=f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}",
        model_version=str(meta.get("version", "")),
        package_version=_package_version(name),
        reader_version=__version__,
        patterns=patterns,
        chunk_chars=settings.chunk_chars,
        code=_nlp_code_fingerprint(),
    )


@lru_cache(maxsize=1)
def _nlp_code_fingerprint() -> str:
    """Hash of the analysis code and data (reader/nlp/*.py, *.jsonl): during development, and for an
    installed reader whose version string did not change, an edited rule must not reuse old results."""
    import reader.nlp

    digest = hashlib.sha256()
    folder = Path(reader.nlp.__file__).parent
    for path in sorted(folder.glob("*.py")) + sorted(folder.glob("*.jsonl")):
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            digest.update(path.name.encode() + b"\0unreadable\0")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=8)
def _model_meta(name: str) -> dict[str, Any] | None:
    """The meta.json spaCy reads for `name` (an installed package or a pipeline folder)."""
    folder = Path(name).expanduser()
    if not folder.is_dir():
        try:
            spec = importlib.util.find_spec(name)  # locates the package without importing it
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


@lru_cache(maxsize=8)
def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return ""


def entry_key(text: str, identity: PipelineIdentity) -> str:
    """The file name stem of the entry for `text` analysed under `identity`."""
    text_digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    material = json.dumps({"format": ENTRY_FORMAT, "text": text_digest, **asdict(identity)}, sort_keys=True)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class ArticleCache:
    """A folder of analysed Articles, one JSON file per (text, pipeline identity)."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.folder = root / ENTRIES_FOLDER
        self.max_bytes = max_bytes

    @classmethod
    def from_settings(cls, settings: Settings) -> ArticleCache:
        return cls(settings.resolved_cache_dir(), settings.cache_max_mb * 1024 * 1024)

    def path_for(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, text: str, identity: PipelineIdentity) -> Article | None:
        """The cached Article for exactly this text and identity, or None (a bad entry is removed)."""
        key = entry_key(text, identity)
        path = self.path_for(key)
        try:
            with path.open("rb") as handle:  # one open file: the entry as one writer renamed it in
                raw = handle.read()
                read_inode = os.fstat(handle.fileno()).st_ino
        except OSError:
            return None
        article = _parse_entry(raw, key, text, identity)
        if article is None:
            _remove_if_unchanged(path, read_inode)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: evicted last
        return article

    def put(self, article: Article, identity: PipelineIdentity) -> bool:
        """Store `article` (atomically); False when it was not stored. Never raises for I/O trouble."""
        if not identity.matches(article):
            return False  # analysed by something else than the identity says: would never be read back
        key = entry_key(article.text, identity)
        payload = json.dumps({"format": ENTRY_FORMAT, "key": key, "article": article.to_json()},
                             ensure_ascii=False).encode("utf-8", "surrogatepass")
        if len(payload) > self.max_bytes:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path_for(key), payload)
        except OSError:
            return False
        self.evict(keep=key)
        return True

    def entries(self) -> list[tuple[Path, os.stat_result]]:
        """Every entry file with its stat, temporary files excluded."""
        found = []
        try:
            children = list(os.scandir(self.folder))
        except OSError:
            return []
        for child in children:
            if _ENTRY_NAME.match(child.name):
                with contextlib.suppress(OSError):
                    found.append((Path(child.path), child.stat()))
        return found

    def size(self) -> tuple[int, int]:
        """(number of entries, bytes they take)."""
        entries = self.entries()
        return len(entries), sum(st.st_size for _, st in entries)

    def evict(self, keep: str | None = None) -> int:
        """Delete least recently used entries until the folder fits `max_bytes`; returns how many."""
        entries = self.entries()
        total = sum(st.st_size for _, st in entries)
        removed = 0
        for path, st in sorted(entries, key=lambda item: item[1].st_mtime_ns):
            if total <= self.max_bytes:
                break
            if keep is not None and path.stem == keep:
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
            total -= st.st_size
        return removed

    def clear(self) -> tuple[int, int]:
        """Delete every entry (and leftover temporary files); returns (entries, bytes) removed.

        Only files this cache names are touched, so a cache_dir pointed at a shared folder is safe.
        """
        count = size = 0
        for path, st in self.entries():
            with contextlib.suppress(OSError):
                path.unlink()
                count += 1
                size += st.st_size
        with contextlib.suppress(OSError):
            for child in os.scandir(self.folder):
                if is_temp_name(child.name) or child.name.startswith(_OLD_TEMP_PREFIX):
                    with contextlib.suppress(OSError):
                        os.unlink(child.path)
        return count, size


def _parse_entry(raw: bytes, key: str, text: str, identity: PipelineIdentity) -> Article | None:
    """The Article in an entry if the entry is exactly what we would have written, else None."""
    try:
        data = json.loads(raw.decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != ENTRY_FORMAT or data.get("key") != key:
        return None
    body = data.get("article")
    if not isinstance(body, dict):
        return None
    try:
        article = Article.from_json(body)
    except (ValueError, TypeError):
        return None
    if article.text != text or not identity.matches(article) or not _offsets_valid(article):
        return None
    return article


def _offsets_valid(article: Article) -> bool:
    """Every span points into the text at what it claims to cover (a cheap guard against tampering)."""
    text = article.text
    return all(0 <= s.start <= s.end <= len(text) and text[s.start : s.end] == s.text for s in article.spans)


def _remove_if_unchanged(path: Path, inode: int) -> None:
    """Delete a bad entry, unless another process has meanwhile renamed a good one into its place."""
    with contextlib.suppress(OSError):
        if os.stat(path).st_ino == inode:
            path.unlink()
