"""`reader_entities`: the model's entities corrected, written to the mention channel.

Writes `doc.spans["reader_mentions"]` (the corrected, non-overlapping mentions every later component
reads), `doc.spans["reader_candidates"]` (every candidate, for the document level: `records`) and the
chunk's aliases and not-entities as `doc._.reader_links` and `doc._.reader_not_entities`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from reader.nlp.candidates import ChunkFacts
from reader.nlp.docutil import MENTIONS_GROUP, doc_text
from reader.nlp.entities import agencies, find_mentions
from reader.nlp.records import (
    CANDIDATES_GROUP,
    DOC_EXTENSIONS,
    MENTION_EXTENSIONS,
    register_extensions,
    write_mentions,
)
from reader.nlp.resolve.entities import select

register_extensions(MENTION_EXTENSIONS, DOC_EXTENSIONS)


@Language.factory("reader_entities")
def make_entities(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for agency in agencies():
        docs = [nlp.make_doc(n) for n in agency.names]
        if agency.acronym:
            docs.append(nlp.make_doc(agency.acronym))
        matcher.add(agency.group, docs)

    def reader_entities(doc: Doc) -> Doc:
        found = ChunkFacts()  # find_mentions' collector, local to this component
        find_mentions(doc, matcher, found)
        # the corrected channel: the chunk's non-overlapping mentions, most trusted first, that every
        # later component reads instead of the model's raw ent_type_
        chosen = select(doc_text(doc), [copy.copy(m) for m in found.mentions])
        group = []
        for m in chosen:
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="contract")
            if span is not None and len(span):
                group.append(span)
        doc.spans[MENTIONS_GROUP] = group
        doc.spans[CANDIDATES_GROUP] = write_mentions(doc, found.mentions)
        doc._.reader_links = tuple(found.links)
        doc._.reader_not_entities = frozenset(found.not_entities)
        return doc

    return reader_entities
