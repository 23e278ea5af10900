"""Batch annotation without the model: which inputs are found, how they are read, order, failures, output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import reader.nlp.pipeline as pipeline
from reader.batch.engines import make_engine
from reader.batch.sink import JsonlSink, partial_path
from reader.batch.tasks import Outcome, Task, annotate_task, count, expand
from reader.config import Settings
from reader.export import ExportError
from reader.model import Article
from reader.nlp.pipeline import ModelError


def fake_analyse(text: str, source: str = "", title: str = "", model=None, settings=None,
                 published: str | None = None) -> Article:
    """Stands in for the pipeline (fork-inherited by pool workers): fails on demand, else echoes."""
    if "EXPLODE" in text:
        raise ValueError("kaboom")
    if "NO MODEL" in text:
        raise ModelError("cannot load the spaCy pipeline 'x'")
    return Article(text=text, source=source, title=title, pipeline={"model": "fake"})


def run(tasks: list[Task], settings: Settings, jobs: int) -> list[Outcome]:
    with make_engine(settings, jobs) as engine:
        return list(engine.outcomes(tasks))


@pytest.fixture(autouse=True)
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "analyse", fake_analyse)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def corpus_line(**fields: object) -> str:
    return json.dumps(fields)


def test_folders_are_walked_sorted_for_article_files_only(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/c.html", "sub/d.HTM", "z/e.txt", "notes.rst", ".hidden.txt",
                 ".git/f.txt", "data.jsonl"):
        write(tmp_path / name, "Text.\n")
    found = [Path(t.path).relative_to(tmp_path).as_posix() for t in expand([str(tmp_path)])]
    assert found == ["a.md", "b.txt", "sub/c.html", "sub/d.HTM", "z/e.txt"]


def test_corpus_lines_are_tasks_with_line_numbers_and_blank_lines_skipped(tmp_path: Path) -> None:
    corpus = write(tmp_path / "c.jsonl", corpus_line(text="One.") + "\n\n" + corpus_line(text="Two.") + "\n")
    tasks = list(expand([str(corpus)]))
    assert [(t.line, t.label, t.index) for t in tasks] == [(1, f"{corpus}:1", 0), (3, f"{corpus}:3", 1)]
    assert count([str(corpus), str(corpus)]) == 4


def test_missing_path_and_empty_folder_are_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    outcomes = list(run(list(expand([str(tmp_path / "nope"), str(tmp_path / "empty")])), Settings(), jobs=1))
    assert [o.error is not None for o in outcomes] == [True, True]
    assert "no such file" in outcomes[0].error and "no .txt" in outcomes[1].error


def test_corpus_fields_give_source_and_title(tmp_path: Path) -> None:
    corpus = write(tmp_path / "c.jsonl", "\n".join([
        corpus_line(text="Body one.\r\nMore.", title="  Given title ", url="https://example.org/1"),
        corpus_line(text="First line\nrest"),
    ]))
    articles = [annotate_task(t, Settings()).article for t in expand([str(corpus)])]
    assert [(a.source, a.title, a.text) for a in articles if a is not None] == [
        ("https://example.org/1", "Given title", "Body one.\nMore."),
        (f"{corpus}:2", "First line", "First line\nrest"),
    ]


BAD_LINES = ["{not json", '["a list"]', corpus_line(title="no text"), corpus_line(text="   "),
             corpus_line(text=5), '{"text": "lone \\ud800 surrogate"}']


@pytest.mark.parametrize("jobs", [1, 2])
def test_failing_inputs_are_skipped_and_order_is_kept(tmp_path: Path, jobs: int) -> None:
    write(tmp_path / "dir/1.txt", "First file.\n")
    write(tmp_path / "dir/2.txt", b"\x00\x01\x02 binary")
    write(tmp_path / "dir/3.txt", "EXPLODE here.\n")
    write(tmp_path / "dir/4.txt", "Fourth file.\n")
    lines = [corpus_line(text=f"Corpus {n}.") for n in range(12)]
    lines[3:3] = BAD_LINES
    lines.append(b"\xff\xfe not utf8".decode("latin-1"))
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes("\n".join(lines).replace("ÿþ", "\udcff", 1).encode("utf-8", "surrogateescape"))
    tasks = list(expand([str(tmp_path / "dir"), str(corpus)]))
    outcomes = list(run(tasks, Settings(), jobs=jobs))
    assert [o.label for o in outcomes] == [t.label for t in tasks]
    good = [o.article.text for o in outcomes if o.article is not None]
    assert good == ["First file.\n", "Fourth file.\n", *[f"Corpus {n}." for n in range(12)]]
    errors = {o.label: o.error for o in outcomes if o.error is not None}
    assert len(errors) == 2 + len(BAD_LINES) + 1
    assert "binary" in errors[str(tmp_path / "dir/2.txt")]
    assert "kaboom" in errors[str(tmp_path / "dir/3.txt")]
    assert "bad JSON" in errors[f"{corpus}:4"]
    assert all("\n" not in message for message in errors.values())


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_model_that_cannot_load_stops_the_batch(tmp_path: Path, jobs: int) -> None:
    write(tmp_path / "a.txt", "NO MODEL\n")
    write(tmp_path / "b.txt", "Fine.\n")
    with pytest.raises(ModelError):
        list(run(list(expand([str(tmp_path)])), Settings(), jobs=jobs))


def test_output_file_is_never_overwritten_without_force(tmp_path: Path) -> None:
    out = write(tmp_path / "out.jsonl", "keep me\n")
    with pytest.raises(ExportError, match="already exists"):
        JsonlSink(out)
    with JsonlSink(out, force=True) as sink:
        sink.write("{}")
        assert out.read_text() == "keep me\n"  # nothing replaced before commit
        sink.commit()
    assert out.read_text() == "{}\n"


def test_an_interrupted_batch_leaves_its_lines_in_the_partial_file_and_no_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt), JsonlSink(out) as sink:
        sink.write("{}")
        assert partial_path(out).read_bytes() == b"{}\n"  # flushed line by line
        raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl.partial"]


def test_a_run_that_wrote_nothing_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with JsonlSink(out):
        pass
    assert list(tmp_path.iterdir()) == []


def test_task_problem_short_circuits() -> None:
    assert annotate_task(Task("x", problem="gone"), Settings()).error == "gone"


def test_a_corpus_line_above_the_size_limit_is_refused(tmp_path: Path) -> None:
    lines = [corpus_line(text="short"), corpus_line(text="x" * 200)]
    corpus = write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    outcomes = list(run(list(expand([str(corpus)])), Settings(max_bytes=100), jobs=1))
    assert outcomes[0].article is not None
    assert outcomes[1].error is not None and "longer than" in outcomes[1].error
