"""The app opens on the seed, shows the text at once, then the highlights and the sidebar."""

from __future__ import annotations

from reader.model import Article, Entity, Quote, Span
from reader.sources import LoadedText
from reader.ui.app import ReaderApp
from tests.conftest import SEED


def _fake_analysis(loaded: LoadedText) -> Article:
    text = loaded.text
    start = text.index("Tom Decker")
    q_start = text.index("Our deportation officers")
    q_end = text.index("alleged predators") + len("alleged predators")
    return Article(
        text=text, source=loaded.source, title=loaded.title,
        pipeline={"model": "fake", "model_version": "0", "reader_version": "0.1.0"},
        spans=[Span(q_start, q_end, "QUOTE", text[q_start:q_end]),
               Span(start, start + 10, "PERSON", "Tom Decker", "e1")],
        entities=[Entity("e1", "PERSON", "Tom Decker", mentions=[(start, start + 10)])],
        quotes=[Quote(q_start, q_end, text[q_start:q_end], "e1", "Tom Decker", "said")],
    )


async def test_opens_seed_with_highlights_and_sidebar() -> None:
    text = SEED.read_text(encoding="utf-8")
    loaded = LoadedText(text=text, source=str(SEED), title=text.split("\n", 1)[0])
    app = ReaderApp([loaded], analyser=_fake_analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            if app.article.analysed:
                break
            await pilot.pause(0.05)
        assert app.article.analysed
        facts = app.query_one("#facts")
        labels = [str(node.label) for node in facts.root.children[0].children]
        assert labels == ["Tom Decker (1)"]
        await pilot.press("q")
    assert app.return_value == 0
