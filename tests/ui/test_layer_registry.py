"""Adding a layer is one registry entry plus its extractor: a dummy layer shows everywhere at once."""

from __future__ import annotations

from conftest import make_app, style_at
from fake_article import seed_article, seed_loaded

from reader.export import export_article
from reader.layers import Layer, all_labels, all_layers, layer, registered
from reader.model import Span

DUMMY = Layer("GADGET", "Gadgets", "Gadget", "8", 3, "#000000", "strike", "strike",
              "text-decoration: line-through;", "~~", "~~")


def with_gadget():
    article = seed_article()
    start = article.text.index("biometric data")
    article.spans.append(Span(start, start + len("biometric data"), "GADGET", "biometric data"))  # its "extractor"
    return article, start


def test_the_law_layer_is_layer_7_with_its_own_cue():
    law = layer("LAW")
    assert law is not None and law.key == "7"
    assert len({item.mono for item in all_layers()}) == len(all_layers())  # every NO_COLOR cue differs


def test_a_registered_layer_reaches_cli_exports_and_legends():
    from reader.cli import _parse_layers

    article, _ = with_gadget()
    with registered(DUMMY):
        assert "GADGET" in all_labels() and _parse_layers("gadget,person") == ["GADGET", "PERSON"]
        html = export_article(article, "html")
        assert '<mark class="hl gadget"' in html and ".hl.gadget {" in html and "line-through" in html
        assert "Gadgets" in html  # the legend
        assert "~~biometric data~~" in export_article(article, "md")
        ansi = export_article(article, "ansi", width=100)
        assert "Gadgets" in ansi.split("\n")[0] and "\x1b[9" in ansi  # legend, and strike on the span
    assert "GADGET" not in all_labels()


async def test_a_registered_layer_is_painted_toggled_and_in_the_legend():
    article, start = with_gadget()
    with registered(DUMMY):
        app = make_app(steps=lambda loaded: [(1.0, article)], documents=[seed_loaded()])
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(3):
                await pilot.pause()
            assert "8 Gadgets" in app.legend.render().plain
            assert style_at(app.article_view, start + 2).strike
            await pilot.press("8")
            assert "GADGET" in app.article_view.hidden_layers
            assert not style_at(app.article_view, start + 2).strike
