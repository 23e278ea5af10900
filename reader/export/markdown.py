"""Article -> Markdown that reads well both as plain text and rendered.

People are **bold**, organisations *italic*, charges ⚖[marked], and each quote carries a footnote
naming its speaker; the facts follow as sections. Article text is neutralised (control characters
made visible) and Markdown syntax in it is backslash-escaped wherever it would change meaning, so
`*`, `[link](x)`, `<b>`, `&amp;` or a leading `#` show as typed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from reader.export.render import Chunk, Close, Open, nest, span_marks, split_marks
from reader.facts import EntityFact, Facts, SpanDescriber, facts_of
from reader.layers import all_layers, layer
from reader.model import Article
from reader.shown import neutralise

CLOSING_QUOTE_MARKS = "\"'”’»›"

# Characters that are Markdown syntax anywhere in a line (CommonMark, GFM tables and strikethrough,
# `^` for footnote references).
_ANYWHERE = re.compile(r"[\\`*_\[\]<|~^]")
# An entity or numeric reference that a renderer would decode (&amp; -> &).
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# Block syntax at the start of a line: headings, block quotes, list bullets, setext underlines.
_LINE_START = re.compile(r"^[ ]{0,3}([#>+=-])", re.MULTILINE)
# Ordered list items: "1. " or "1) " at the start of a line.
_ORDERED = re.compile(r"^[ ]{0,3}[0-9]{1,9}([.)])(?=[ \t]|$)", re.MULTILINE)
# Four spaces or a tab at the start of a line would make an indented code block.
_INDENT = re.compile(r"^(?: {4}|\t)", re.MULTILINE)
# A dollar sign with another later on the same line could open GitHub inline math.
_DOLLAR = re.compile(r"\$(?=[^\n]*\$)")
# GitHub turns :shortcode: into an emoji.
_SHORTCODE = re.compile(r":(?=[a-z0-9_+-]+:)")


def escapes(text: str) -> dict[int, str]:
    """Position -> what to write instead of the character there, for every character that needs it."""
    out: dict[int, str] = {}
    for pattern in (_ANYWHERE, _ENTITY, _DOLLAR, _SHORTCODE):
        for m in pattern.finditer(text):
            out[m.start()] = "\\" + text[m.start()]
    for pattern in (_LINE_START, _ORDERED):
        for m in pattern.finditer(text):
            out[m.start(1)] = "\\" + text[m.start(1)]
    for m in _INDENT.finditer(text):
        out[m.start()] = "&#9;" if text[m.start()] == "\t" else "&#32;"
    return out


def escape_markdown(text: str) -> str:
    """Neutralised text with its Markdown syntax escaped (for names and quotes in the facts)."""
    text = neutralise(text)
    table = escapes(text)
    return "".join(table.get(i, ch) for i, ch in enumerate(text)) if table else text


def _inline(text: str) -> str:
    """A fact on one line: whitespace collapsed, then escaped."""
    return escape_markdown(" ".join(text.split()))


def export_markdown(article: Article, layers: Iterable[str] | None = None) -> str:
    """The highlighted article, a key, the facts, then the speaker footnotes."""
    body, notes = article_markdown(article, layers)
    facts = facts_of(article)
    parts = [body.rstrip("\n"), "\n\n---\n\n", _key(layers), _facts_sections(facts)]
    if notes:
        parts.append("\n" + "\n".join(notes) + "\n")
    return "".join(parts).rstrip("\n") + "\n"


def article_markdown(article: Article, layers: Iterable[str] | None = None) -> tuple[str, list[str]]:
    """The article body with highlight markers, and the footnote definitions its quotes refer to."""
    text = neutralise(article.text)
    table = escapes(text)
    table_keys = sorted(table)
    wanted = None if layers is None else set(layers)
    describe = SpanDescriber(article)
    emphasis = [m for m in span_marks(article, layers) if _markers(m.kind)[0]]
    marks = split_marks(emphasis, text)

    # Footnote references go after the closing quote mark of each QUOTE span.
    notes: list[str] = []
    refs: dict[int, list[str]] = {}
    if wanted is None or "QUOTE" in wanted:
        for span in sorted((s for s in article.spans if s.label == "QUOTE"), key=lambda s: s.start):
            if not 0 <= span.start < span.end <= len(text) or describe.is_term(span):
                continue
            number = len(notes) + 1
            who = describe(span).split(" · ", 1)[-1]
            notes.append(f"[^q{number}]: Quote {number}: {escape_markdown(who)}")
            pos = span.end
            while pos < len(text) and text[pos] in CLOSING_QUOTE_MARKS:
                pos += 1
            refs.setdefault(pos, []).append(f"[^q{number}]")
    points = sorted(refs)

    pieces: list[str] = []

    def emit_text(start: int, end: int) -> None:
        pos = start
        for i in range(bisect_left(table_keys, start), len(table_keys)):
            at = table_keys[i]
            if at >= end:
                break
            pieces.append(text[pos:at])
            pieces.append(table[at])
            pos = at + 1
        pieces.append(text[pos:end])

    def emit_chunk(start: int, end: int) -> None:
        """Text with the footnote references that fall strictly inside it."""
        pos = start
        for i in range(bisect_left(points, start + 1), len(points)):
            at = points[i]
            if at >= end:
                break
            emit_text(pos, at)
            pieces.extend(refs.pop(at))
            pos = at
        emit_text(pos, end)

    def flush(at: int) -> None:
        """References at a boundary go after the markers that close there, before those that open."""
        if at in refs:
            pieces.extend(refs.pop(at))

    headline = _headline_prefix(article, text)
    if headline:
        pieces.append(headline)
    boundary = 0
    for token in nest(marks, len(text)):
        if isinstance(token, Chunk):
            flush(token.start)
            emit_chunk(token.start, token.end)
            boundary = token.end
        elif isinstance(token, Open):
            flush(boundary)
            pieces.append(_markers(token.mark.kind)[0])
        elif isinstance(token, Close):
            pieces.append(_markers(token.mark.kind)[1])
    flush(len(text))
    return _guard_brackets(pieces), notes


def _markers(label: str) -> tuple[str, str]:
    """A layer's Markdown open and close markers, from the registry ("" when it has none)."""
    found = layer(label)
    return (found.md_open, found.md_close) if found is not None else ("", "")


def _guard_brackets(pieces: list[str]) -> str:
    """Keep what the export adds from joining the text after it into a link.

    A charge's closing `]` is escaped when `(`, `[` or `:` follows (else `⚖[x](y)` is a link); after a
    footnote reference, a following `(` or `:` is escaped instead (the reference must stay intact).
    """
    out = list(pieces)
    for i, piece in enumerate(out):
        if piece != "]" and not piece.startswith("[^q"):
            continue
        j = next((k for k in range(i + 1, len(out)) if out[k]), None)
        following = out[j][:1] if j is not None else ""
        if piece == "]" and following in ("(", "[", ":"):
            out[i] = "\\]"
        elif piece.startswith("[^q") and following in ("(", ":") and j is not None:
            out[j] = "\\" + out[j]
    return "".join(out)


def _headline_prefix(article: Article, text: str) -> str:
    """`# ` before the first line when it is the article's title (the title line of DESIGN section 2)."""
    first, newline, _ = text.partition("\n")
    if newline and first.strip() and article.title and " ".join(first.split()) == " ".join(
        neutralise(article.title).split()
    ):
        return "# "
    return ""


def _key(layers: Iterable[str] | None) -> str:
    wanted = None if layers is None else set(layers)
    shown = [f"{item.md_open}{item.title.lower()}{item.md_close}" for item in all_layers()
             if item.md_open and (wanted is None or item.label in wanted)]
    if wanted is None or "QUOTE" in wanted:
        shown.append("quotes with their speaker in a footnote")
    if not shown:
        return ""
    return "Highlights: " + " · ".join(shown) + "\n\n"


def _entity_items(entities: tuple[EntityFact, ...], marker: str) -> list[str]:
    items = []
    for fact in entities:
        plural = "" if fact.mentions == 1 else "s"
        line = f"- {marker}{_inline(fact.name)}{marker} ({fact.mentions} mention{plural})"
        if fact.roles:
            line += ": " + "; ".join(_inline(r) for r in fact.roles)
        if fact.aliases:
            line += "; also " + ", ".join(_inline(a) for a in fact.aliases)
        items.append(line)
    return items


def _facts_sections(facts: Facts) -> str:
    sections: list[tuple[str, list[str]]] = [
        ("People", _entity_items(facts.people, "**")),
        ("Organisations", _entity_items(facts.organisations, "*")),
    ]
    charges = []
    for group in facts.charges_by_person:
        plural = "" if len(group.charges) == 1 else "s"
        charges.append(f"- **{_inline(group.name)}** ({len(group.charges)} charge{plural})")
        charges.extend(f"  - ⚖ {_inline(c.text)} ({c.status_text})" for c in group.charges)
    sections.append(("Charges", charges))
    quotes = []
    for speaker in facts.quotes_by_speaker:
        quotes.append(f"### {_inline(speaker.name)}\n")
        quotes.extend(f"> {_inline(q.text)}\n" for q in speaker.quotes)
    sections.append(("Quotes", quotes))
    timeline = []
    for entry in facts.timeline:
        who = f" ({', '.join(_inline(p) for p in entry.people)})" if entry.people else ""
        timeline.append(f"- **{_inline(entry.date_text)}**: {_inline(entry.text)}{who}")
    sections.append(("Timeline", timeline))
    sections.append(("Places", _entity_items(facts.places, "")))
    out = []
    for heading, lines in sections:
        if lines:
            out.append(f"## {heading}\n\n" + "\n".join(lines).rstrip("\n") + "\n")
    return "\n".join(out)
