"""Honorifics and initials never end a sentence: "Mr. Hale told the House" stays one sentence;
a line break always does.

The spaCy way: the tokenizer keeps each abbreviation one token (special cases for the titles its
English exceptions lack), and a small component before the parser presets `is_sent_start = False`
on the word after a title or a middle initial, which the parser respects.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from reader.nlp.docutil import doc_text

# Titles written before a name, with their period. spaCy's English exceptions already hold some
# (Mr., Mrs., Ms., Dr., Sen., Gov., Rep., Gen., Prof., Rev., St.); the rest are added as special cases.
HONORIFICS = frozenset(
    [
        "Mr.", "Mrs.", "Ms.", "Mmes.", "Messrs.", "Dr.", "Drs.", "Prof.", "Rev.", "Fr.", "Msgr.", "Hon.",
        "Sen.", "Sens.", "Rep.", "Reps.", "Gov.", "Lt.", "Gen.", "Col.", "Maj.", "Capt.", "Cmdr.", "Adm.",
        "Sgt.", "Cpl.", "Pte.", "Pvt.", "Det.", "Insp.", "Supt.", "Const.", "Cst.", "Atty.", "Amb.",
        "Pres.", "Lt.-Gen.", "Maj.-Gen.", "Brig.",
    ]
)
# Abbreviations that may also end a sentence ("Tom Hale Jr. He said"): one token, but no preset.
ABBREVIATIONS = HONORIFICS | {"Jr.", "Sr.", "St.", "Mt.", "Ft."}


def add_honorific_special_cases(nlp: Language) -> None:
    """Each honorific the tokenizer would split ("Lt" + ".") becomes one token."""
    tokenizer = nlp.tokenizer
    add = getattr(tokenizer, "add_special_case", None)
    if add is None:  # a custom tokenizer: leave it as it is
        return
    for word in ABBREVIATIONS:
        if len(tokenizer(word)) > 1:
            add(word, [{"ORTH": word}])


# Where the text itself says: a word after a line break starts a sentence; a capitalised word after an
# honorific or a middle initial ("Harry J. Kazianis") does not. Found with one regex over the text
# (the matches are few), not a Python loop over every token.
_LINE_START = r"\n[^\S\n]*\n?[^\S\n]*(?=\S)"
_TITLE = "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True))
_NO_START = rf"(?:(?<![\w.])(?:{_TITLE})|(?<=[A-Z][a-z])\s[A-Z]\.)\s+(?=[A-Z])"
_MARKS = re.compile(rf"(?P<start>{_LINE_START})|(?P<inside>{_NO_START})")


@Language.factory("reader_sentence_starts")
def make_sentence_starts(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def reader_sentence_starts(doc: Doc) -> Doc:
        """No sentence starts right after an honorific or an initial; one always starts after a line
        break (a heading or a furniture line is not the next sentence's subject)."""
        for m in _MARKS.finditer(doc_text(doc)):  # the text once, shared with the later components
            span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
            if span is None or not len(span) or span[0].i == 0 or span[0].is_space:
                continue
            span[0].is_sent_start = m.lastgroup == "start"
        return doc

    return reader_sentence_starts
