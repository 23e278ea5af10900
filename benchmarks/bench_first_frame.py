"""Time to first frame: how long until the article's first screen has painted, 500 vs 100,000 words.

Each measurement is a fresh interpreter that imports the app, loads the text and runs
`ReaderApp(documents, settings=...)` (no runner) headless (App.run_test, 120x40). The clock runs
from the child's first line (imports included) to the end of the first `render_lines` call on the
widget with id "article" that returned visible text. No analysis runs, so the figure is the cost of
the text path alone (the budget: it must not depend on spaCy or on the length of the text).

    python benchmarks/bench_first_frame.py [--runs N]
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Row, median, print_table, run_child, setup_child_path, text_file  # noqa: E402

SIZES = (500, 100_000)
TARGET = 1.5


def child(path: str) -> None:
    setup_child_path()
    import asyncio

    from textual.widget import Widget

    from reader.config import Settings
    from reader.sources import load
    from reader.ui.app import ReaderApp

    painted: dict[str, float] = {}

    def watch(cls: type[Widget]) -> None:
        original = cls.render_lines

        def render_lines(self, crop):  # type: ignore[no-untyped-def]
            lines = original(self, crop)
            if self.id == "article" and "at" not in painted and any(line.text.strip() for line in lines):
                painted["at"] = time.perf_counter()
            return lines

        cls.render_lines = render_lines  # type: ignore[method-assign]

    def subclasses(cls: type) -> list[type]:
        found = [cls]
        for sub in cls.__subclasses__():
            found.extend(subclasses(sub))
        return found

    for cls in subclasses(Widget):
        if "render_lines" in cls.__dict__:
            watch(cls)

    async def main() -> None:
        app = ReaderApp([load(path)], settings=Settings(cache=False))
        async with app.run_test(size=(120, 40)) as pilot:
            while "at" not in painted and time.perf_counter() - STARTED < 300:
                await pilot.pause(0.002)
            await pilot.press("q")

    asyncio.run(main())
    if "at" not in painted:
        raise SystemExit("the article widget (#article) never painted text")
    print(json.dumps({"first_frame": painted["at"] - STARTED}))


def measure(runs: int) -> list[Row]:
    times: dict[int, list[float]] = {size: [] for size in SIZES}
    files = {size: text_file(size) for size in SIZES}
    run_child(Path(__file__), str(files[SIZES[0]]))  # warm the disk cache and .pyc files
    for _ in range(runs):
        for size in SIZES:  # interleaved, so machine load hits both alike
            times[size].append(run_child(Path(__file__), str(files[size]))["first_frame"])
    small, large = median(times[SIZES[0]]), median(times[SIZES[1]])
    ratio = large / small
    return [Row("first frame, 500 vs 100,000 words", f"{small:.3f} s vs {large:.3f} s", ratio,
                f"<= {TARGET}x", ratio <= TARGET)]


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--runs", type=int, default=5)
        print_table(measure(parser.parse_args().runs))
