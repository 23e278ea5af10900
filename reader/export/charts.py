"""Small horizontal bar charts as inline SVG (no scripts, no libraries), for the HTML export.

Labels come from the article, so they are neutralised and escaped like everything else; colours come
from the page's CSS (`.bar.person` etc.) so the chart follows light and dark mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reader.shown import neutralise

WIDTH = 360
ROW = 20
LABEL_WIDTH = 150
MAX_LABEL_CHARS = 22


def _shorten(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(title: str, rows: Sequence[tuple[str, int, str]]) -> str:
    """A <figure> with one bar per (label, value, layer css name); empty string when no rows."""
    if not rows:
        return ""
    top = max(value for _, value, _ in rows) or 1
    bar_space = WIDTH - LABEL_WIDTH - 40
    height = ROW * len(rows) + 4
    items = []
    for i, (label, value, css) in enumerate(rows):
        y = i * ROW + 2
        full = escape(neutralise(" ".join(label.split())), quote=True)
        short = escape(neutralise(_shorten(label)), quote=False)
        width = max(1.0, bar_space * value / top)
        items.append(
            f"<g><title>{full}: {value}</title>"
            f"<text x=\"{LABEL_WIDTH - 6}\" y=\"{y + 13}\" text-anchor=\"end\">{short}</text>"
            f"<rect class=\"bar {escape(css, quote=True)}\" x=\"{LABEL_WIDTH}\" y=\"{y + 2}\" "
            f"width=\"{width:.1f}\" height=\"{ROW - 6}\" rx=\"2\"/>"
            f"<text x=\"{LABEL_WIDTH + width + 4:.1f}\" y=\"{y + 13}\">{value}</text></g>"
        )
    caption = escape(title)
    return (
        f"<figure class=\"chart\"><figcaption>{caption}</figcaption>"
        f"<svg viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" "
        f"aria-label=\"{caption}\">{''.join(items)}</svg></figure>"
    )
