"""The real app under a pty sends a screen's cells once and then only the cells that change (the terminal
mirror): measured without it, home's arrival was 15 KB (Textual repaints a new screen three more times),
a step down the menu 1.4 KB and the help 18 KB; ctrl+l still draws everything again."""

from __future__ import annotations

from pathlib import Path

from e2e.pty_support import Terminal, app_environment
from e2e.screen_walk import ENTER, Walk

DOWN = b"\x1b[B"
CTRL_L = b"\x0c"


def test_each_screen_is_sent_once_and_then_only_what_changes(tmp_path: Path) -> None:
    terminal = Terminal([], app_environment(tmp_path))
    walk = Walk(terminal)
    try:
        walk.step("welcome", (), "Welcome to Hearthside")
        walk.names()
        mark = terminal.mark()
        terminal.press(ENTER)
        terminal.wait_for("Start a session")
        assert len(terminal.since(mark)) < 6_000  # one 80x24 frame is about 4 KB
        mark = terminal.mark()
        terminal.press(DOWN)
        terminal.settle()
        assert 0 < len(terminal.since(mark)) < 500  # two menu lines change their colours
        mark = terminal.mark()
        terminal.press(b"?")
        terminal.wait_for("closes this")
        assert len(terminal.since(mark)) < 8_000
        terminal.press(b"q")
        terminal.wait_for("Start a session")
        mark = terminal.mark()
        terminal.press(CTRL_L)
        terminal.settle()
        assert len(terminal.since(mark)) > 3_000  # everything again, for a screen something wrote over
        assert "Start a session" in terminal.text() and "For Maya and Jonah" in terminal.text()
    finally:
        terminal.close()
