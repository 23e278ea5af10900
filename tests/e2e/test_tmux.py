"""The real `reader` command in a real terminal (tmux): keys in, screen out, exit code 0.

Runs the whole stack, spaCy in its child process included. Skipped when tmux is not installed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sample_articles" / "seed_philly_detainer.txt"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]


class Tmux:
    """One private tmux server (its own socket) running one command in a fixed-size window."""

    def __init__(self, tmp: Path, width: int, height: int) -> None:
        self.socket = f"reader-e2e-{os.getpid()}-{width}x{height}"
        self.width, self.height = width, height
        self.tmp = tmp

    def run(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                                timeout=20)
        return result.stdout

    def start(self, command: str, env: dict[str, str]) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d", "-x",
                        str(self.width), "-y", str(self.height), f"env {exports} {command}"],
                       check=True, timeout=20)

    def start_reader(self, article: Path) -> None:
        """Run the real `reader ARTICLE` with a private cache and config; its exit code goes to a file."""
        self.exit_file = self.tmp / "exit_code"
        env = {
            "PYTHONPATH": str(ROOT),
            "READER_CACHE_DIR": str(self.tmp / "cache"),
            "XDG_CONFIG_HOME": str(self.tmp / "config"),
            "TERM": "xterm-256color",
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", str(self.tmp)),
        }
        self.start(f"sh -c '{shlex.quote(sys.executable)} -m reader {shlex.quote(str(article))}; "
                   f"echo $? > {shlex.quote(str(self.exit_file))}'", env)

    def exit_code(self, timeout: float = 15.0) -> str:
        """The reader's exit code once it has ended (empty if it never wrote one)."""
        deadline = time.monotonic() + timeout
        while not self.exit_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.exit_file.read_text().strip() if self.exit_file.exists() else ""

    def screen(self) -> str:
        return self.run("capture-pane", "-p")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self.run("send-keys", "-l", text)
        time.sleep(0.2)

    def wait_for(self, check: Callable[[str], bool], timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"screen never matched; last screen:\n{screen}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=20)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_reader_in_a_real_terminal(tmp_path, size):
    tmux = Tmux(tmp_path, *size)
    tmux.start_reader(SEED)
    try:
        tmux.wait_for(lambda s: "Is Philadelphia so hell bent" in s, 30)
        # analysis finished: the sidebar lists people and the progress text is gone
        tmux.wait_for(lambda s: "People" in s and "analysing" not in s and "loading" not in s, 90)
        screen = tmux.screen()
        assert "▼ People" in screen
        keys_line = screen.rstrip("\n").splitlines()[-1]
        assert "? help" in keys_line and "q quit" in keys_line  # at 80 columns too
        assert "seed_philly_detainer.txt" in screen  # the status line names the file
        tmux.keys("Tab")
        screen = tmux.wait_for(lambda s: "▸ " in s, 10)  # the status line names the highlight
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "focus:" in s or "Put the cursor" in s or "mention" in s, 10)
        tmux.keys("Escape")
        for _ in range(60):  # tab on until the cursor is on a quote: the status line names its speaker
            if "▸ Quote by " in tmux.screen():
                break
            tmux.keys("Tab")
        status = next(line for line in tmux.screen().splitlines() if "▸ Quote by " in line)
        assert status.split("▸ Quote by ", 1)[1].strip()[:1].isupper()
        tmux.keys("/")
        tmux.type("Decker")
        tmux.wait_for(lambda s: s.rstrip("\n").splitlines()[-1].startswith("/Decker"), 10)  # typed, on screen
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "/Decker: 1/1 match" in s, 10)
        tmux.keys("f")
        tmux.wait_for(lambda s: "▼ People" not in s, 10)
        tmux.keys("?")
        tmux.wait_for(lambda s: "Next highlight" in s and "Next quote by this speaker" in s, 10)
        tmux.keys("Escape")  # help closes first: on a busy machine a q sent too soon only closes help
        tmux.wait_for(lambda s: "Next quote by this speaker" not in s, 10)
        tmux.keys("q")
        assert tmux.exit_code() == "0"
    finally:
        tmux.kill()
    marker = f"READER_CACHE_DIR={tmp_path / 'cache'}".encode()
    deadline = time.monotonic() + 10
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_with(marker) == [], "the reader left processes behind"


def processes_with(marker: bytes) -> list[int]:
    """Live processes whose environment holds `marker` (the app, its analysis child, helpers)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().split(") ", 1)[1][:1]
        except OSError:
            continue
        if marker in environ.split(b"\0") and state != "Z":
            found.append(int(entry.name))
    return found


def test_an_article_cannot_drive_the_terminal(tmp_path):
    """An article that tries to set the window title, clear the screen and hide text does none of it."""
    hostile = ROOT / "tests" / "fixtures" / "hostile" / "terminal_escapes.txt"
    tmux = Tmux(tmp_path, 100, 30)
    tmux.start_reader(hostile)
    try:
        screen = tmux.wait_for(lambda s: "Tom Decker disagreed" in s and "People" in s
                               and "analysing" not in s and "loading" not in s, 90)
        tmux.keys("f")  # the sidebar away, so each paragraph is one line
        screen = tmux.wait_for(lambda s: "▼ People" not in s, 10)
        assert "Officials said" in screen  # no clear-screen took effect
        assert "hidden words" in screen  # concealed text is shown
        assert "␛" in screen  # the escapes are visible stand-ins
        assert "pwned" not in tmux.run("display-message", "-p", "#{pane_title}")
        tmux.keys("q")
        assert tmux.exit_code() == "0"
    finally:
        tmux.kill()


def test_a_hostile_title_line_cannot_retitle_clear_or_hide(tmp_path):
    """The title line carries OSC, CSI, a C1 CSI (UTF-8) and bidi overrides: the header shows them."""
    hostile = ROOT / "tests" / "fixtures" / "hostile" / "title_escapes.txt"
    assert "\x9b" in hostile.read_text(encoding="utf-8")  # a real C1 control, not cp1252's '›'
    tmux = Tmux(tmp_path, 160, 30)
    tmux.start_reader(hostile)
    try:
        before = tmux.run("display-message", "-p", "#{pane_title}")
        screen = tmux.wait_for(lambda s: "publish every record" in s and "People" in s
                               and "analysing" not in s and "loading" not in s, 90)
        header = screen.splitlines()[0]
        assert "PWNED" in header and "hidden" in header and "cleared" in header  # nothing hidden
        assert "␛" in header and "␇" in header  # escapes shown as symbols
        assert "c1 \ufffdesrever\ufffd bidi" in screen  # the title line in the article: C1 and bidi shown too
        assert "Mayor Dana Reyes" in screen  # the body was not cleared
        tmux.keys("Tab")  # the status line and the sidebar quote the article too
        tmux.wait_for(lambda s: "▸ " in s, 10)
        after = tmux.run("display-message", "-p", "#{pane_title}")
        assert "PWNED" not in after and after == before
        tmux.keys("q")
        assert tmux.exit_code() == "0"
    finally:
        tmux.kill()
