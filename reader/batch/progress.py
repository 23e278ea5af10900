"""A batch's progress on stderr: articles done of all, words per second, time left; errors above the bar.

The bar shows only when stderr is a terminal; error lines are printed either way. Rich is imported
only when the bar is shown, so a batch writing to a pipe or a file starts light.
"""

from __future__ import annotations

import sys
from typing import Any


class ProgressReport:
    """Counts articles (some may be done already, on --resume) and the words of those analysed now."""

    def __init__(self, total: int, enabled: bool, done: int = 0) -> None:
        self.total = total
        self.done = done
        self._progress: Any = None
        self._task_id: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(TextColumn("annotating"), BarColumn(), MofNCompleteColumn(),
                                      _words_per_second_column(), TimeRemainingColumn(),
                                      console=Console(stderr=True), transient=True)

    def __enter__(self) -> ProgressReport:
        if self._progress is not None:
            self._progress.start()
            self._task_id = self._progress.add_task("annotate", total=self.total, completed=self.done, words=0)
        return self

    def advance(self, words: int = 0) -> None:
        """One more article finished (annotated or failed), with the words it had."""
        if self._progress is not None and self._task_id is not None:
            task = self._progress.tasks[self._task_id]
            self._progress.update(self._task_id, advance=1, words=task.fields.get("words", 0) + words)

    def error(self, message: str) -> None:
        """A line on stderr, above the bar when there is one; it may quote a path or a title, so it
        goes through the neutralising boundary (reader.shown)."""
        from reader.shown import shown_line

        message = shown_line(message)
        if self._progress is not None:
            from rich.text import Text

            self._progress.console.print(Text(message), highlight=False, soft_wrap=True)
        else:
            print(message, file=sys.stderr, flush=True)

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def _words_per_second_column() -> Any:
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class WordsPerSecond(ProgressColumn):
        """Words analysed per second since the bar started (articles differ too much in length to count them)."""

        def render(self, task: Task) -> Text:
            elapsed = task.elapsed or 0.0
            rate = task.fields.get("words", 0) / elapsed if elapsed > 0 else 0.0
            return Text(f"{rate:,.0f} words/s")

    return WordsPerSecond()
