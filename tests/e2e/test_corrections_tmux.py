"""A hand-written correction in the real reader in a real terminal, after `reader cache clear`.

The article is analysed afresh (the cache was cleared) and the person relabelled as an
organisation is drawn in the organisations' colour, like the organisation next to it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from reader.corrections import Corrections, Ref, Relabel, save, text_sha256
from tests.e2e.test_corrections_cli import ARTICLE, ROOT
from tests.e2e.test_tmux import Tmux, pytestmark  # noqa: F401  (slow, and skipped without tmux)

COLOUR = re.compile(r"\x1b\[([0-9;:]*)m")


def colour_before(screen: str, word: str) -> str:
    """The foreground colour in force where `word` starts on the captured screen."""
    start = screen.index(word)
    codes = [m.group(1) for m in COLOUR.finditer(screen, 0, start)]
    colours = [c for c in codes if re.search(r"(^|;)38;", c)]
    return re.search(r"38;[0-9;:]+", colours[-1]).group(0)  # type: ignore[union-attr]


def test_a_relabel_shows_in_its_new_colour_after_cache_clear(tmp_path: Path) -> None:
    article = tmp_path / "clinic.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    start = ARTICLE.index("Lena Park")
    save(Corrections(text_sha256(ARTICLE), "clinic.txt", (Relabel(Ref(start, start + 9, "Lena Park"), "ORG"),)))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-m", "reader", "export", str(article), "--format", "json"], env=env,
                   capture_output=True, check=True, timeout=120)
    cleared = subprocess.run([sys.executable, "-m", "reader", "cache", "clear"], env=env, capture_output=True,
                             text=True, check=True, timeout=60)
    assert cleared.stdout.startswith("removed 1 cached analysis")

    tmux = Tmux(tmp_path, 100, 30)
    tmux.start_reader(article)
    try:
        tmux.wait_for(lambda s: "corrected" in s and "analysing" not in s and "loading" not in s, 90)
        screen = tmux.run("capture-pane", "-p", "-e")
        rows = [(re.sub(COLOUR, "", row), row) for row in screen.splitlines()]
        line = next(row for plain, row in rows if "Lena Park, who runs" in plain)
        person = next(row for plain, row in rows if "said Dana" in plain)
        assert colour_before(line, "Lena Park") == colour_before(line, "Harbour Clinic")
        assert colour_before(line, "Lena Park") != colour_before(person, "Dana")
        tmux.keys("q")
        assert tmux.exit_code() == "0"
    finally:
        tmux.kill()
