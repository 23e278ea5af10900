"""`reader annotate --scheduler local:2` with the real model: the same bytes as `--jobs 2`, and a client
killed mid-run that `--resume` finishes. The corpus is the repository's own (tests/fixtures/batch)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "batch"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture articles, and a corpus of their lines five times over (a run long enough to kill)."""
    base = tmp_path_factory.mktemp("batch")
    (base / "config.toml").touch()
    lines = (FIXTURES / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    numbered = [json.dumps({**json.loads(line), "title": f"Copy {n}"}) for n in range(5) for line in lines]
    (base / "corpus.jsonl").write_text("\n".join([*numbered[:3], "{broken", *numbered[3:]]) + "\n",
                                       encoding="utf-8")
    return base


def env(workdir: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "READER_CONFIG": str(workdir / "config.toml"),
            "READER_CACHE_DIR": str(workdir / "cache")}


def command(workdir: Path, out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "reader", "annotate", str(FIXTURES), str(workdir / "corpus.jsonl"),
            "-o", str(out), *options]


def annotate(workdir: Path, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(command(workdir, out, *options), capture_output=True, text=True, env=env(workdir),
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


@pytest.fixture(scope="module")
def with_jobs(workdir: Path) -> bytes:
    out = workdir / "jobs2.jsonl"
    annotate(workdir, out, "--jobs", "2")
    return out.read_bytes()


def test_local_cluster_writes_the_same_bytes_as_jobs(workdir: Path, with_jobs: bytes) -> None:
    out = workdir / "local2.jsonl"
    proc = annotate(workdir, out, "--scheduler", "local:2")
    assert out.read_bytes() == with_jobs
    assert len(with_jobs.splitlines()) == 2 + 30
    problems = proc.stderr.splitlines()
    assert problems[0].startswith(f"reader: {workdir / 'corpus.jsonl'}:4: bad JSON")
    assert problems[-1].startswith("reader: 32 annotated, 1 failed (")


def test_a_killed_client_resumes_to_the_same_output(workdir: Path, with_jobs: bytes) -> None:
    out = workdir / "killed.jsonl"
    partial = out.with_name(out.name + ".partial")
    run = subprocess.Popen(command(workdir, out, "--scheduler", "local:2"), env=env(workdir),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and run.poll() is None:
            if partial.exists() and partial.read_bytes().count(b"\n") >= 4:
                break
            time.sleep(0.05)
        run.send_signal(signal.SIGKILL)
    finally:
        run.wait(timeout=60)
    assert not out.exists(), "the run ended before it could be killed"
    done = partial.read_bytes().count(b"\n")
    assert 4 <= done < 32

    proc = annotate(workdir, out, "--scheduler", "local:2", "--resume")
    assert f", {done} already done (" in proc.stderr.splitlines()[-1]
    assert out.read_bytes() == with_jobs
    assert not partial.exists()
