"""What the status line says, as a pure function of the article, the cursor and the view's state.

Like less -M: what is under the cursor (name, layer, role; a quote's speaker and how it was found;
a charge's person and status), where it sits among its kind ("mention 2 of 5"), how far you have
read and which file this is. Each part has a priority; a narrow terminal drops the least important
parts first. A new part (say, "corrected") is one more entry in `status_parts`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from reader.facts import attribution_of, is_speech, speaker_name, status_text
from reader.layers import layer
from reader.model import Article, Span

# Higher priority survives a narrow screen longer.
CURSOR, POSITION, PROGRESS, SEARCH, FOCUS, ARTICLE, PERCENT, FILE = 90, 70, 95, 85, 80, 50, 40, 30


@dataclass(frozen=True)
class StatusState:
    """The view's state the status line reports, apart from the article and the cursor."""

    span: Span | None = None  # the highlight under the cursor
    visible: tuple[tuple[int, int], ...] = ()  # the highlights tab visits, in text order
    focus_name: str | None = None
    query: str = ""
    match_index: int | None = None
    match_count: int = 0
    progress: str = ""
    percent: int | None = None
    file_name: str = ""
    article_index: int = 0
    article_count: int = 1
    notes: tuple[str, ...] = field(default=())  # further parts other features add (e.g. "corrected")


@dataclass(frozen=True)
class StatusPart:
    text: str
    priority: int
    kind: str  # "cursor", "position", "search", ...: the widget styles parts by kind


def status_parts(article: Article, cursor: tuple[int, int] | None, state: StatusState) -> list[StatusPart]:
    """The status line's parts, left to right. Strings are raw article text: the widget neutralises."""
    parts: list[StatusPart] = []
    if state.progress:
        parts.append(StatusPart(state.progress, PROGRESS, "progress"))
    if state.query:
        count = state.match_count
        where = f"{state.match_index + 1}/{count}" if state.match_index is not None else f"{count}"
        parts.append(StatusPart(f"/{state.query}: {where} match{'es' if count != 1 else ''}", SEARCH, "search"))
    span = state.span
    if span is not None:
        parts.append(StatusPart(describe_under_cursor(article, span), CURSOR, "cursor"))
        position = position_of(article, span, state.visible)
        if position:
            parts.append(StatusPart(position, POSITION, "position"))
    parts.extend(StatusPart(note, CURSOR - 1, "note") for note in state.notes)
    if state.focus_name:
        parts.append(StatusPart(f"focus: {state.focus_name}", FOCUS, "focus"))
    if state.article_count > 1:
        parts.append(StatusPart(f"article {state.article_index + 1}/{state.article_count}", ARTICLE, "article"))
    if state.percent is not None:
        parts.append(StatusPart(f"{state.percent}%", PERCENT, "percent"))
    if state.file_name:
        parts.append(StatusPart(state.file_name, FILE, "file"))
    return parts


def describe_under_cursor(article: Article, span: Span) -> str:
    """`Tom Decker · Person · ERO Philadelphia field office director`, `“...” · Quote by X (cue)`, ..."""
    found = layer(span.label)
    kind = found.name if found is not None else span.label.title()
    if span.label == "QUOTE":
        quote = next((q for q in article.quotes if (q.start, q.end) == (span.start, span.end)), None)
        if quote is not None and not is_speech(quote):
            return "Quoted term (not speech)"
        who = speaker_name(article, quote) if quote is not None else None
        how = attribution_of(quote) if quote is not None else None
        found_by = f" (found by {how.replace('_', ' ')})" if how else ""
        return f"Quote by {who}{found_by}" if who else "Quote · speaker unknown"
    if span.label == "CHARGE":
        charge = next((c for c in article.charges if (c.start, c.end) == (span.start, span.end)), None)
        if charge is None:
            return f"{span.text} · {kind}"
        person = article.entity(charge.subject) if charge.subject else None
        who = person.name if person is not None else "not tied to a person"
        return f"{charge.text} · {kind} · {who} · {status_text(charge.status)}"
    entity = article.entity(span.entity) if span.entity else None
    if entity is None:
        return f"{span.text} · {kind}"
    role = f" · {entity.roles[0]}" if entity.roles else ""
    return f"{entity.name} · {kind}{role}"


def position_of(article: Article, span: Span, visible: tuple[tuple[int, int], ...]) -> str:
    """Where the highlight sits: among its entity's mentions, its speaker's quotes, or all highlights."""
    here = (span.start, span.end)
    if span.label == "QUOTE":
        quotes = same_speaker_quotes(article, here)
        if len(quotes) > 1:
            return f"quote {quotes.index(here) + 1} of {len(quotes)} by this speaker"
    entity = article.entity(span.entity) if span.entity else None
    if entity is not None:
        mentions = sorted(set(entity.mentions) | {(s.start, s.end) for s in article.spans if s.entity == entity.id})
        if here in mentions and len(mentions) > 1:
            return f"mention {mentions.index(here) + 1} of {len(mentions)}"
    if visible:
        i = bisect_left(visible, here)
        if i < len(visible) and visible[i] == here:
            return f"highlight {i + 1} of {len(visible)}"
    return ""


def same_speaker_quotes(article: Article, here: tuple[int, int]) -> list[tuple[int, int]]:
    """The ranges of every speech quote by the speaker of the quote at `here`, in text order."""
    quote = next((q for q in article.quotes if (q.start, q.end) == here), None)
    if quote is None or not is_speech(quote):
        return []
    who = quote.speaker or speaker_name(article, quote)
    if who is None:
        return []
    return sorted((q.start, q.end) for q in article.quotes
                  if is_speech(q) and (q.speaker or speaker_name(article, q)) == who)


def fit(parts: list[StatusPart], width: int, separator: str = " · ") -> list[StatusPart]:
    """Drop the least important parts until the line fits; the last survivor may still be cut."""
    kept = list(parts)
    while len(kept) > 1 and len(separator.join(p.text for p in kept)) > width:
        kept.remove(min(kept, key=lambda p: p.priority))
    return kept
