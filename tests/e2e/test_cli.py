"""The real `reader` command: exit codes, one-line errors, no overwrite, the JSON contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

pytestmark = pytest.mark.slow


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "reader", *args], input=stdin, capture_output=True,
                          env=full_env, timeout=120)


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    assert err.startswith("reader: ")
    return err


def test_version_and_help() -> None:
    assert run("--version").stdout.decode().strip() == "reader 0.1.0"
    help_text = run("--help").stdout.decode()
    assert "reader export" in help_text and "reader annotate" in help_text


def test_export_json_contract(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    proc = run("export", str(SEED), "--format", "json", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) >= {"schema", "source", "title", "text", "pipeline", "spans", "entities", "quotes",
                         "charges", "events"}
    assert data["schema"] == "reader.annotations/1"
    assert data["text"] == SEED.read_text(encoding="utf-8")
    assert data["title"].startswith("Is Philadelphia so hell bent")
    assert set(data["pipeline"]) == {"model", "model_version", "reader_version"}
    for span in data["spans"]:
        assert data["text"][span["start"] : span["end"]] == span["text"]
    assert {s["label"] for s in data["spans"]} >= {"PERSON", "ORG", "QUOTE"}


def test_export_to_stdout_and_from_stdin() -> None:
    proc = run("export", "-", "--format", "txt", stdin=b"Piped title\r\n\r\nSaid \"hello\".\r\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == "Piped title\n\nSaid \"hello\".\n"


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "keep.json"
    out.write_text("precious", encoding="utf-8")
    proc = run("export", str(SEED), "--format", "json", "-o", str(out))
    assert proc.returncode == 1
    assert "already exists" in one_line_error(proc)
    assert out.read_text(encoding="utf-8") == "precious"
    proc = run("export", str(SEED), "--format", "json", "-o", str(out), "--force")
    assert proc.returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "reader.annotations/1"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]


def _file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "directory"),
        (lambda d: _file(d / "empty.txt", b""), "empty"),
        (lambda d: _file(d / "bin.txt", b"\x00\x01\x02"), "binary"),
    ],
    ids=["missing", "directory", "empty", "binary"],
)
def test_bad_input_is_one_line_and_exit_1(tmp_path: Path, make, message: str) -> None:
    proc = run("export", str(make(tmp_path)), "--format", "json")
    assert proc.returncode == 1
    assert message in one_line_error(proc)


def test_unreachable_url_is_one_line_and_exit_1() -> None:
    proc = run("export", "http://127.0.0.1:9/nothing.html", "--format", "json")
    assert proc.returncode == 1
    assert "cannot fetch" in one_line_error(proc)


@pytest.mark.parametrize(
    "args",
    [("export",), ("export", str(SEED)), ("export", str(SEED), "--format", "pdf"), ("--bogus",), ()],
    ids=["no-args", "no-format", "bad-format", "bad-flag", "nothing-to-open"],
)
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...]) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    one_line_error(proc)


def test_missing_model_names_the_package(tmp_path: Path) -> None:
    proc = run("export", str(SEED), "--format", "json", "--model", "no_such_pipeline_xyz")
    assert proc.returncode == 1
    assert "pip install no_such_pipeline_xyz" in one_line_error(proc)


def test_broken_config_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("this is = = not toml", encoding="utf-8")
    proc = run("export", str(SEED), "--format", "txt", env={"READER_CONFIG": str(config)})
    assert proc.returncode == 1
    assert "config file" in one_line_error(proc)
