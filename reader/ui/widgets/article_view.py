"""The article as a virtualised, line-based view: only the rows on screen are ever rendered.

Rows come from `WrapIndex` (lazy soft wrap), each row is styled on demand from the spans that
overlap it, so opening a book costs the same as opening a page. Layer looks are component classes
(`layer--person`, ...) styled in `reader.tcss` from the palette's CSS variables, so themes and
NO_COLOR apply, and every row goes through `neutralise` (the export's own safety step): the
article is data, never markup or terminal control.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.export.render import look_key, neutralise, term_ranges
from reader.facts import speaker_name
from reader.layers import layer, paint_rank
from reader.model import Article, Span
from reader.shown import shown_line
from reader.ui.looks import look_styles
from reader.ui.status import same_speaker_quotes
from reader.ui.wrap import WrapIndex

MAX_MATCHES = 10_000
BACKGROUND_WRAP_ROWS = 4_000


@dataclass(frozen=True)
class ViewState:
    """What the reader had on screen for one article, so switching articles comes back to it."""

    cursor: tuple[int, int] | None
    top_offset: int
    focus_entity: str | None


class ArticleView(ScrollView, can_focus=True):
    """The article text, soft-wrapped, with highlight layers, a cursor, focus mode and search."""

    COMPONENT_CLASSES = {"cursor", "search-match", "search-current", "focus-dim", "corrected"}
    BINDINGS = [
        Binding("tab", "next_highlight(1)", "Next highlight", id="next_highlight"),
        Binding("shift+tab", "next_highlight(-1)", "Previous highlight", show=False, id="previous_highlight"),
        Binding("right_square_bracket", "next_in_layer(1)", "Next in layer", show=False,
                id="next_in_layer"),
        Binding("left_square_bracket", "next_in_layer(-1)", "Previous in layer", show=False,
                id="previous_in_layer"),
        Binding("right_curly_bracket", "next_by_speaker(1)", "Next quote by this speaker", show=False,
                id="next_by_speaker"),
        Binding("left_curly_bracket", "next_by_speaker(-1)", "Previous quote by this speaker", show=False,
                id="previous_by_speaker"),
        Binding("y", "copy_quote", "Copy quote with its speaker", show=False, id="copy_quote"),
        Binding("enter", "focus_entity", "Focus entity", id="focus_entity"),
        Binding("escape", "clear_focus", "Clear focus", show=False, id="clear_focus"),
        Binding("n", "next_match(1)", "Next match", show=False, id="next_match"),
        Binding("N", "next_match(-1)", "Previous match", show=False, id="previous_match"),
        Binding("j,down", "scroll_lines(1)", "Down", show=False, id="line_down"),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False, id="line_up"),
        Binding("space,pagedown", "scroll_pages(1)", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "scroll_pages(-1)", "Page up", show=False, id="page_up"),
        Binding("g,home", "scroll_top", "Top", show=False, id="top"),
        Binding("G,end", "scroll_bottom", "Bottom", show=False, id="bottom"),
    ]

    class CursorMoved(Message):
        """The cursor now covers `text[start:end]`; `span` is the highlight there, if any."""

        def __init__(self, view: ArticleView, start: int, end: int, span: Span | None) -> None:
            super().__init__()
            self.view = view
            self.start = start
            self.end = end
            self.span = span

    class EntityFocused(Message):
        """Focus mode now lights `entity_id` (None: focus mode cleared)."""

        def __init__(self, view: ArticleView, entity_id: str | None) -> None:
            super().__init__()
            self.view = view
            self.entity_id = entity_id

    class Scrolled(Message):
        """The view scrolled to another row: how far the reader has read changed."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    class SearchChanged(Message):
        """The search matches or the current match changed."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self.hidden_layers: set[str] = set()
        self.cursor: tuple[int, int] | None = None
        self.focus_entity: str | None = None
        self.query_text = ""
        self.matches: list[tuple[int, int]] = []
        self.match_index: int | None = None
        self._index: WrapIndex | None = None
        self._spans: list[Span] = []
        self._span_starts: list[int] = []
        self._longest_span = 0
        self._lit: set[tuple[int, int]] = set()
        self._terms: frozenset[tuple[int, int]] = frozenset()
        self._spans_version = 0
        self._visible_cache: tuple[tuple[int, frozenset[str], str | None, int], list[Span]] | None = None
        self._ranges_cache: tuple[list[Span], tuple[tuple[int, int], ...]] | None = None
        self._set_spans(article)

    # ----- data -------------------------------------------------------------------------------

    def load(self, article: Article, state: ViewState | None = None) -> None:
        """Show another article (fresh layout), restoring its saved state if any."""
        self.article = article
        self._set_spans(article)
        self.cursor = state.cursor if state else None
        self.focus_entity = None
        self._lit = set()
        self._index = None
        self.matches, self.match_index = [], None
        if self.query_text:
            self.search(self.query_text)
        self._relayout(top_offset=state.top_offset if state else 0)
        if state and state.focus_entity:
            self.set_focus_entity(state.focus_entity)
        self.refresh()

    def update_article(self, article: Article) -> None:
        """New analysis of the same text (a chunk finished): keep the layout, cursor and scroll."""
        self.article = article
        self._set_spans(article)
        if self.focus_entity is not None:
            self._lit = self._mentions_of(self.focus_entity)
        self.refresh()

    def save_state(self) -> ViewState:
        return ViewState(self.cursor, self.top_offset(), self.focus_entity)

    def _set_spans(self, article: Article) -> None:
        spans = [s for s in article.spans if layer(s.label) is not None and 0 <= s.start < s.end]
        spans.sort(key=lambda s: (s.start, -s.end, paint_rank(s.label)))
        self._terms = term_ranges(article)
        self._spans_version += 1
        self._spans = spans
        self._span_starts = [s.start for s in spans]
        self._longest_span = max((s.end - s.start for s in spans), default=0)

    @property
    def selected_span(self) -> Span | None:
        """The highlight exactly under the cursor (the innermost if several share it)."""
        if self.cursor is None:
            return None
        start, end = self.cursor
        found = [s for s in self._spans_in(start, end) if (s.start, s.end) == (start, end)
                 and s.label not in self.hidden_layers]
        return max(found, key=lambda s: paint_rank(s.label)) if found else None

    def visible_spans(self) -> list[Span]:
        """The spans tab moves through: layers switched on, only the focused entity in focus mode.

        Kept until the spans, the layers shown or the focus change: tab and the status line both ask.
        """
        key = (self._spans_version, frozenset(self.hidden_layers), self.focus_entity, len(self._lit))
        if self._visible_cache is not None and self._visible_cache[0] == key:
            return self._visible_cache[1]
        spans: list[Span] = []
        for span in self._spans:
            if span.label in self.hidden_layers:
                continue
            if self.focus_entity is not None and (span.start, span.end) not in self._lit:
                continue
            if spans and (spans[-1].start, spans[-1].end) == (span.start, span.end):
                continue  # one stop per stretch of text, whatever the number of layers on it
            spans.append(span)
        self._visible_cache = (key, spans)
        return spans

    def visible_ranges(self) -> tuple[tuple[int, int], ...]:
        """`visible_spans` as (start, end) pairs, for counting "highlight k of n"."""
        spans = self.visible_spans()
        if self._ranges_cache is None or self._ranges_cache[0] is not spans:
            self._ranges_cache = (spans, tuple((s.start, s.end) for s in spans))
        return self._ranges_cache[1]

    # ----- layout -----------------------------------------------------------------------------

    @property
    def wrap_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def top_offset(self) -> int:
        """The text offset of the first row on screen."""
        if self._index is None or self._index.rows_done == 0:
            return 0
        row = min(int(self.scroll_y), self._index.rows_done - 1)
        return self._index.row(row)[0]

    def percent_read(self) -> int | None:
        """How far down the last row on screen is, as less -M shows it (None before layout)."""
        if self._index is None or self._index.rows_done == 0:
            return None
        bottom = min(int(self.scroll_y) + self.scrollable_content_region.height, self._index.rows_done)
        end = self._index.row(bottom - 1)[1] if bottom > 0 else 0
        return min(100, round(100 * end / max(1, len(self.article.text))))

    def row_of(self, offset: int) -> int:
        assert self._index is not None
        row = self._index.row_of(offset)
        self._sync_virtual_size()
        return row

    def on_mount(self) -> None:
        self._relayout(0)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.post_message(self.Scrolled(self))

    def on_resize(self) -> None:
        if self._index is not None and self._index.width == self.wrap_width:
            return
        self._relayout(self.top_offset())

    def _relayout(self, top_offset: int) -> None:
        """Wrap afresh at the current width and put `top_offset` back at the top of the screen."""
        if not self.is_mounted or self.size.width == 0:
            return
        self._index = WrapIndex(self.article.text, self.wrap_width)
        self._index.ensure_rows(self.size.height + 1)
        row = self.row_of(top_offset) if top_offset else 0
        self._sync_virtual_size()
        self.scroll_to(y=row, animate=False, immediate=True, force=True)
        if not self._index.complete:
            self.set_timer(0.01, self._wrap_in_background)

    def _wrap_in_background(self) -> None:
        """Finish the wrap a slice at a time between frames so the scrollbar becomes exact."""
        index = self._index
        if index is None or index.complete:
            return
        done = index.wrap_some(BACKGROUND_WRAP_ROWS)
        self._sync_virtual_size()
        if not done:
            self.set_timer(0.01, self._wrap_in_background)

    def _sync_virtual_size(self) -> None:
        if self._index is not None:
            self.virtual_size = Size(self.wrap_width, self._index.estimated_rows())

    # ----- rendering --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = self._index
        row = int(self.scroll_y) + y
        if index is None:
            return Strip.blank(width, base)
        index.ensure_rows(row + 1)
        if row >= index.rows_done:
            return Strip.blank(width, base)
        start, end = index.row(row)
        line = Text(neutralise(self.article.text[start:end]).replace("\t", " "), end="")
        self._stylize(line, start, end)
        segments = list(line.render(self.app.console))
        return Strip(segments).adjust_cell_length(width).apply_style(base)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _looks(self) -> dict[str, Style]:
        theme = self.app.current_theme
        return look_styles(theme.dark if theme is not None else True, self.app.no_color)

    def _stylize(self, line: Text, start: int, end: int) -> None:
        focus = self.focus_entity
        if focus is not None:
            line.stylize(self._style("focus-dim"), 0, end - start)
        spans = sorted(self._spans_in(start, end), key=lambda s: paint_rank(s.label))
        looks = self._looks()
        for span in spans:
            if span.label in self.hidden_layers:
                continue
            lit = focus is None or (span.start, span.end) in self._lit
            if not lit:
                continue
            a, b = max(span.start, start) - start, min(span.end, end) - start
            line.stylize(looks[look_key(span, self._terms)], a, b)
            if span.corrected:
                line.stylize(self._style("corrected"), a, b)
            if focus is not None:
                line.stylize(Style(dim=False), a, b)
        if focus is not None:
            for a, b in self._lit:
                if a < end and b > start and not any((s.start, s.end) == (a, b) for s in spans):
                    line.stylize(Style(dim=False), max(a, start) - start, min(b, end) - start)
        if self.matches:
            lo = bisect_left(self.matches, (start - 1_000, 0))
            for i in range(lo, len(self.matches)):
                a, b = self.matches[i]
                if a >= end:
                    break
                if b > start:
                    name = "search-current" if i == self.match_index else "search-match"
                    line.stylize(self._style(name), max(a, start) - start, min(b, end) - start)
        if self.cursor is not None:
            a, b = self.cursor
            if a < end and b > start:
                line.stylize(self._style("cursor"), max(a, start) - start, min(b, end) - start)

    def _spans_in(self, start: int, end: int) -> list[Span]:
        """Spans overlapping [start, end), from the sorted start list."""
        lo = bisect_left(self._span_starts, start - self._longest_span)
        hi = bisect_left(self._span_starts, end)
        return [s for s in self._spans[lo:hi] if s.end > start]

    # ----- cursor -----------------------------------------------------------------------------

    def move_cursor(self, start: int, end: int) -> None:
        """Put the cursor on text[start:end] and scroll it into view."""
        self.cursor = (start, end)
        self.scroll_to_offset(start)
        self.refresh()
        self.post_message(self.CursorMoved(self, start, end, self.selected_span))

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the row holding `offset` is on screen (a third of the way down if it was not)."""
        if self._index is None:
            return
        row = self.row_of(offset)
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        if not top <= row < top + height:
            self.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True, force=True)

    def _cursor_on_screen(self) -> bool:
        if self.cursor is None or self._index is None:
            return False
        row = self.row_of(self.cursor[0])
        top = int(self.scroll_y)
        return top <= row < top + self.scrollable_content_region.height

    def _anchor(self, direction: int) -> tuple[int, int]:
        """Where next/previous counts from: the cursor if visible, else the screen's edge."""
        if self._cursor_on_screen():
            assert self.cursor is not None
            return self.cursor
        if self._index is None:
            return (0, 0)
        if direction > 0:
            top = self.top_offset()
            return (top - 1, top - 1)
        last_row = min(int(self.scroll_y) + self.scrollable_content_region.height, self._index.rows_done)
        end = self._index.row(last_row - 1)[1] if last_row > 0 else 0
        return (end + 1, end + 1)

    def _step(self, spans: list[Span], direction: int) -> Span | None:
        if not spans:
            return None
        anchor = self._anchor(direction)
        keys = [(s.start, -s.end) for s in spans]
        here = (anchor[0], -anchor[1])
        if direction > 0:
            i = bisect_left(keys, here)
            if i < len(keys) and keys[i] == here:
                i += 1
            return spans[i] if i < len(spans) else spans[0]
        i = bisect_left(keys, here) - 1
        return spans[i] if i >= 0 else spans[-1]

    def action_next_highlight(self, direction: int) -> None:
        span = self._step(self.visible_spans(), direction)
        if span is None:
            self.notify("No highlights to move to yet", timeout=2)
            return
        self.move_cursor(span.start, span.end)

    def action_next_in_layer(self, direction: int) -> None:
        current = self.selected_span
        label = current.label if current is not None else "PERSON"
        span = self._step([s for s in self.visible_spans() if s.label == label], direction)
        if span is None:
            found = layer(label)
            self.notify(f"No {found.title.lower() if found else label.lower()} highlighted", timeout=2)
            return
        self.move_cursor(span.start, span.end)

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset shown at content cell (x, y) of the view, or None past the text."""
        if self._index is None:
            return None
        row = int(self.scroll_y) + y
        self._index.ensure_rows(row + 1)
        if row >= self._index.rows_done:
            return None
        start, end = self._index.row(row)
        cells = 0
        for i, ch in enumerate(neutralise(self.article.text[start:end])):
            cells += get_character_cell_size(ch) or 1
            if cells > x:
                return start + i
        return None

    def on_click(self, event: events.Click) -> None:
        """Click a highlight to put the cursor on it; double-click to focus its entity."""
        where = event.get_content_offset(self)
        if where is None:
            return
        offset = self.offset_at(where.x, where.y)
        if offset is None:
            return
        under = [s for s in self._spans_in(offset, offset + 1)
                 if s.start <= offset < s.end and s.label not in self.hidden_layers]
        if not under:
            return
        span = min(under, key=lambda s: (s.end - s.start, -paint_rank(s.label)))
        self.move_cursor(span.start, span.end)
        if event.chain >= 2:
            self.action_focus_entity()

    # ----- focus mode -------------------------------------------------------------------------

    def entity_under_cursor(self) -> str | None:
        """The entity the cursor is on: a name's own entity, a quote's speaker, a charge's subject."""
        if self.cursor is None:
            return None
        start, end = self.cursor
        inner = [s for s in self._spans_in(start, end) if s.start <= start and s.end >= end]
        inner.sort(key=lambda s: (s.end - s.start, -paint_rank(s.label)))
        for span in inner:
            if span.entity is not None:
                return span.entity
            if span.label == "QUOTE":
                speaker = next((q.speaker for q in self.article.quotes
                                if (q.start, q.end) == (span.start, span.end)), None)
                if speaker is not None:
                    return speaker
            if span.label == "CHARGE":
                subject = next((c.subject for c in self.article.charges
                                if (c.start, c.end) == (span.start, span.end)), None)
                if subject is not None:
                    return subject
        return None

    def set_focus_entity(self, entity_id: str | None) -> None:
        self.focus_entity = entity_id
        self._lit = set() if entity_id is None else self._mentions_of(entity_id)
        self.refresh()
        self.post_message(self.EntityFocused(self, entity_id))

    def _mentions_of(self, entity_id: str) -> set[tuple[int, int]]:
        """What focus on an entity lights: its mentions, the quotes it said, the charges tied to it."""
        lit = {(s.start, s.end) for s in self._spans if s.entity == entity_id}
        entity = self.article.entity(entity_id)
        if entity is not None:
            lit.update((a, b) for a, b in entity.mentions)
        lit.update((q.start, q.end) for q in self.article.quotes if q.speaker == entity_id)
        lit.update((c.start, c.end) for c in self.article.charges if c.subject == entity_id)
        return lit

    def action_focus_entity(self) -> None:
        entity_id = self.entity_under_cursor()
        if entity_id is None:
            self.notify("Put the cursor on a name first (tab moves to the next highlight)", timeout=3)
            return
        self.set_focus_entity(entity_id)

    def action_clear_focus(self) -> None:
        if self.focus_entity is not None:
            self.set_focus_entity(None)

    # ----- quotes -----------------------------------------------------------------------------

    def quote_under_cursor(self) -> Span | None:
        """The QUOTE span the cursor is on or inside (a name inside a quote counts)."""
        if self.cursor is None:
            return None
        start, end = self.cursor
        quotes = [s for s in self._spans_in(start, end) if s.label == "QUOTE" and s.start <= start and s.end >= end]
        return min(quotes, key=lambda s: s.end - s.start) if quotes else None

    def action_next_by_speaker(self, direction: int) -> None:
        """`}` / `{`: the next or previous quote by the speaker of the quote under the cursor."""
        quote = self.quote_under_cursor()
        ranges = same_speaker_quotes(self.article, (quote.start, quote.end)) if quote is not None else []
        if quote is None or not ranges:
            self.notify("Put the cursor on a quote with a known speaker first",
                        timeout=3)
            return
        i = (ranges.index((quote.start, quote.end)) + direction) % len(ranges)
        self.move_cursor(*ranges[i])

    def quote_with_attribution(self) -> str | None:
        """“The quote” — Speaker, role: what `y` copies."""
        quote_span = self.quote_under_cursor()
        if quote_span is None:
            return None
        quote = next((q for q in self.article.quotes if (q.start, q.end) == (quote_span.start, quote_span.end)),
                     None)
        words = " ".join(neutralise(quote_span.text if quote is None else quote.text).split())
        who = speaker_name(self.article, quote) if quote is not None else None
        if not who:
            return f"“{words}”"
        entity = self.article.entity(quote.speaker) if quote is not None and quote.speaker else None
        role = f", {entity.roles[0]}" if entity is not None and entity.roles else ""
        return f"“{words}” — {' '.join(neutralise(who + role).split())}"

    def action_copy_quote(self) -> None:
        text = self.quote_with_attribution()
        if text is None:
            self.notify("Put the cursor on a quote first", timeout=2)
            return
        self.app.copy_to_clipboard(text)
        self.notify("Copied the quote with its speaker", timeout=2)

    # ----- layers -----------------------------------------------------------------------------

    def toggle_layer(self, label: str) -> bool:
        """Show or hide a layer; returns True if it is now shown."""
        if label in self.hidden_layers:
            self.hidden_layers.discard(label)
        else:
            self.hidden_layers.add(label)
        self.refresh()
        return label not in self.hidden_layers

    # ----- search -----------------------------------------------------------------------------

    def search(self, query: str) -> int:
        """Find every case-insensitive occurrence of `query`; returns the number of matches."""
        self.query_text = query
        self.matches = []
        self.match_index = None
        if query:
            pattern = re.compile(re.escape(query), re.IGNORECASE)
            for found in pattern.finditer(self.article.text):
                self.matches.append((found.start(), found.end()))
                if len(self.matches) >= MAX_MATCHES:
                    break
        self.refresh()
        self.post_message(self.SearchChanged(self))
        return len(self.matches)

    def action_next_match(self, direction: int) -> None:
        if not self.matches:
            self.notify("No search matches (press / to search)" if not self.query_text
                        else shown_line(f"No match for {self.query_text!r}"), timeout=2, markup=False)
            return
        anchor = self._anchor(direction)
        if direction > 0:
            i = bisect_left(self.matches, (anchor[0] + 1, 0))
            i = i if i < len(self.matches) else 0
        else:
            i = bisect_left(self.matches, anchor) - 1
            i = i if i >= 0 else len(self.matches) - 1
        self.match_index = i
        self.move_cursor(*self.matches[i])
        self.post_message(self.SearchChanged(self))

    # ----- scrolling --------------------------------------------------------------------------

    def action_scroll_lines(self, count: int) -> None:
        self.scroll_to(y=max(0, int(self.scroll_y) + count), animate=False, immediate=True, force=True)

    def action_scroll_pages(self, count: int) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=max(0, int(self.scroll_y) + count * page), animate=False, immediate=True, force=True)

    def action_scroll_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def action_scroll_bottom(self) -> None:
        if self._index is not None:
            self._index.ensure_rows(10**12)
            self._sync_virtual_size()
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)
