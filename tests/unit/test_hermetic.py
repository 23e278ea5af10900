"""Tests are hermetic: they read only what the repository holds (no ../shared, no machine paths)."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
# ../shared (the team's eval and corpus folder) and this machine's checkouts; a made-up absolute path
# in a string (a source name to shorten) is data, not a read.
OUTSIDE = re.compile(r"""ROOT\.parent|parents\[[3-9]\]|["'/]shared["'/]|["']/work/""")


def test_no_test_reads_outside_the_repository() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if OUTSIDE.search(line) and path != Path(__file__).resolve():
                offenders.append(f"{path.relative_to(TESTS)}:{number}: {line.strip()}")
    assert offenders == []
