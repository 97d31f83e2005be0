"""A walk through every screen of the real app in a real terminal, keeping what each screen sent.

`python tests/e2e/screen_walk.py [VAR=VALUE ...]` prints the bytes above 127 per screen (a measuring
tool: `LANG=C LC_ALL=C`, `TERM=linux`...); the tests in test_any_terminal.py assert on the same walk.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a file: import the helpers beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from e2e.pty_support import (
    CTRL,
    ENTER,
    ESCAPE,
    Terminal,
    app_environment,
    non_ascii,
    typed,
    write_walk_script,
)

Screens = dict[str, bytes]


class Walk:
    """Names each screen's bytes: `step(name, keys, until)` presses keys and waits for the screen."""

    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        self.screens: Screens = {}
        self.texts: dict[str, str] = {}

    def step(self, name: str, keys: tuple[bytes, ...], until: str | Callable[[], bool]) -> None:
        """Press `keys`, wait until `until` shows, keep the bytes and the screen's text as `name`."""
        mark = self.terminal.mark()
        self.terminal.press(*keys)
        self.terminal.wait_for(until, name)
        self.screens[name] = self.screens.get(name, b"") + self.terminal.since(mark)
        self.texts[name] = self.terminal.text()


    def names(self) -> None:
        """Type both names on the welcome screen, each once it shows (a key sent earlier is lost)."""
        self.step("welcome", typed("Maya"), "Maya")
        self.step("welcome", (ENTER, *typed("Jonah")), "Jonah")


def walk_home(tmp_path: Path, env: dict[str, str]) -> Walk:
    """First run: welcome, home, picker, settings, help, the palette, history, follow-ups, quitting."""
    terminal = Terminal([], env)
    walk = Walk(terminal)
    try:
        walk.step("welcome", (), "Welcome to Hearthside")
        walk.names()
        walk.step("home", (ENTER,), "Start a session")
        walk.step("picker", (b"s",), "Filter")
        walk.step("home", (b"b",), "Start a session")
        walk.step("settings", (b"o",), "Second partner")
        walk.step("home", (CTRL["b"],), "Start a session")
        walk.step("help", (b"?",), "closes this")
        walk.step("home", (b"q",), "Start a session")
        walk.step("palette", (CTRL["p"],), "Search for commands")
        walk.step("home", (ESCAPE,), lambda: "Search for commands" not in terminal.text())
        walk.step("history", (b"h",), "Back")
        walk.step("home", (CTRL["b"],), "Start a session")  # a plain b there types into the search
        walk.step("follow-ups", (b"f",), "Back")
        walk.step("home", (b"b",), "Start a session")
    finally:
        terminal.close()
    return walk


def walk_session(tmp_path: Path, env: dict[str, str]) -> Walk:
    """A whole short session: check-in, a turn to its time-up, a time-out, appreciation, a question,
    the close, the leave dialog, then home and the session in history."""
    script = write_walk_script(tmp_path)
    terminal = Terminal(["run", str(script)], env)
    walk = Walk(terminal)
    try:
        walk.step("welcome", (), "Welcome to Hearthside")
        walk.names()
        walk.step("checkin", (ENTER,), "energy")
        walk.step("checkin", (b"4",), "Jonah")
        walk.step("turn", (b"4",), "Holding the floor")
        walk.step("turn", (ENTER,), "speaking")
        walk.step("time-out", (b"t",), "Who is calling")
        walk.step("time-out", (b"1",), "Resume")
        walk.step("turn", (ENTER,), "speaking")
        walk.step("time-up", (), "Time is up")
        walk.step("turn", (ENTER,), "start Jonah")
        walk.step("turn", (ENTER,), "Jonah is speaking")
        walk.step("time-up", (), "Time is up")
        walk.step("appreciation", (ENTER,), "ppreciat")
        walk.step("leave-dialog", (CTRL["q"],), "Leave now")
        walk.step("appreciation", (b"n",), lambda: "Leave now" not in terminal.text())
        walk.step("appreciation", (*typed("the soup"), ENTER), "Jonah")
        walk.step("questions", (*typed("the tea"), ENTER), "Skip")
        walk.step("questions", (ENTER,), "Now Jonah answers")
        walk.step("close", (ENTER,), "Finish")
        walk.step("home", (ENTER,), "Start a session")
        walk.step("history", (b"h",), "newest first")
        walk.step("detail", (ENTER,), "Delete")
        walk.step("history", (b"b",), "Search")
    finally:
        terminal.close()
    return walk


def main(arguments: list[str]) -> int:
    """Print the non-ASCII bytes each screen sent, under the environment given as VAR=VALUE words."""
    terminal_vars = dict(argument.split("=", 1) for argument in arguments)
    for walker in (walk_home, walk_session):
        with tempfile.TemporaryDirectory() as folder:
            walk = walker(Path(folder), app_environment(Path(folder), **terminal_vars))
        for name, data in walk.screens.items():
            print(f"{walker.__name__:13} {name:14} {len(data):7} bytes {non_ascii(data):6} above 127")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
