"""The facts sidebar: who is in the story, what they are charged with, who said what, and when.

It renders the one facts model (`reader.facts.facts_of`, also behind the HTML and Markdown
exports). Rows never clip silently: a long row ends in an ellipsis that keeps its count, and the
selected row's whole text shows in the detail area below. Long lists page ("enter: 100 more"),
and `/` filters every section as you type. Every item carries the text ranges it stands for;
selecting it moves the article's cursor to the first, selecting it again steps through the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.facts import ChargeGroup, EntityFact, Facts, QuoteGroup, facts_of
from reader.model import Article
from reader.shown import Shown, shown_line

Item = TypeVar("Item")
BAR_WIDTH = 8
BAR_BLOCKS = " ▏▎▍▌▋▊▉█"
SECTIONS = ("People", "Organisations", "Charges", "Quotes", "Timeline", "Places")
# A book names thousands of things: a section shows a page at a time so rebuilding stays cheap
# (a few ms) and keys keep answering while analysis chunks arrive; "more" rows load the next page.
PAGE = 100
MAX_GROUP_ITEMS = 25
FEW_GROUPS = 8  # up to this many people with charges, their charges are listed open


@dataclass(frozen=True)
class FactTarget:
    """What a sidebar row points at and shows: text ranges to visit, the entity, its text parts."""

    key: str
    ranges: tuple[tuple[int, int], ...] = ()
    entity: str | None = None
    title: str = ""  # the row's main text (cut with an ellipsis when it does not fit)
    suffix: str = ""  # kept whole at the end of the row: a count, a bar
    detail: str = ""  # the whole text, shown in the detail area when the row is selected
    style: str = ""
    suffix_style: str = "dim"


def words_bar(count: int, most: int, width: int = BAR_WIDTH) -> str:
    """A small horizontal bar, `width` cells at `most`, in eighth-cell steps."""
    if most <= 0 or count <= 0:
        return " " * width
    eighths = max(1, round(count / most * width * 8))
    full, part = divmod(eighths, 8)
    bar = "█" * full + (BAR_BLOCKS[part] if part else "")
    return bar.ljust(width)


def _mark(corrected: bool) -> str:
    """The small sign of a reader's correction after a row (empty when there is none)."""
    return " ✎" if corrected else ""


def one_line(text: str | None) -> Shown:
    """Article text for a row goes through the boundary: controls made visible, one line."""
    return shown_line(text)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class FactsPanel(Tree[FactTarget]):
    """People, organisations, charges, quotes, timeline and places as a tree."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Go to mention / open", id="sidebar_select"),
        Binding("j", "cursor_down", "Down", show=False, id="sidebar_down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar_up"),
        Binding("g,home", "cursor_top", "First row", show=False, id="sidebar_top"),
        Binding("G,end", "cursor_bottom", "Last row", show=False, id="sidebar_bottom"),
        Binding("slash", "filter", "Filter", id="sidebar_filter"),
        Binding("escape", "leave", "Back to the article", id="sidebar_leave"),
    ]

    class MentionChosen(Message):
        """Move the article's cursor to `text[start:end]` (mention `index` of `total`)."""

        def __init__(self, start: int, end: int, entity: str | None, index: int, total: int) -> None:
            super().__init__()
            self.start = start
            self.end = end
            self.entity = entity
            self.index = index
            self.total = total

    class Leave(Message):
        """Escape in the sidebar: focus goes back to the article."""

    class FilterRequested(Message):
        """`/` in the sidebar: open the filter prompt."""

    class RowHighlighted(Message):
        """The highlighted row changed; `detail` is its whole text for the detail area."""

        def __init__(self, detail: str) -> None:
            super().__init__()
            self.detail = detail

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Facts", data=FactTarget("root"), id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 3  # narrower guides leave names room in an 80-column terminal
        self.filter_text = ""
        self._article: Article | None = None
        self._facts: Facts | None = None
        self._last_key: str | None = None
        self._cycle = 0
        self._limits: dict[str, int] = {}
        self._lazy_children: dict[int, Callable[[TreeNode[FactTarget]], None]] = {}
        self._opened_keys: set[str] = set()
        self._closed_keys: set[str] = set()

    # ----- building ---------------------------------------------------------------------------

    def show(self, article: Article) -> None:
        """Rebuild from an article, keeping open groups open and the cursor on the same item."""
        self._article = article
        self._facts = facts_of(article) if article.analysed else None
        self._rebuild()

    def set_filter(self, text: str) -> None:
        """Show only rows whose text contains `text` (case-insensitive); "" shows everything."""
        self.filter_text = text
        self._limits.clear()
        self._rebuild()

    def _rebuild(self) -> None:
        keep = self.cursor_node.data.key if self.cursor_node and self.cursor_node.data else None
        for node in self._all_nodes():
            if node.data is not None and node.allow_expand:
                (self._opened_keys if node.is_expanded else self._closed_keys).add(node.data.key)
                (self._closed_keys if node.is_expanded else self._opened_keys).discard(node.data.key)
        self.clear()
        self._lazy_children.clear()
        facts = self._facts
        if facts is None:
            self.root.add_leaf(Text("analysing…", style="italic"), data=FactTarget("waiting", title="analysing…"))
            return
        self._add_entities("People", facts.people)
        self._add_entities("Organisations", facts.organisations)
        self._add_charges(facts)
        self._add_quotes(facts)
        self._add_timeline(facts)
        self._add_entities("Places", facts.places)
        if keep is not None:
            self.reveal_key(keep)

    def show_message(self, message: Shown) -> None:
        """Replace the facts with one line (e.g. why there are none)."""
        self._facts = None
        self.clear()
        self._lazy_children.clear()
        text = Shown(message)
        self.root.add_leaf(Text(text, style="italic"), data=FactTarget("message", title=text, detail=text))

    def _matches(self, *texts: str) -> bool:
        needle = self.filter_text.casefold()
        return not needle or any(needle in text.casefold() for text in texts)

    def _group(self, parent: TreeNode[FactTarget], target: FactTarget, open_: bool,
               fill: Callable[[TreeNode[FactTarget]], None]) -> TreeNode[FactTarget]:
        """A node whose children are built only when it is first opened (books have thousands)."""
        node = parent.add(target.title, data=target, expand=False, allow_expand=True)
        if target.key in self._opened_keys or (open_ and target.key not in self._closed_keys):
            fill(node)
            node.expand()
        else:
            self._lazy_children[id(node)] = fill
        return node

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[FactTarget]) -> None:
        fill = self._lazy_children.pop(id(event.node), None)
        if fill is not None:
            fill(event.node)

    def _section(self, title: str, count: int) -> TreeNode[FactTarget]:
        key = f"section:{title}"
        target = FactTarget(key, title=title, suffix=f" {count}", style="bold", detail=f"{title}: {count}")
        return self.root.add(title, data=target, expand=key not in self._closed_keys)

    def _page(self, items: list[Item], key: str) -> tuple[list[Item], FactTarget | None]:
        """The items a section shows now, and a live "more" row that loads the next page, if any."""
        limit = self._limits.get(key, PAGE)
        hidden = len(items) - limit
        if hidden <= 0:
            return items, None
        label = f"… {hidden} more (enter: show {min(PAGE, hidden)} more; / filters)"
        return items[:limit], FactTarget(f"more:{key}", title=label, detail=label, style="dim italic")

    @staticmethod
    def _more(section: TreeNode[FactTarget], more: FactTarget | None) -> None:
        if more is not None:
            section.add_leaf(more.title, data=more)

    def _add_entities(self, title: str, entities: tuple[EntityFact, ...]) -> None:
        shown = [e for e in sorted(entities, key=lambda e: (-e.mentions, e.first))
                 if self._matches(e.name, *e.roles, *e.aliases)]
        section = self._section(title, len(shown))
        page, more = self._page(shown, title)
        for entity in page:
            details: list[str] = [one_line(role) for role in entity.roles]
            if entity.aliases:
                details.append("aka " + ", ".join(one_line(a) for a in entity.aliases))
            target = FactTarget(f"entity:{entity.id}", entity.ranges, entity.id, title=one_line(entity.name),
                                suffix=f" ×{entity.mentions}{_mark(entity.corrected)}",
                                detail="\n".join([f"{one_line(entity.name)} · {_plural(entity.mentions, 'mention')}",
                                                  *details]))
            if details:
                def fill(node: TreeNode[FactTarget], details: list[str] = details, target: FactTarget = target) -> None:
                    for i, detail in enumerate(details):
                        node.add_leaf(detail, data=FactTarget(f"{target.key}:{i}", target.ranges, target.entity,
                                                              title=detail, detail=detail, style="dim"))

                self._group(section, target, len(shown) <= MAX_GROUP_ITEMS or bool(self.filter_text), fill)
            else:
                section.add_leaf(target.title, data=target)
        self._more(section, more)

    def _add_charges(self, facts: Facts) -> None:
        groups = [g for g in facts.charges_by_person if self._matches(g.name, *(c.text for c in g.charges))]
        section = self._section("Charges", sum(len(g.charges) for g in groups))
        page, more = self._page(groups, "Charges")
        for group in page:
            ranges = tuple(sorted((c.start, c.end) for c in group.charges))
            count = _plural(len(group.charges), "charge")

            def fill(node: TreeNode[FactTarget], group: ChargeGroup = group,
                     ranges: tuple[tuple[int, int], ...] = ranges) -> None:
                for charge in group.charges[:MAX_GROUP_ITEMS]:
                    text = one_line(charge.text)
                    node.add_leaf(text, data=FactTarget(
                        f"charge:{charge.start}", ((charge.start, charge.end),), group.subject, title=text,
                        suffix=f" · {charge.status_text}{_mark(charge.corrected)}", suffix_style="italic",
                        detail=f"{text} · {charge.status_text} · {one_line(group.name)}"))
                if len(group.charges) > MAX_GROUP_ITEMS:
                    rest = f"… {len(group.charges) - MAX_GROUP_ITEMS} more: enter on {one_line(group.name)} visits all"
                    node.add_leaf(rest, data=FactTarget(f"charges-rest:{group.name}", ranges, group.subject,
                                                        title=rest, detail=rest, style="dim italic"))

            target = FactTarget(f"charges:{group.name}", ranges, group.subject, title=one_line(group.name),
                                suffix=f" · {count}", detail=f"{one_line(group.name)} · {count}")
            self._group(section, target, len(groups) <= FEW_GROUPS or bool(self.filter_text), fill)
        self._more(section, more)

    def _add_quotes(self, facts: Facts) -> None:
        groups = [g for g in facts.quotes_by_speaker if self._matches(g.name, *(q.text for q in g.quotes))]
        most = max((g.words for g in groups), default=0)
        section = self._section("Quotes", sum(len(g.quotes) for g in groups))
        page, more = self._page(groups, "Quotes")
        for group in page:
            ranges = tuple((q.start, q.end) for q in group.quotes)

            def fill(node: TreeNode[FactTarget], group: QuoteGroup = group,
                     ranges: tuple[tuple[int, int], ...] = ranges) -> None:
                for quote in group.quotes[:MAX_GROUP_ITEMS]:
                    text = f"“{one_line(quote.text)}”"
                    node.add_leaf(text, data=FactTarget(f"quote:{quote.start}", ((quote.start, quote.end),),
                                                        group.speaker, title=text, style="italic",
                                                        suffix=_mark(quote.corrected),
                                                        detail=f"{text} — {one_line(group.name)}"))
                if len(group.quotes) > MAX_GROUP_ITEMS:
                    rest = f"… {len(group.quotes) - MAX_GROUP_ITEMS} more: enter on the speaker visits all"
                    node.add_leaf(rest, data=FactTarget(f"quotes-rest:{group.name}", ranges, group.speaker,
                                                        title=rest, detail=rest, style="dim italic"))

            words = _plural(group.words, "word")
            target = FactTarget(f"speaker:{group.name}", ranges, group.speaker, title=one_line(group.name),
                                suffix=f" {words_bar(group.words, most)} {group.words}", suffix_style="bold",
                                detail=f"{one_line(group.name)} · {_plural(len(group.quotes), 'quote')}, {words}")
            self._group(section, target, bool(self.filter_text), fill)
        self._more(section, more)

    def _add_timeline(self, facts: Facts) -> None:
        entries = [e for e in facts.timeline if self._matches(e.date_text, e.text, *e.people)]
        section = self._section("Timeline", len(entries))
        page, more = self._page(entries, "Timeline")
        for entry in page:
            when = one_line(entry.date or entry.date_text)
            text = one_line(entry.text)
            who = f" ({', '.join(one_line(p) for p in entry.people)})" if entry.people else ""
            title = Shown(f"{when}  {text}")
            section.add_leaf(title, data=FactTarget(f"event:{entry.start}", ((entry.start, entry.end),), title=title,
                                                    detail=f"{one_line(entry.date_text)}: {text}{who}"))
        self._more(section, more)

    # ----- drawing ----------------------------------------------------------------------------

    def render_label(self, node: TreeNode[FactTarget], base_style: Style, style: Style) -> Text:
        """The row cut to the sidebar's width with an ellipsis, its count or bar kept whole."""
        target = node.data
        if target is None or not target.title:
            return super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        icon = 2 if node.allow_expand else 0
        guides = max(0, depth - 1) * self.guide_depth  # the hidden root draws no guide
        room = max(4, self.scrollable_content_region.width - guides - icon)
        # A short count always stays; a longer suffix (a status, a bar) gives way to the words first.
        suffix = target.suffix
        if len(suffix) > 5 and room - len(suffix) < min(len(target.title), 14):
            suffix = ""
        title = Text(target.title, style=target.style, no_wrap=True, end="")
        title.truncate(max(1, room - len(suffix)), overflow="ellipsis")
        label = Text.assemble(title, (suffix, target.suffix_style), no_wrap=True, end="")
        label.stylize(style)
        prefix = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE) if node.allow_expand else ""
        return Text.assemble((prefix, base_style + Style(bold=True)), label)

    def on_resize(self) -> None:
        self._invalidate()

    # ----- moving -----------------------------------------------------------------------------

    def _all_nodes(self) -> list[TreeNode[FactTarget]]:
        found: list[TreeNode[FactTarget]] = []
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(node.children)
        return found

    def reveal_key(self, key: str) -> bool:
        """Put the tree's cursor on the item with this key (expanding its parents); True if found."""
        for node in self._all_nodes():
            if node.data is not None and node.data.key == key:
                parent = node.parent
                while parent is not None:
                    parent.expand()
                    parent = parent.parent
                self.call_after_refresh(self._move_to, node)
                self._move_to(node)
                return True
        return False

    def _move_to(self, node: TreeNode[FactTarget]) -> None:
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def reveal_entity(self, entity_id: str) -> bool:
        """Show the entity's own item (focus mode calls this)."""
        return self.reveal_key(f"entity:{entity_id}")

    def on_focus(self) -> None:
        """Arriving in the sidebar (`s`) always highlights a row, so enter has something to act on."""
        if self.cursor_line < 0 and self.last_line >= 0:
            self.cursor_line = 0

    def action_cursor_top(self) -> None:
        self.cursor_line = 0
        self.scroll_to_line(0, animate=False)

    def action_cursor_bottom(self) -> None:
        self.cursor_line = self.last_line
        self.scroll_to_line(self.last_line, animate=False)

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    def action_filter(self) -> None:
        self.post_message(self.FilterRequested())

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[FactTarget]) -> None:
        target = event.node.data
        self.post_message(self.RowHighlighted(target.detail if target is not None else ""))

    def on_tree_node_selected(self, event: Tree.NodeSelected[FactTarget]) -> None:
        event.stop()
        target = event.node.data
        if target is not None and target.key.startswith("more:"):
            section = target.key.removeprefix("more:")
            self._limits[section] = self._limits.get(section, PAGE) + PAGE
            self._rebuild()
            return
        if target is None or not target.ranges:
            event.node.toggle()
            return
        if target.key == self._last_key:
            self._cycle = (self._cycle + 1) % len(target.ranges)
        else:
            self._last_key, self._cycle = target.key, 0
        start, end = target.ranges[self._cycle]
        self.post_message(self.MentionChosen(start, end, target.entity, self._cycle, len(target.ranges)))
