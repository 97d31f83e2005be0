"""The real `python -m tui` in a real pseudo-terminal: every byte it sends is kept, and a VT100 emulator
(pyte) reads the screen, so a test can wait for words and then look at the raw output of each screen."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte
import pytest

REPO = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 30.0
QUIET_SECONDS = 0.4  # no output for this long: the screen has finished drawing

WALK_SCRIPT = '''
[script]
id = "terminal-walk"
title = "A short walk \u2013 \u201cwith care\u201d"
summary = "Every kind of screen, quickly."
intensity = "light"
method = "a test of every screen"
tags = ["practice"]

[[steps]]
kind = "checkin"

[[steps]]
kind = "turns"
title = "Holding the floor"
minutes = 0.1
rounds = 1
first = "a"
warn_seconds = 0
topic = "A caf\u00e9 you loved \u2014 and why."

[[steps]]
kind = "appreciation"
each = 1

[[steps]]
kind = "questions"
title = "Questions"
deck = "curious"
count = 1
answer = "both"

[[steps]]
kind = "close"
'''
"""A script of seconds-long steps, with typographic quotes, dashes and an accent in its own words."""


def write_walk_script(folder: Path) -> Path:
    """The walk script as a file in `folder`."""
    path = folder / "terminal-walk.toml"
    path.write_text(WALK_SCRIPT, encoding="utf-8")
    return path


def app_environment(tmp_path: Path, **terminal: str) -> dict[str, str]:
    """The environment for the app: throwaway data and config folders and the given terminal variables
    (the caller's LANG, LC_*, COLORTERM and NO_COLOR are left out unless given)."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("LC_") and name not in ("LANG", "COLORTERM", "NO_COLOR", "TERM")
    }
    return {
        **kept,
        "HEARTHSIDE_DATA_DIR": str(tmp_path / "data"),
        "HEARTHSIDE_CONFIG_DIR": str(tmp_path / "config"),
        "TERM": "xterm-256color",
        **terminal,
    }


class Terminal:
    """One run of the app under a pty of `size` columns x rows; `raw` holds every byte it wrote."""

    def __init__(self, arguments: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        columns, rows = size
        self.raw = bytearray()
        self.screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self.screen)
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal, then become the app
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
            os.chdir(REPO)
            os.execvpe(sys.executable, [sys.executable, "-m", "tui", *arguments], env)
        self.pid, self.fd = pid, fd

    def _read(self, timeout: float) -> bool:
        """Read what is waiting (up to `timeout`); False once the app has closed its terminal."""
        if not select.select([self.fd], [], [], timeout)[0]:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        self.raw += chunk
        self._stream.feed(chunk)
        return True

    def text(self) -> str:
        """The screen as the emulator shows it, one line per row."""
        return "\n".join(self.screen.display)

    def wait_for(self, condition: Callable[[], bool] | str, what: str = "") -> None:
        """Read until `condition` holds (or the words appear on screen), then until the output is quiet."""
        check = (lambda: condition in self.text()) if isinstance(condition, str) else condition
        deadline = time.monotonic() + WAIT_SECONDS
        while not check():
            if time.monotonic() > deadline or not self._read(0.05):
                pytest.fail(f"timed out waiting for {what or condition!r}; the screen shows:\n{self.text()}")
        self.settle()

    def settle(self) -> None:
        """Read until nothing arrives for a moment (the screen is drawn)."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            before = len(self.raw)
            if not self._read(QUIET_SECONDS) or len(self.raw) == before:
                return

    def press(self, *keys: bytes) -> None:
        """Type keys as a person would, one at a time."""
        for key in keys:
            os.write(self.fd, key)
            self._read(0.05)

    def mark(self) -> int:
        """Where the output stands now (to look at one screen's bytes later)."""
        return len(self.raw)

    def since(self, mark: int) -> bytes:
        """The bytes written since `mark`."""
        return bytes(self.raw[mark:])

    def close(self) -> None:
        """End the app (it saves a checkpoint on SIGTERM) and the terminal."""
        if self.pid:
            os.kill(self.pid, signal.SIGTERM)
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline and self._read(0.05):
                pass
            try:
                done, _ = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                done = self.pid
            if not done:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            self.pid = 0
        os.close(self.fd)


def non_ascii(data: bytes) -> int:
    """How many bytes above 127."""
    return sum(1 for byte in data if byte > 127)


def foreign_glyphs(data: bytes, allowed: Callable[[str], bool]) -> set[str]:
    """The characters in `data` (read as UTF-8) that `allowed` refuses."""
    return {char for char in data.decode("utf-8", errors="replace") if not allowed(char)}


def typed(text: str) -> tuple[bytes, ...]:
    """The keys that type `text`, one by one."""
    return tuple(char.encode() for char in text)


ESCAPE = b"\x1b"
ENTER = b"\r"
CTRL = {letter: bytes([ord(letter) - 96]) for letter in "abcdefghijklmnopqrstuvwxyz"}
