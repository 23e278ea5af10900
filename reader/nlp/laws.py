"""Laws, statutes, code sections and drug schedules: `LAW` mentions, never organisations.

Pure string work over a chunk's text. A law is a capitalised name ending in a law head word ("the
Fair Credit Reporting Act", "the Fourteenth Amendment", "the Penal Code"), optionally "of 1996",
or a citation ("Title 18", "Section 1326(a)", "18 U.S.C. § 1343", "Schedule IV").
"""

from __future__ import annotations

import re

# Head words that are law names and little else ("Convention", "Charter", "Rule" also name events,
# documents and book parts, so they are left out).
LAW_HEADS = ("Act", "Acts", "Code", "Statute", "Statutes", "Amendment", "Treaty", "Directive", "Ordinance",
             "Regulation", "Regulations")
_CAP = r"(?:[A-Z][\w'’.&-]*|\d+(?:st|nd|rd|th)?)"
_JOIN = r"(?:\s+(?:of|and|on|for|the|to|in|&)\s+|\s+)"
# The name words run up to the head word; "of 1996" / "of the United States" after it stays in the name.
LAW_NAME = re.compile(
    rf"(?<![\w'’-])(?:{_CAP}{_JOIN})*?(?:{_CAP})\s+(?:{'|'.join(LAW_HEADS)})(?![\w-])"
    r"(?:\s+of\s+(?:1[6-9]|20)\d\d\b)?"
)
CITATION = re.compile(
    r"(?<![\w-])(?:\d+\s+U\.?S\.?C\.?\s*(?:§+\s*)?[\dA-Za-z().-]*\d[\dA-Za-z()]*"
    r"|§+\s*\d[\dA-Za-z().-]*[\dA-Za-z)]"
    r"|(?:Title|Section|Sections)\s+\d+[A-Za-z]?(?:\([\dA-Za-z]+\))*"
    r"|Schedule\s+(?:I{1,3}|IV|V|[1-5])(?![\w-]))"
)
# Words that may start a capitalised run but are no part of a law's name.
_LEAD_INS = frozenset({"The", "A", "An", "Under", "In", "By", "And", "Of", "For", "On", "To", "This", "That"})


def find_laws(text: str) -> list[tuple[int, int]]:
    """(start, end) of every law name and citation in `text`, sorted, without overlaps."""
    found: list[tuple[int, int]] = []
    for m in LAW_NAME.finditer(text):
        start, end = m.start(), m.end()
        words = list(re.finditer(r"\S+", text[start:end]))
        k = 0
        while k < len(words) - 1 and (words[k].group() in _LEAD_INS or words[k].group().islower()):
            k += 1
        start += words[k].start()
        if len(words) - k >= 2 and "\n" not in text[start:end]:
            found.append((start, end))
    found.extend((m.start(), m.end()) for m in CITATION.finditer(text))
    found.sort(key=lambda r: (r[0], -r[1]))
    out: list[tuple[int, int]] = []
    for start, end in found:
        if out and start < out[-1][1]:
            continue
        out.append((start, end))
    return out
