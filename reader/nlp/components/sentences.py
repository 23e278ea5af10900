"""Honorifics and initials never end a sentence: "Mr. Hale told the House" stays one sentence;
a line break always does.

The spaCy way: the tokenizer keeps each abbreviation one token (special cases for the titles its
English exceptions lack), and a small component before the parser presets `is_sent_start = False`
on the word after a title or a middle initial, which the parser respects.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

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


@Language.factory("reader_sentence_starts")
def make_sentence_starts(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    def reader_sentence_starts(doc: Doc) -> Doc:
        """No sentence starts right after an honorific or an initial ("Harry J. Kazianis"); one
        always starts after a line break (a heading or a furniture line is not the next sentence's
        subject)."""
        for tok in doc[:-1]:
            text = tok.text
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in text):
                if not doc[tok.i + 1].is_space:
                    doc[tok.i + 1].is_sent_start = True
                continue
            if text in HONORIFICS or (len(text) == 2 and text[0].isupper() and text[1] == "."
                                      and tok.i > 0 and doc[tok.i - 1].text[:1].isupper()):
                nxt = doc[tok.i + 1]
                if nxt.text[:1].isupper() and not nxt.is_space:
                    nxt.is_sent_start = False
        return doc

    return reader_sentence_starts
