"""`reader_entities`: the model's entities corrected, written to the mention channel."""

from __future__ import annotations

import copy
from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from reader.nlp.candidates import ChunkFacts
from reader.nlp.docutil import MENTIONS_GROUP, doc_text
from reader.nlp.entities import agencies, find_mentions
from reader.nlp.resolve.entities import select


@Language.factory("reader_entities")
def make_entities(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for agency in agencies():
        docs = [nlp.make_doc(n) for n in agency.names]
        if agency.acronym:
            docs.append(nlp.make_doc(agency.acronym))
        matcher.add(agency.group, docs)

    def reader_entities(doc: Doc) -> Doc:
        facts: ChunkFacts = doc.user_data.setdefault("reader_facts", ChunkFacts())
        before = len(facts.mentions)
        find_mentions(doc, matcher, facts)
        # the corrected channel: the chunk's non-overlapping mentions, most trusted first, that every
        # later component reads instead of the model's raw ent_type_
        chosen = select(doc_text(doc), [copy.copy(m) for m in facts.mentions[before:]])
        group = []
        for m in chosen:
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="contract")
            if span is not None and len(span):
                group.append(span)
        doc.spans[MENTIONS_GROUP] = group
        return doc

    return reader_entities
