"""`reader annotate -o OUT --resume` without the model: a run stopped anywhere, resumed, equals an uninterrupted run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reader.nlp.pipeline as pipeline
from reader.annotate import BatchOptions, annotate
from reader.batch.engines import AnnotateError
from reader.batch.resume import PREFIX, ResumeError, input_of
from reader.batch.sink import JsonlSink, partial_path
from reader.config import Settings
from reader.export import ExportError
from reader.model import Article

STOP: set[str] = set()  # texts that interrupt the run (Ctrl-C) when the analysis reaches them
FAIL: set[str] = set()  # texts whose analysis fails


def fake_analyse(text: str, source: str = "", title: str = "", model=None, settings=None,
                 published: str | None = None) -> Article:
    if text in STOP:
        raise KeyboardInterrupt
    if text in FAIL:
        raise ValueError("flaky")
    return Article(text=text, source=source, title=title, pipeline={"model": "fake"})


@pytest.fixture(autouse=True)
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "analyse", fake_analyse)
    STOP.clear()
    FAIL.clear()


TEXTS = [f"Story number {n}." for n in range(10)]


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[str, ...]:
    """Two files and a corpus of eight lines: both kinds of `input` label."""
    (tmp_path / "in").mkdir()
    for n in (0, 1):
        (tmp_path / "in" / f"{n}.txt").write_text(TEXTS[n], encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": text}) + "\n" for text in TEXTS[2:]), encoding="utf-8")
    return str(tmp_path / "in"), str(corpus)


def run(paths: tuple[str, ...], out: Path, *, resume: bool = False, force: bool = False, jobs: int = 1):
    return annotate(BatchOptions(paths, out, force=force, resume=resume, jobs=jobs), Settings())


@pytest.fixture
def reference(inputs: tuple[str, ...], tmp_path: Path) -> bytes:
    """What an uninterrupted run writes."""
    out = tmp_path / "reference.jsonl"
    assert run(inputs, out).annotated == len(TEXTS)
    return out.read_bytes()


def interrupted(paths: tuple[str, ...], out: Path, at: int, **options: bool) -> None:
    STOP.add(TEXTS[at])
    with pytest.raises(KeyboardInterrupt):
        run(paths, out, **options)
    STOP.discard(TEXTS[at])
    assert not out.exists()


def test_every_line_names_its_input(inputs: tuple[str, ...], reference: bytes) -> None:
    labels = [json.loads(line)["input"] for line in reference.splitlines()]
    corpus = inputs[1]
    assert labels == [str(Path(inputs[0]) / "0.txt"), str(Path(inputs[0]) / "1.txt"),
                      *[f"{corpus}:{n}" for n in range(1, 9)]]
    assert all(line.startswith(PREFIX) for line in reference.splitlines())


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_resumed_run_equals_an_uninterrupted_one(inputs: tuple[str, ...], reference: bytes, tmp_path: Path,
                                                   jobs: int) -> None:
    out = tmp_path / "out.jsonl"
    interrupted(inputs, out, at=6, jobs=jobs)
    assert len(partial_path(out).read_bytes().splitlines()) == 6  # every line before the stop was flushed
    summary = run(inputs, out, resume=True, jobs=jobs)
    assert (summary.kept, summary.annotated, summary.failed) == (6, 4, 0)
    assert "6 already done" in summary.line()
    assert out.read_bytes() == reference
    assert not partial_path(out).exists()


def test_a_truncated_last_line_is_dropped_and_done_again(inputs: tuple[str, ...], reference: bytes,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    interrupted(inputs, out, at=5)
    with partial_path(out).open("ab") as handle:  # a kill in the middle of writing line 6
        handle.write(reference.splitlines(keepends=True)[5][:40])
    summary = run(inputs, out, resume=True)
    assert (summary.kept, summary.annotated) == (5, 5)
    assert out.read_bytes() == reference


def test_failed_inputs_are_tried_again_and_land_in_input_order(inputs: tuple[str, ...], reference: bytes,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    FAIL.update({TEXTS[1], TEXTS[3]})
    interrupted(inputs, out, at=7)  # lines for 0, 2, 4, 5, 6
    FAIL.discard(TEXTS[1])
    STOP.add(TEXTS[8])
    with pytest.raises(KeyboardInterrupt):  # a second interruption: 1 is written after 6, 3 fails again
        run(inputs, out, resume=True)
    STOP.clear()
    FAIL.clear()
    summary = run(inputs, out, resume=True)
    assert (summary.kept, summary.annotated, summary.failed) == (7, 3, 0)  # 3, 8 and 9
    assert out.read_bytes() == reference


def test_resume_without_a_partial_file_is_a_plain_run(inputs: tuple[str, ...], reference: bytes,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert run(inputs, out, resume=True).kept == 0
    assert out.read_bytes() == reference
    with pytest.raises(ExportError, match="is complete: there is no out.jsonl.partial"):
        run(inputs, out, resume=True)


def test_a_run_that_had_nothing_left_to_do_still_finishes(inputs: tuple[str, ...], reference: bytes,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    partial_path(out).write_bytes(reference)  # killed after the last line, before the rename
    summary = run(inputs, out, resume=True)
    assert (summary.kept, summary.annotated) == (len(TEXTS), 0)
    assert out.read_bytes() == reference


def test_a_partial_file_is_neither_ignored_nor_continued_unasked(inputs: tuple[str, ...], reference: bytes,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    interrupted(inputs, out, at=4)
    with pytest.raises(ExportError, match="holds an interrupted run: add --resume"):
        run(inputs, out)
    assert run(inputs, out, force=True).kept == 0  # --force starts over
    assert out.read_bytes() == reference


def test_the_same_run_with_force_resumes_over_an_old_output(inputs: tuple[str, ...], reference: bytes,
                                                            tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"an older output\n")
    interrupted(inputs, out.with_name("other.jsonl"), at=4)
    partial_path(out.with_name("other.jsonl")).rename(partial_path(out))
    with pytest.raises(ExportError, match="already exists"):
        run(inputs, out, resume=True)
    assert run(inputs, out, resume=True, force=True).kept == 4
    assert out.read_bytes() == reference


def test_a_partial_file_from_other_inputs_is_refused(inputs: tuple[str, ...], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    interrupted(inputs, out, at=4)
    with pytest.raises(ResumeError, match="not among this command's inputs"):
        run(inputs[1:], out, resume=True)
    partial_path(out).write_bytes(b'{"schema": "reader.annotations/1"}\n' + partial_path(out).read_bytes())
    with pytest.raises(ResumeError, match="line 1 is not a batch line"):
        run(inputs, out, resume=True)


def test_two_runs_never_write_the_same_partial_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with JsonlSink(out) as sink:
        sink.write('{"a": 1}')
        with pytest.raises(AnnotateError, match="another reader annotate is writing"), \
                JsonlSink(out, resume=True):
            pass
        sink.write('{"a": 2}')
    assert partial_path(out).read_bytes() == b'{"a": 1}\n{"a": 2}\n'  # the loser removed nothing


def test_input_is_read_from_the_start_of_a_line_or_from_the_whole_object() -> None:
    article = Article(text='He said "hi".\n', input='dir/we"ird:3')
    line = article.dumps().encode()
    assert line.startswith(PREFIX) and input_of(line) == 'dir/we"ird:3'
    assert input_of(json.dumps({"text": "x", "input": "a.txt"}).encode()) == "a.txt"
    assert input_of(b'{"schema": "reader.annotations/1", "source": "a"}') is None
    assert input_of(b"not json") is None
    assert Article.loads(line.decode()).input == 'dir/we"ird:3'
    assert "input" not in Article(text="x").to_json()  # only batch lines carry it


def test_the_command_line_refuses_resume_to_stdout_and_mixed_engines(capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    assert main(["annotate", "x.txt", "--resume"]) == 2
    assert main(["annotate", "x.txt", "-o", "o.jsonl", "--jobs", "2", "--scheduler", "local:2"]) == 2
    assert main(["annotate", "x.txt", "-o", "o.jsonl", "--scheduler", "10.0.0.1"]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 3
    assert "--resume needs -o OUT.jsonl" in errors[0]
    assert "--jobs and --scheduler exclude each other" in errors[1]
    assert "--scheduler takes tcp://HOST:PORT or local:N" in errors[2]


def test_progress_counts_articles_done_before_and_words_now() -> None:
    from reader.batch.progress import ProgressReport

    with ProgressReport(total=5, enabled=True, done=2) as progress:
        progress.advance(100)
        progress.advance(50)
        task = progress._progress.tasks[0]
        assert (task.completed, task.total, task.fields["words"]) == (4, 5, 150)
