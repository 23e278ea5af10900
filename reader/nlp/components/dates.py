"""`reader_dates`: DATE mentions that name a point in time, with their clause and its subject."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from reader.nlp.candidates import ChunkFacts, DateCand
from reader.nlp.dates import clause, clause_subject, is_point_in_time
from reader.nlp.docutil import mentions


@Language.factory("reader_dates")
def make_dates(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def reader_dates(doc: Doc) -> Doc:
        facts: ChunkFacts = doc.user_data.setdefault("reader_facts", ChunkFacts())
        group = []
        for span in mentions(doc):
            if span.label_ != "DATE" or not is_point_in_time(span.text):
                continue
            lo, hi = clause(doc, span)
            subject, pronoun = clause_subject(doc, span)
            facts.dates.append(DateCand(span.start_char, span.end_char, None, lo, hi, subject, pronoun))
            group.append(span)
        doc.spans["reader_dates"] = group
        return doc

    return reader_dates
