"""Key latency while the article is being analysed: does the reader answer within 100 ms?

    python benchmarks/key_latency.py [--words N] [--runner process|thread] [--keys K]

Builds an N-word text from the sample/dev articles, opens it in the real app (headless, 120x40)
with the real analysis (`process`: the child process the `reader` command uses; `thread`: the same
analysis in a thread of the UI process, for comparison), and presses keys every 50 ms until the
analysis is done. Latency = key sent -> the article view has repainted (first render_line call
after the key's action ran). `--runner none --timeout 60` presses keys for 60 s with no analysis:
the noise floor of the machine. Prints the count, median, p95 and max in milliseconds, and the same
for keys pressed before analysis started (baseline).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.background import FunctionAnalysis, process_runner  # noqa: E402
from reader.config import Settings  # noqa: E402
from reader.sources import LoadedText  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402
from reader.ui.widgets.article_view import ArticleView  # noqa: E402

SOURCES = [ROOT / "sample_articles", ROOT.parent / "shared" / "eval" / "dev"]


def build_text(words: int) -> str:
    paragraphs: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            paragraphs.extend(p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip())
    if not paragraphs:
        raise SystemExit("no sample articles found")
    out: list[str] = []
    count = 0
    while count < words:
        for paragraph in paragraphs:
            out.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                break
    return "\n\n".join(out)


def thread_runner(documents, settings, listener):
    from reader.analysis import analyse_progressive_loaded

    return FunctionAnalysis(documents, listener, lambda loaded: analyse_progressive_loaded(loaded, settings))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summary(label: str, values: list[float]) -> str:
    if not values:
        return f"{label}: no samples"
    ms = [v * 1000 for v in values]
    return (f"{label}: n={len(ms)} median={statistics.median(ms):.1f} ms p95={percentile(ms, 0.95):.1f} ms "
            f"max={max(ms):.1f} ms; over 100 ms: {sum(1 for v in ms if v > 100)}")


async def measure(words: int, runner: str, keys: str, timeout: float) -> None:
    text = build_text(words)
    loaded = LoadedText(text=text, source=f"{words} words", title="latency benchmark")
    factory = {"process": process_runner, "thread": thread_runner, "none": None}[runner]
    app = ReaderApp([loaded], settings=Settings(cache=False), runner_factory=factory)
    painted: list[float] = []
    original = ArticleView.render_line

    def timed_render_line(self, y):
        painted.append(time.perf_counter())
        return original(self, y)

    ArticleView.render_line = timed_render_line  # type: ignore[method-assign]
    baseline: list[float] = []
    during: list[float] = []
    slow: list[tuple[float, float, str]] = []
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        app.runner_factory = None  # hold the analysis back for the baseline
        for i in range(20):
            baseline.append(await press(pilot, painted, keys[i % len(keys)]))
        app.runner_factory = factory
        app.start_analysis()
        analysis_started = time.perf_counter()
        i = 0
        while app.documents[0].stage not in ("done", "cached", "error"):
            if time.perf_counter() - analysis_started > timeout:
                if factory is None:  # the control run: keys only, for as long as asked
                    break
                print("analysis did not finish in time; reporting what was measured")
                break
            latency = await press(pilot, painted, keys[i % len(keys)])
            during.append(latency)
            if latency > 0.05:
                slow.append((time.perf_counter() - analysis_started, latency, app.documents[0].stage))
            i += 1
            await asyncio.sleep(0.05)
        analysis_seconds = time.perf_counter() - analysis_started
        stage = app.documents[0].stage
        await pilot.press("q")
    ArticleView.render_line = original  # type: ignore[method-assign]
    print(f"text: {len(text.split())} words; runner: {runner}; analysis: {stage} in {analysis_seconds:.1f} s "
          f"(total {time.perf_counter() - started:.1f} s)")
    print(summary("before analysis", baseline))
    print(summary("during analysis", during))
    for at, latency, stage in slow:
        print(f"  slow key at {at:.2f} s into the analysis ({stage}): {latency * 1000:.0f} ms")


async def press(pilot, painted: list[float], key: str) -> float:
    """Send one key and wait until the article view repaints; returns the latency in seconds."""
    app = pilot.app
    sent = time.perf_counter()
    app.simulate_key(key)
    while True:
        if painted and painted[-1] > sent:
            return painted[-1] - sent
        if time.perf_counter() - sent > 5:
            return time.perf_counter() - sent
        await asyncio.sleep(0.001)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--runner", choices=("process", "thread", "none"), default="process",
                        help="none: no analysis, keys for --timeout seconds (machine noise control)")
    parser.add_argument("--keys", default="jjkk", help="keys to cycle through (each repaints the view)")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    asyncio.run(measure(args.words, args.runner, args.keys, args.timeout))


if __name__ == "__main__":
    main()
