"""The real `reader annotate` and `reader cache` commands, with the real model (kept to a few small runs)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_articles"

pytestmark = pytest.mark.slow


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "config.toml"
    config.touch()
    return {**os.environ, "PYTHONPATH": str(ROOT), "READER_CONFIG": str(config),
            "READER_CACHE_DIR": str(tmp_path / "cache")}


def reader(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def corpus_lines(count: int) -> list[str]:
    """A JSONL corpus made from the bundled public-domain press releases (the repository's own)."""
    paths = sorted(SAMPLES.glob("doj_*.txt"))[:count]
    assert len(paths) == count, "the sample articles are part of the repository"
    lines = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        lines.append(json.dumps({"title": text.split("\n", 1)[0], "url": f"https://example.org/{path.stem}",
                                 "text": text}, ensure_ascii=False))
    return lines


def test_annotate_folder_and_corpus_with_two_jobs(tmp_path: Path, env: dict[str, str]) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "b.txt").write_text('Mayor Ann Lee said "we are ready".\n', encoding="utf-8")
    (folder / "a.md").write_text("The FBI arrested Tom Decker on Monday.\n", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\x00\x01 not text")
    lines = corpus_lines(3)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join([lines[0], "{broken", *lines[1:]]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"

    proc = reader(env, "annotate", str(folder), str(corpus), "-o", str(out), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    problems = proc.stderr.splitlines()
    assert len(problems) == 3, problems  # the binary file, the bad line, the summary
    assert f"{folder / 'c.txt'}:" in problems[0] and f"{corpus}:2: bad JSON" in problems[1]
    summary = rf"reader: {2 + len(lines)} annotated, 2 failed \(\d+\.\d s, [\d,]+ words/s\)"
    assert re.fullmatch(summary, problems[2]), problems[2]

    objects = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected_texts = [(folder / "a.md").read_text(), (folder / "b.txt").read_text(),
                      *[json.loads(line)["text"] for line in lines]]
    assert [o["text"] for o in objects] == expected_texts  # input order, whatever finished first
    for obj in objects:
        assert obj["schema"] == "reader.annotations/1"
        for span in obj["spans"]:
            assert obj["text"][span["start"]:span["end"]] == span["text"]
    assert any(s["label"] == "PERSON" for s in objects[1]["spans"])

    again = reader(env, "annotate", str(folder), str(corpus), "--jobs", "1")
    assert again.returncode == 0
    assert again.stdout == out.read_text(encoding="utf-8")  # one process or two: the same lines
    assert not (tmp_path / "cache").exists()  # the batch leaves the reader's cache alone


def test_annotate_refuses_to_overwrite_and_fails_when_nothing_was_annotated(tmp_path: Path,
                                                                           env: dict[str, str]) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("keep\n")
    proc = reader(env, "annotate", str(tmp_path), "-o", str(out))
    assert proc.returncode == 1
    assert proc.stderr == f"reader: {out} already exists (use --force to overwrite it)\n"
    assert out.read_text() == "keep\n"

    proc = reader(env, "annotate", str(tmp_path / "missing"), "-o", str(tmp_path / "new.jsonl"))
    assert proc.returncode == 1
    assert not (tmp_path / "new.jsonl").exists()
    assert reader(env, "annotate", "x", "--jobs", "0").returncode == 2


def test_cache_fills_clears_and_no_cache_bypasses_it(tmp_path: Path, env: dict[str, str]) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Police Chief Ann Lee spoke to NBC.\n", encoding="utf-8")
    cache_dir = Path(env["READER_CACHE_DIR"])

    off = reader(env, "export", str(article), "--format", "json", "--no-cache")
    assert off.returncode == 0, off.stderr
    assert reader(env, "cache", "info").stdout.startswith(f"{cache_dir}: 0 cached analyses")

    first = reader(env, "export", str(article), "--format", "json")
    second = reader(env, "export", str(article), "--format", "json")
    assert first.stdout == second.stdout == off.stdout
    assert reader(env, "cache", "info").stdout.startswith(f"{cache_dir}: 1 cached analysis")

    cleared = reader(env, "cache", "clear")
    assert cleared.returncode == 0
    assert cleared.stdout.startswith("removed 1 cached analysis (") and str(cache_dir) in cleared.stdout
    assert reader(env, "cache", "clear").stdout.startswith("removed 0 cached analyses")
    assert reader(env, "cache", "frobnicate").returncode == 2
