"""Every export shows a relabel: the corrected Article goes through the one rendering path."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from corrections_helpers import article, at  # noqa: E402

from reader.corrections import Ref, Relabel, apply  # noqa: E402
from reader.export import export_article  # noqa: E402
from reader.layers import layer  # noqa: E402
from reader.model import Article  # noqa: E402

NAME = "Tamiflu"  # a person in the analysis, an organisation after the correction


def relabelled() -> Article:
    return apply(article(), [Relabel(Ref(*at(NAME), NAME), "ORG")])[0]


def html_class(page: str) -> str:
    return re.search(rf'<mark class="hl ([^"]+)"[^>]*>{NAME}</mark>', page).group(1)  # type: ignore[union-attr]


def md_marks(page: str) -> str:
    return re.search(rf"(\*+){NAME}", page).group(1)  # type: ignore[union-attr]


def ansi_code(page: str) -> str:
    return re.search(rf"\x1b\[([0-9;]+)m{NAME}", page).group(1)  # type: ignore[union-attr]


def svg_fill(page: str) -> str:
    css = re.search(rf'<text class="([\w-]+)"[^>]*>{NAME}</text>', page).group(1)  # type: ignore[union-attr]
    return re.search(rf"\.{css} {{[^}}]*fill: (#[0-9a-f]+)", page).group(1)  # type: ignore[union-attr]


def json_label(page: str) -> str:
    return next(s["label"] for s in json.loads(page)["spans"] if s["text"] == NAME)


def rgb(label: str) -> str:
    colour = layer(label).colour.lstrip("#")  # type: ignore[union-attr]
    return ";".join(str(int(colour[i:i + 2], 16)) for i in (0, 2, 4))


@pytest.mark.parametrize("fmt, read, before, after", [
    ("html", html_class, "person", "org corrected"),
    ("md", md_marks, "**", "*"),
    ("ansi", ansi_code, f"1;38;2;{rgb('PERSON')}", f"4;38;2;{rgb('ORG')}"),
    ("svg", svg_fill, layer("PERSON").colour.lower(), layer("ORG").colour.lower()),  # type: ignore[union-attr]
    ("json", json_label, "PERSON", "ORG"),
])
def test_every_export_shows_the_relabel(fmt: str, read, before: str, after: str) -> None:  # type: ignore[no-untyped-def]
    assert read(export_article(article(), fmt)) == before
    assert read(export_article(relabelled(), fmt)) == after


def test_the_html_title_says_a_reader_corrected_it() -> None:
    assert "corrected by a reader" in export_article(relabelled(), "html")
    assert "corrected by a reader" not in export_article(article(), "html")
