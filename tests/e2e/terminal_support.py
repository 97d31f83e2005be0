"""A real terminal for the end-to-end tests: a private tmux server per test (`tmux -L`), keys sent as a
person types them, the screen read with `capture-pane`, and the installed `hearthside` command. Tools
that are missing skip the test, except in CI (`CI` set), where a missing tool is a failure."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.store import FileHistoryStore

REPO = Path(__file__).resolve().parents[2]
DEADLINE_SECONDS = 30.0  # generous: the machine may be busy; the tests poll and never sleep a fixed time
POLL_SECONDS = 0.1
MINUTES_LEFT = re.compile(r"(\d+) min left")  # the window title during a turn: whole minutes, rounded up
SECONDS_SHOWN = re.compile(r"(?<![\d+]):(\d\d)\b")  # the clock's seconds on screen, beside its large minutes

SHORT_SCRIPT = """
[script]
id = "e2e-short"
title = "A short one"
summary = "Two short turns, then one appreciation each."
intensity = "light"
method = "a test of the whole flow"

[[steps]]
kind = "turns"
minutes = {minutes}
first = "a"

[[steps]]
kind = "appreciation"
each = 1
first = "a"
starters = ["Thank you for..."]

[[steps]]
kind = "close"
"""


def need(tool: str, install: str, path: str | None = None) -> str:
    """The path of `tool`; skip with the reason when it is missing (fail in CI, which must run these)."""
    found = path if path and os.access(path, os.X_OK) else shutil.which(tool)
    if found:
        return found
    reason = f"{tool} is not installed (install it with: {install})"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the real-terminal tests, but {reason}")
    pytest.skip(reason)


def hearthside_command() -> str:
    """The installed `hearthside`, beside this Python (the venv's bin in CI)."""
    return need("hearthside", "pip install .", str(Path(sys.executable).with_name("hearthside")))


def app_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Throwaway data and config folders, this checkout's `tui` first (so `hearthside` runs the code under
    test), a UTF-8 locale and 256 colours unless `extra` says otherwise."""
    env = {name: value for name, value in os.environ.items() if name not in ("TMUX", "NO_COLOR", "COLORTERM")}
    env.update(
        HEARTHSIDE_DATA_DIR=str(tmp_path / "data"),
        HEARTHSIDE_CONFIG_DIR=str(tmp_path / "config"),
        PYTHONPATH=str(REPO),
        LANG="C.UTF-8",
        TERM="xterm-256color",
    )
    env.pop("LC_ALL", None)
    env.update(extra)
    return env


def couple_history(tmp_path: Path) -> Path:
    """A data folder whose couple (Maya and Jonah) has been welcomed already; the history file's path."""
    store = FileHistoryStore.open(tmp_path / "data")
    store.save_settings({"name_a": "Maya", "name_b": "Jonah", "welcome_seen": True})
    return store.path


def short_script(tmp_path: Path, minutes: float = 0.05) -> Path:
    """A script of two turns of `minutes` (0.05 is 3 seconds), an appreciation each and the close."""
    path = tmp_path / "short.toml"
    path.write_text(SHORT_SCRIPT.format(minutes=minutes), encoding="utf-8")
    return path


def finished_sessions(history: Path) -> list[dict]:
    """The sessions kept in the history's year files (empty while none is there or one is mid-replace)."""
    found: list[dict] = []
    for year_file in sorted((history.parent / "years").glob("*.json")):
        if year_file.name.endswith(".index.json"):
            continue
        try:
            found += json.loads(year_file.read_text(encoding="utf-8")).get("sessions", {}).values()
        except (OSError, ValueError):
            continue
    return found


def checkpoint_of(history: Path) -> dict | None:
    """The single checkpoint in the live history file, if there is one (None while it is mid-replace)."""
    try:
        checkpoints = list(json.loads(history.read_text(encoding="utf-8")).get("checkpoints", {}).values())
    except (OSError, ValueError):
        return None
    return checkpoints[0] if checkpoints else None


def seconds_left(terminal: Terminal) -> int | None:
    """The time left of the running turn: the whole minutes (rounded up) from the window title the app sets
    ("2 min left - ..."), the seconds from the clock on screen (":55"), both read between two equal reads
    of the screen so a minute turning over between them is not misread."""
    before = SECONDS_SHOWN.search(terminal.screen())
    title = MINUTES_LEFT.search(terminal.tmux_command("display-message", "-p", "-t", "main", "#{pane_title}"))
    after = SECONDS_SHOWN.search(terminal.screen())
    if not (before and title and after) or before[1] != after[1]:
        return None
    minutes, seconds = int(title[1]), int(after[1])
    return (minutes - 1) * 60 + seconds if seconds else minutes * 60


def wait_until(condition: Callable[[], bool], what: str, seconds: float = DEADLINE_SECONDS) -> None:
    """Poll `condition` until it holds; fail saying `what` did not happen."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(POLL_SECONDS)
    pytest.fail(f"timed out waiting for {what}")


class Terminal:
    """One window of a private tmux server, 80x24 unless told otherwise, running one command."""

    def __init__(self, env: dict[str, str]) -> None:
        self.tmux = need("tmux", "apt-get install tmux")
        self.socket = f"hs-e2e-{uuid.uuid4().hex[:12]}"
        self.env = env

    def run(self, command: list[str], width: int = 80, height: int = 24, **overrides: str) -> None:
        """Start `command` in the window (`overrides` set in its environment, like TERM); the window stays
        after the command ends, so what it printed can be read."""
        env_words = [f"{name}={value}" for name, value in overrides.items()]
        self.tmux_command(
            "start-server", ";", "set", "-g", "remain-on-exit", "on", ";",
            "set", "-g", "status", "off", ";",
            "new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height),
            shlex.join(["env", *env_words, *command]),
        )  # fmt: skip

    def run_again(self, command: list[str], **overrides: str) -> None:
        """Replace what the window runs with `command` (the next login in the same terminal)."""
        env_words = [f"{name}={value}" for name, value in overrides.items()]
        self.tmux_command("respawn-pane", "-k", "-t", "main", shlex.join(["env", *env_words, *command]))

    def tmux_command(self, *arguments: str) -> str:
        """Run a tmux command on this private server; its output."""
        done = subprocess.run(
            [self.tmux, "-f", os.devnull, "-L", self.socket, *arguments],
            env=self.env, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        if done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(arguments)} failed: {done.stderr.strip()}")
        return done.stdout

    def screen(self, colours: bool = False) -> str:
        """What the window shows now, as text (with its colour sequences when `colours`)."""
        return self.tmux_command("capture-pane", "-p", *(["-e"] if colours else []), "-t", "main")

    def scrollback(self) -> str:
        """Everything the window has shown, scrolled-off lines too, wrapped lines joined."""
        return self.tmux_command("capture-pane", "-p", "-J", "-S", "-", "-t", "main")

    def type_words(self, text: str) -> None:
        """Type `text` as a person would, character by character."""
        self.tmux_command("send-keys", "-t", "main", "-l", text)

    def press(self, *keys: str) -> None:
        """Press keys by their tmux names (Enter, F12, C-q, ...)."""
        self.tmux_command("send-keys", "-t", "main", *keys)

    def press_until(self, key: str, text: str, tries: int = 5) -> str:
        """Press `key` until `text` shows (a key sent in the moment before a new screen has focus is not
        delivered to it): for keys that a second press cannot harm."""
        for _ in range(tries):
            self.press(key)
            deadline = time.monotonic() + 5.0
            while time.monotonic() < deadline:
                shown = self.screen()
                if text in shown:
                    return shown
                time.sleep(POLL_SECONDS)
        return self.wait_for(text)

    def wait_for(self, text: str, seconds: float = DEADLINE_SECONDS) -> str:
        """Poll the screen until `text` shows; the screen then. Fails showing the last screen."""
        deadline = time.monotonic() + seconds
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(POLL_SECONDS)
        pytest.fail(f"timed out waiting for {text!r} on the screen; it showed:\n{shown}")

    def ended(self) -> bool:
        """Whether the window's command has exited."""
        return self.tmux_command("display-message", "-p", "-t", "main", "#{pane_dead}").strip() == "1"

    def close(self) -> None:
        """Stop this private tmux server (and whatever still runs in it) and remove its socket."""
        socket_path = ""
        with contextlib.suppress(AssertionError):
            socket_path = self.tmux_command("display-message", "-p", "#{socket_path}").strip()
        subprocess.run(
            [self.tmux, "-L", self.socket, "kill-server"],
            env=self.env, capture_output=True, check=False, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        if socket_path.endswith(self.socket):
            Path(socket_path).unlink(missing_ok=True)


def end_shared_session(data: Path) -> None:
    """Stop the shared session's tmux server of a data folder, if a failed test left it running."""
    socket_path = data / "shared" / "tmux"
    if socket_path.exists() and shutil.which("tmux"):
        subprocess.run(["tmux", "-S", str(socket_path), "kill-server"], capture_output=True, check=False)
