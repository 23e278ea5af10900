"""The facts sidebar: who is in the story, what they are charged with, who said what, and when.

Every item carries the text ranges it stands for; selecting it asks the article to move its cursor
to the first, and selecting it again steps through the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.model import Article, Entity
from reader.shown import Shown, shown_line

BAR_WIDTH = 8
BAR_BLOCKS = " ▏▎▍▌▋▊▉█"
SECTIONS = ("People", "Organisations", "Charges", "Quotes", "Timeline", "Places")
# A book names thousands of things; the tree shows the most mentioned so rebuilding it stays cheap
# (a few ms) and the keys keep answering while analysis chunks arrive.
MAX_SECTION_ITEMS = 120
MAX_GROUP_ITEMS = 25
FEW_GROUPS = 8  # up to this many people with charges, their charges are listed open


@dataclass(frozen=True)
class FactTarget:
    """What a sidebar item points at: text ranges to visit and the entity it is about, if any."""

    key: str
    ranges: tuple[tuple[int, int], ...] = ()
    entity: str | None = None


def words_bar(count: int, most: int, width: int = BAR_WIDTH) -> str:
    """A small horizontal bar, `width` cells at `most`, in eighth-cell steps."""
    if most <= 0 or count <= 0:
        return " " * width
    eighths = max(1, round(count / most * width * 8))
    full, part = divmod(eighths, 8)
    bar = "█" * full + (BAR_BLOCKS[part] if part else "")
    return bar.ljust(width)


def _one_line(text: str | None, limit: int = 70) -> Shown:
    """Every row of the sidebar quotes the article: one shown line, clipped."""
    return shown_line(text, limit)


class FactsPanel(Tree[FactTarget]):
    """People, organisations, charges, quotes, timeline and places as a tree."""

    BINDINGS = [Binding("enter", "select_cursor", "Go to mention", id="sidebar_select")]

    class MentionChosen(Message):
        """Move the article's cursor to `text[start:end]` (mention `index` of `total`)."""

        def __init__(self, start: int, end: int, entity: str | None, index: int, total: int) -> None:
            super().__init__()
            self.start = start
            self.end = end
            self.entity = entity
            self.index = index
            self.total = total

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Facts", data=FactTarget("root"), id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 3  # narrower guides leave names room in an 80-column terminal
        self._last_key: str | None = None
        self._cycle = 0
        self._lazy_children: dict[int, Callable[[TreeNode[FactTarget]], None]] = {}
        self._opened_keys: set[str] = set()
        self._closed_keys: set[str] = set()

    def show(self, article: Article) -> None:
        """Rebuild from an article, keeping open groups open and the cursor on the same item."""
        keep = self.cursor_node.data.key if self.cursor_node and self.cursor_node.data else None
        for node in self._all_nodes():
            if node.data is not None and node.allow_expand:
                (self._opened_keys if node.is_expanded else self._closed_keys).add(node.data.key)
                (self._closed_keys if node.is_expanded else self._opened_keys).discard(node.data.key)
        self.clear()
        self._lazy_children.clear()
        if not article.analysed:
            self.root.add_leaf(Text("analysing…", style="italic"), data=FactTarget("waiting"))
            return
        self._add_entities(article, "People", "PERSON")
        self._add_entities(article, "Organisations", "ORG")
        self._add_charges(article)
        self._add_quotes(article)
        self._add_timeline(article)
        self._add_entities(article, "Places", "PLACE")
        if keep is not None:
            self.reveal_key(keep)

    def show_message(self, message: Shown) -> None:
        """Replace the facts with one line (e.g. why there are none)."""
        self.clear()
        self._lazy_children.clear()
        self.root.add_leaf(Text(Shown(message), style="italic"), data=FactTarget("message"))

    def _group(self, parent: TreeNode[FactTarget], label: Text, target: FactTarget, open_: bool,
               fill: Callable[[TreeNode[FactTarget]], None]) -> TreeNode[FactTarget]:
        """A node whose children are built only when it is first opened (books have thousands)."""
        node = parent.add(label, data=target, expand=False, allow_expand=True)
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
        label = Text.assemble((title, "bold"), (f" {count}", "dim"))
        key = f"section:{title}"
        return self.root.add(label, data=FactTarget(key), expand=key not in self._closed_keys)

    def _add_entities(self, article: Article, title: str, label: str) -> None:
        entities = [e for e in article.entities if e.label == label]
        entities.sort(key=lambda e: (-len(e.mentions), e.mentions[0] if e.mentions else (0, 0)))
        section = self._section(title, len(entities))
        for entity in entities[:MAX_SECTION_ITEMS]:
            target = FactTarget(f"entity:{entity.id}", tuple(sorted(entity.mentions)), entity.id)
            node_label = Text.assemble(_one_line(entity.name), (f" ×{len(entity.mentions)}", "dim"))
            details = self._entity_details(entity)
            if details:
                def fill(node: TreeNode[FactTarget], details=details, target=target) -> None:
                    for i, detail in enumerate(details):
                        node.add_leaf(Text(detail, style="dim"),
                                      data=FactTarget(f"{target.key}:{i}", target.ranges, target.entity))

                self._group(section, node_label, target, len(entities) <= MAX_GROUP_ITEMS, fill)
            else:
                section.add_leaf(node_label, data=target)
        self._more(section, len(entities) - MAX_SECTION_ITEMS)

    @staticmethod
    def _more(node: TreeNode[FactTarget], hidden: int) -> None:
        if hidden > 0:
            node.add_leaf(Text(f"… {hidden} more", style="dim italic"), data=FactTarget("more"))

    @staticmethod
    def _entity_details(entity: Entity) -> list[Shown]:
        details = [_one_line(role, 60) for role in entity.roles]
        aliases = [a for a in entity.aliases if a != entity.name]
        if aliases:
            details.append(_one_line("aka " + ", ".join(aliases)))
        return details

    def _add_charges(self, article: Article) -> None:
        by_person: dict[str | None, list] = defaultdict(list)
        for charge in article.charges:
            by_person[charge.subject].append(charge)
        section = self._section("Charges", len(article.charges))
        groups = sorted(by_person.items(), key=lambda kv: (kv[0] is None, -len(kv[1]), kv[0] or ""))
        for subject, charges in groups[:MAX_SECTION_ITEMS]:
            entity = article.entity(subject)
            name = _one_line(entity.name if entity else "not tied to a person")
            ranges = tuple(sorted((c.start, c.end) for c in charges))
            def fill(node: TreeNode[FactTarget], charges=charges, subject=subject) -> None:
                for charge in sorted(charges, key=lambda item: item.start)[:MAX_GROUP_ITEMS]:
                    status = _one_line((charge.status or "status unknown").replace("_", " "))
                    node.add_leaf(Text.assemble(_one_line(charge.text, 50), (f" · {status}", "italic")),
                                  data=FactTarget(f"charge:{charge.start}", ((charge.start, charge.end),),
                                                  subject))
                self._more(node, len(charges) - MAX_GROUP_ITEMS)

            self._group(section, Text.assemble(name, (f" ×{len(charges)}", "dim")),
                        FactTarget(f"charges:{subject}", ranges, subject), len(groups) <= FEW_GROUPS, fill)
        self._more(section, len(groups) - MAX_SECTION_ITEMS)

    def _add_quotes(self, article: Article) -> None:
        by_speaker: dict[str, list] = defaultdict(list)
        for quote in article.quotes:
            by_speaker[quote.speaker_name or "unknown speaker"].append(quote)
        words = {name: sum(len(q.text.split()) for q in quotes) for name, quotes in by_speaker.items()}
        most = max(words.values(), default=0)
        section = self._section("Quotes", len(article.quotes))
        speakers = sorted(by_speaker.items(), key=lambda kv: (-words[kv[0]], kv[0]))
        for name, quotes in speakers[:MAX_SECTION_ITEMS]:
            speaker = quotes[0].speaker
            ranges = tuple(sorted((q.start, q.end) for q in quotes))
            label = Text.assemble(_one_line(name), " ", (words_bar(words[name], most), "bold"),
                                  (f" {words[name]} words", "dim"))
            def fill(node: TreeNode[FactTarget], quotes=quotes, speaker=speaker) -> None:
                for quote in sorted(quotes, key=lambda item: item.start)[:MAX_GROUP_ITEMS]:
                    node.add_leaf(Text("“" + _one_line(quote.text, 60) + "”", style="italic"),
                                  data=FactTarget(f"quote:{quote.start}", ((quote.start, quote.end),),
                                                  speaker))
                self._more(node, len(quotes) - MAX_GROUP_ITEMS)

            self._group(section, label, FactTarget(f"speaker:{name}", ranges, speaker), False, fill)
        self._more(section, len(speakers) - MAX_SECTION_ITEMS)

    def _add_timeline(self, article: Article) -> None:
        events = sorted(article.events, key=lambda e: (e.date is None, e.date or "", e.start))
        section = self._section("Timeline", len(events))
        for event in events[:MAX_SECTION_ITEMS]:
            when = _one_line(event.date or event.date_text)
            section.add_leaf(Text.assemble((when, "bold"), "  ", _one_line(event.text, 60)),
                             data=FactTarget(f"event:{event.start}", ((event.start, event.end),)))
        self._more(section, len(events) - MAX_SECTION_ITEMS)

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

    def on_tree_node_selected(self, event: Tree.NodeSelected[FactTarget]) -> None:
        event.stop()
        target = event.node.data
        if target is None or not target.ranges:
            event.node.toggle()
            return
        if target.key == self._last_key:
            self._cycle = (self._cycle + 1) % len(target.ranges)
        else:
            self._last_key, self._cycle = target.key, 0
        start, end = target.ranges[self._cycle]
        self.post_message(self.MentionChosen(start, end, target.entity, self._cycle, len(target.ranges)))
