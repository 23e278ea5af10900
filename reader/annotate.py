"""Batch annotation: many articles in, one `reader.annotations/1` JSON line out per article, in input order.

`annotate()` is what `reader annotate` runs. The inputs stream from disk (`batch.tasks`), an engine
analyses them here, in a local process pool or on a Dask cluster (`batch.engines`), every finished
article passes through `finish` in this process, and the sink writes it (`batch.sink`): to standard
output, or to `OUT.jsonl.partial`, renamed `OUT.jsonl` at the end, from which `--resume` continues an
interrupted run. A failing input is reported on stderr and skipped.

The batch bypasses the analysis cache: it reads each text once, its output file is already the
durable result, and filling the cache with a corpus would evict the articles a reader opened.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from reader.batch.engines import AnnotateError, Scheduler, make_engine
from reader.batch.progress import ProgressReport
from reader.batch.sink import JsonlSink
from reader.batch.tasks import Outcome, Task, count, expand
from reader.config import Settings

__all__ = ["AnnotateError", "BatchOptions", "Summary", "annotate", "finish"]


@dataclass(frozen=True)
class BatchOptions:
    """What the user asked `reader annotate` for."""

    paths: tuple[str, ...]
    output: Path | None = None  # None: standard output
    force: bool = False
    resume: bool = False
    jobs: int = 1
    scheduler: Scheduler | None = None  # None: this machine, `jobs` processes

    def inputs(self) -> Iterator[Task]:
        """A fresh pass over the inputs, in order (resuming walks them more than once)."""
        return expand(self.paths)


@dataclass
class Summary:
    """How a batch went, for the last line on stderr and the exit code."""

    annotated: int = 0
    failed: int = 0
    kept: int = 0  # already in OUT.jsonl.partial on --resume
    words: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        kept = f", {self.kept} already done" if self.kept else ""
        rate = self.words / max(self.seconds, 1e-9)
        return f"{self.annotated} annotated, {self.failed} failed{kept} ({self.seconds:.1f} s, {rate:,.0f} words/s)"

    @property
    def ok(self) -> bool:
        return bool(self.annotated or self.kept)


def finish(outcome: Outcome) -> tuple[str, list[str]]:
    """The client's step for every annotated input, just before the sink writes it: the JSON line, and
    notes about it (a correction that no longer fits the text, skipped).

    It runs in this process, which has the user's data folder: the reader's corrections (DESIGN 2b)
    are applied here, whatever machine analysed the article. The line then names its input, which is
    how --resume knows it is done. A corrections file that cannot be used raises CorrectionsError.
    """
    from reader.corrections import corrected

    assert outcome.article is not None
    article, report = corrected(outcome.article)
    return replace(article, input=outcome.label).dumps(), report.messages


def annotate(options: BatchOptions, settings: Settings, show_progress: bool = False) -> Summary:
    """Run the batch: every input analysed, each result written in input order, failures reported."""
    started = time.perf_counter()
    summary = Summary()
    sink = JsonlSink(options.output, options.force, options.resume)  # a doomed output fails before any work
    total = count(options.paths)
    engine = make_engine(settings, min(options.jobs, total), options.scheduler)
    with engine, sink:  # the engine first: forked workers must not share the partial file's lock
        todo = sink.pending(options.inputs)
        summary.kept = sink.kept
        with ProgressReport(total, show_progress, done=summary.kept) as progress:
            for outcome in engine.outcomes(todo):
                line, notes = _finished(outcome)
                for note in notes:
                    progress.error(f"reader: {_located(outcome, note)}")
                if line is None:
                    summary.failed += 1
                else:
                    sink.write(line, outcome.index)
                    summary.annotated += 1
                    summary.words += outcome.words
                progress.advance(outcome.words)
        if summary.ok:
            sink.commit(options.inputs)
    summary.seconds = time.perf_counter() - started
    return summary


def _finished(outcome: Outcome) -> tuple[str | None, list[str]]:
    """(the line to write, or None for a failed input; the messages to report about it)."""
    from reader.corrections import CorrectionsError

    if outcome.error is not None:
        return None, [outcome.error]
    try:
        return finish(outcome)
    except CorrectionsError as exc:  # a broken corrections file: say so rather than write it uncorrected
        return None, [" ".join(str(exc).split())]


def _located(outcome: Outcome, message: str) -> str:
    """The message with the input it is about, unless it names it already."""
    return message if message.startswith(outcome.label) else f"{outcome.label}: {message}"
