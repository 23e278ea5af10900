"""Time to first paint of the text: a 100,000-word article against a 500-word one.

    python benchmarks/first_paint.py [--repeat N]

Each measurement is a fresh interpreter: it imports the UI, loads the file from disk, starts the
app headless at 120x40 with the real analysis runner, and stops the clock when the article view
has painted its first screen (the last visible row rendered). Prints the median per size and the
ratio; the budget (DESIGN section 6) is 1.5x. Also checks spaCy was not imported by then.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONE_RUN = r"""
import time
started = time.perf_counter()
import asyncio, sys
sys.path.insert(0, ROOT)
from reader.background import process_runner
from reader.config import Settings
from reader.sources import load
from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import ArticleView

painted = []
original = ArticleView.render_line
def render_line(self, y):
    strip = original(self, y)
    if y == self.scrollable_content_region.height - 1 and not painted:
        painted.append(time.perf_counter())
    return strip
ArticleView.render_line = render_line

async def main():
    app = ReaderApp([load(PATH)], settings=Settings(cache=False), runner_factory=process_runner)
    async with app.run_test(size=(120, 40)) as pilot:
        while not painted:
            await asyncio.sleep(0.001)
        spacy_loaded = "spacy" in sys.modules
        app.stop_analysis()
        await pilot.press("q")
    print(painted[0] - started, spacy_loaded)

asyncio.run(main())
"""


def article(words: int) -> str:
    seed = (ROOT / "sample_articles" / "seed_philly_detainer.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n\n") if p.strip()]
    out, count = [], 0
    while count < words:
        for paragraph in paragraphs:
            out.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                break
    return "\n\n".join(out) + "\n"


def measure(path: Path) -> tuple[float, bool]:
    code = ONE_RUN.replace("ROOT", repr(str(ROOT))).replace("PATH", repr(str(path)))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    seconds, spacy_loaded = result.stdout.split()[-2:]
    return float(seconds), spacy_loaded == "True"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    medians = {}
    with tempfile.TemporaryDirectory() as tmp:
        for words in (500, 100_000):
            path = Path(tmp) / f"article_{words}.txt"
            path.write_text(article(words), encoding="utf-8")
            runs = [measure(path) for _ in range(args.repeat)]
            times = [t for t, _ in runs]
            medians[words] = statistics.median(times)
            spacy = any(s for _, s in runs)
            print(f"{words:>7} words: median {medians[words] * 1000:.0f} ms "
                  f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}); spaCy imported in the UI "
                  f"process before first paint: {spacy}")
    print(f"ratio 100,000 / 500 words: {medians[100_000] / medians[500]:.2f} (budget 1.5)")


if __name__ == "__main__":
    main()
