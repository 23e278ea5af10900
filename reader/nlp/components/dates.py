"""`reader_dates`: DATE mentions that name a point in time, with their clause and its subject.

Writes `doc.spans["reader_dates"]`; each span carries `._.date_iso` (None: resolved at the document
level against the article's date), `._.date_clause` (the clause's character range in the chunk),
`._.date_subject` (who the clause is about, a character range) and `._.date_pronoun`.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from reader.nlp.dates import clause, clause_subject, is_point_in_time
from reader.nlp.docutil import mentions
from reader.nlp.records import DATES_GROUP, register_extensions

EXTENSIONS = ("date_iso", "date_clause", "date_subject", "date_pronoun")
register_extensions(EXTENSIONS)


@Language.factory("reader_dates")
def make_dates(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def reader_dates(doc: Doc) -> Doc:
        group = []
        for span in mentions(doc):
            if span.label_ != "DATE" or not is_point_in_time(span.text):
                continue
            span._.date_clause = clause(doc, span)
            span._.date_subject, span._.date_pronoun = clause_subject(doc, span)
            group.append(span)
        doc.spans[DATES_GROUP] = group
        return doc

    return reader_dates
