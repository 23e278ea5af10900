"""The facts sidebar's content: grouping, counts, word bars, timeline order, lazy groups, caps."""

from __future__ import annotations

from conftest import make_app
from fake_article import seed_article

from reader.model import Article, Entity, Span
from reader.ui.widgets.facts_panel import MAX_SECTION_ITEMS, words_bar


def labels(node) -> list[str]:
    return [str(child.label) for child in node.children]


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
        assert str(people.label) == "People 4"
        assert labels(people)[0] == "Winston Enrique Perez Pilarte ×6"  # most mentioned first
        charges = section(app, "Charges")
        group = charges.children[0]
        assert str(group.label) == "Winston Enrique Perez Pilarte ×13"
        assert "theft by unlawful taking · prior" in labels(group)
        assert "child rape · arrested" in labels(group)
        quotes = section(app, "Quotes")
        decker_words = sum(len(q.text.split()) for q in article.quotes if q.speaker == "e2")
        assert labels(quotes)[0] == f"Tom Decker {'█' * 8} {decker_words} words"
        timeline = section(app, "Timeline")
        assert [label.split()[0] for label in labels(timeline)] == ["2015-07", "2015-11-25"]
        assert labels(section(app, "Places")) == ["Philadelphia ×4"]


async def test_collapsed_groups_build_their_children_when_opened():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        decker = section(app, "Quotes").children[0]
        assert not decker.is_expanded and len(decker.children) == 0
        decker.expand()
        await settle(pilot)
        assert len(decker.children) == 3
        assert all(label.startswith("“") for label in labels(decker))
        app.facts.show(seed_article())  # a new chunk: the group the reader opened stays open
        assert section(app, "Quotes").children[0].is_expanded


async def test_a_book_shows_the_most_mentioned_and_says_how_many_more():
    base = seed_article()
    count = MAX_SECTION_ITEMS + 30
    entities = [Entity(f"p{i}", "PERSON", f"Person {i}", mentions=[(0, 2)] * (1 + i % 5))
                for i in range(count)]
    article = Article(text=base.text, source=base.source, title=base.title, pipeline={"model": "x"},
                      spans=[Span(0, 2, "PERSON", base.text[:2], "p0")], entities=entities)
    app = make_app(steps=lambda loaded: [(1.0, article)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        people = section(app, "People")
        assert str(people.label) == f"People {count}"
        assert len(people.children) == MAX_SECTION_ITEMS + 1
        assert labels(people)[-1] == "… 30 more"
        assert labels(people)[0].endswith("×5")
