"""The facts sidebar's content: grouping, counts, word bars, timeline order, lazy groups, caps."""

from __future__ import annotations

from conftest import make_app
from fake_article import seed_article
from rich.style import Style

from reader.model import Article, Entity, Span
from reader.ui.widgets.facts_panel import PAGE, words_bar


def row(node) -> str:
    """A row's whole text: its title and the count or bar that ends it."""
    return node.data.title + node.data.suffix


def labels(node) -> list[str]:
    return [row(child) for child in node.children]


def section(app, title: str):
    return next(n for n in app.facts.root.children if str(n.label).startswith(title))


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


def test_words_bar_scales_to_the_most_quoted_speaker():
    assert words_bar(10, 10, 8) == "█" * 8
    assert words_bar(5, 10, 8) == "████    "
    assert words_bar(1, 100, 8).strip() == "▏"  # a few words still show
    assert words_bar(0, 10, 8) == " " * 8


async def test_sections_group_and_count_what_the_article_says():
    article = seed_article()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        people = section(app, "People")
        assert row(people) == "People 4"
        assert labels(people)[0] == "Winston Enrique Perez Pilarte ×6"  # most mentioned first
        charges = section(app, "Charges")
        group = charges.children[0]
        # defect 9: ×N always counts mentions; a person's charges say "charges"
        assert row(group) == "Winston Enrique Perez Pilarte · 13 charges"
        assert "theft by unlawful taking · prior" in labels(group)
        assert "child rape · arrested" in labels(group)
        quotes = section(app, "Quotes")
        decker_words = sum(len(q.text.split()) for q in article.quotes if q.speaker == "e2")
        assert labels(quotes)[1] == f"Tom Decker {'█' * 8} {decker_words}"  # the sidebar follows text order
        timeline = section(app, "Timeline")
        assert [label.split()[0] for label in labels(timeline)] == ["2015-07", "2015-11-25"]
        assert labels(section(app, "Places")) == ["Philadelphia ×4"]


async def test_collapsed_groups_build_their_children_when_opened():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        decker = section(app, "Quotes").children[1]
        assert not decker.is_expanded and len(decker.children) == 0
        decker.expand()
        await settle(pilot)
        assert len(decker.children) == 3
        assert all(label.startswith("“") for label in labels(decker))
        app.facts.show(seed_article())  # a new chunk: the group the reader opened stays open
        assert section(app, "Quotes").children[1].is_expanded


def book_article(count: int) -> Article:
    base = seed_article()
    entities = [Entity(f"p{i}", "PERSON", f"Person {i}", mentions=[(j, j + 2) for j in range(1 + i % 5)])
                for i in range(count)]
    return Article(text=base.text, source=base.source, title=base.title, pipeline={"model": "x"},
                   spans=[Span(0, 2, "PERSON", base.text[:2], "p0")], entities=entities)


async def test_a_long_list_pages_instead_of_a_dead_more_row():
    """Defect 5: "… 232 more" did nothing; now enter on it shows the next page."""
    count = PAGE + 30
    app = make_app(steps=lambda loaded: [(1.0, book_article(count))])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        people = section(app, "People")
        assert row(people) == f"People {count}"
        assert len(people.children) == PAGE + 1
        more = people.children[-1]
        assert row(more).startswith("… 30 more")
        assert labels(people)[0].endswith("×5")
        app.facts.focus()
        app.facts.move_cursor(more)
        await pilot.press("enter")
        await settle(pilot)
        people = section(app, "People")
        assert len(people.children) == count and not row(people.children[-1]).startswith("…")


async def test_slash_in_the_sidebar_filters_as_you_type_and_escape_clears():
    app = make_app(steps=lambda loaded: [(1.0, book_article(PAGE + 30))])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s", "slash", *"son 12")
        await settle(pilot)
        people = section(app, "People")
        assert sorted(labels(people)) == sorted(f"Person {n} ×{1 + n % 5}" for n in (12, *range(120, 130)))
        await pilot.press("escape")
        await settle(pilot)
        assert app.facts.filter_text == "" and app.focused is app.facts
        assert len(section(app, "People").children) == PAGE + 1


async def test_long_rows_end_in_an_ellipsis_that_keeps_the_count_and_the_detail_shows_all():
    """Defect 3: rows were clipped mid-word and the ×N count vanished at 80 columns."""
    article = seed_article()
    long_role = "director of the regional field office for removal operations and detention standards"
    article.entities[1].roles = [long_role]  # Tom Decker
    app = make_app(steps=lambda loaded: [(1.0, article)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tree = app.facts
        width = tree.scrollable_content_region.width
        for line in range(tree.last_line + 1):
            node = tree.get_node_at_line(line)
            text = tree.render_label(node, Style(), Style()).plain
            assert len(text) <= width, text
            if node.data.suffix.startswith(" ×"):
                assert text.endswith(node.data.suffix), text  # the count survives
        decker_role = next(n for n in tree._all_nodes() if n.data.title == long_role)
        rendered = tree.render_label(decker_role, Style(), Style()).plain
        assert rendered.endswith("…") and long_role not in rendered
        await pilot.press("s")
        tree.move_cursor(decker_role)
        await settle(pilot)
        assert long_role in app.sidebar.detail_text  # the whole role, on screen


async def test_sidebar_keys_highlight_move_and_escape_back():
    """Defect 8: no row lit after s; j/k/g/G did nothing; escape stayed in the sidebar."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        tree = app.facts
        assert app.focused is tree and tree.cursor_line == 0
        await pilot.press("j", "j")
        assert tree.cursor_line == 2
        await pilot.press("k")
        assert tree.cursor_line == 1
        await pilot.press("G")
        assert tree.cursor_line == tree.last_line > 5
        await pilot.press("g")
        assert tree.cursor_line == 0
        await pilot.press("escape")
        assert app.focused is app.article_view
