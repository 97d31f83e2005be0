"""Through a real OpenSSH server on 127.0.0.1: a whole session over `ssh -tt`, then a link that drops
mid-turn (the ssh client killed) and a second login that continues the session with its time and words
(and ends it there, with `ctrl+x`)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from e2e.sshd_support import SshServer, ssh_server  # noqa: F401 (the fixture)
from e2e.terminal_support import (
    Terminal,
    app_environment,
    checkpoint_of,
    couple_history,
    finished_sessions,
    hearthside_command,
    seconds_left,
    short_script,
    wait_until,
)
from e2e.test_real_terminal import play_short_session
from tui.store.presence import open_elsewhere

DROP_SCRIPT = """
[script]
id = "e2e-drop"
title = "Words, then a minute each"
summary = "One appreciation each, then a minute each."
intensity = "light"
method = "a test of a dropped link"

[[steps]]
kind = "appreciation"
each = 1
first = "a"

[[steps]]
kind = "turns"
minutes = 1
first = "a"

[[steps]]
kind = "close"
"""


def on_the_server(tmp_path: Path, *arguments: str) -> list[str]:
    """The command the login runs on the server: the installed `hearthside` with the test's folders."""
    env = app_environment(tmp_path)
    settings = [
        f"{name}={env[name]}" for name in ("HEARTHSIDE_DATA_DIR", "HEARTHSIDE_CONFIG_DIR", "PYTHONPATH")
    ]
    return ["env", *settings, "LANG=C.UTF-8", hearthside_command(), *arguments]


def test_a_session_over_ssh_and_one_continued_after_the_link_drops(
    tmp_path: Path,
    ssh_server: SshServer,  # noqa: F811
) -> None:
    history = couple_history(tmp_path)
    drop = tmp_path / "drop.toml"
    drop.write_text(DROP_SCRIPT, encoding="utf-8")
    terminal = Terminal(app_environment(tmp_path))
    try:
        terminal.run(ssh_server.login(on_the_server(tmp_path, "run", str(short_script(tmp_path)))))
        play_short_session(terminal)  # a whole session, over ssh
        wait_until(lambda: len(finished_sessions(history)) == 1, "the first session in the history")
        terminal.press("C-q")
        wait_until(terminal.ended, "the login to end when the app quits")

        terminal.run_again(ssh_server.login(on_the_server(tmp_path, "run", str(drop))))
        for giver, words in (("Maya", "the soup you made"), ("Jonah", "your laugh")):
            terminal.wait_for(f"{giver}, tell")
            terminal.type_words(words)
            terminal.press("Enter")
        terminal.wait_for("Press Enter to start Maya's 1 minute")
        terminal.press_until("Enter", "The floor is Maya's")  # a second Enter does nothing while one speaks
        wait_until(lambda: (left := seconds_left(terminal)) is not None and left <= 57, "the turn's clock")
        before = seconds_left(terminal)
        ssh_client = int(terminal.tmux_command("display-message", "-p", "-t", "main", "#{pane_pid}"))
        os.kill(ssh_client, signal.SIGKILL)  # the link is gone: the server's app gets SIGHUP
        wait_until(lambda: open_elsewhere(tmp_path / "data") is None, "the app on the server to save and end")
        saved = checkpoint_of(history)
        assert saved is not None and saved["runner"]["phase"] == "speaking"

        terminal.run_again(ssh_server.login(on_the_server(tmp_path, "run", str(drop))))
        terminal.wait_for("Continue it")
        terminal.press_until("c", "Maya is speaking")
        wait_until(lambda: seconds_left(terminal) is not None, "the continued turn's clock")
        after = seconds_left(terminal)
        assert before is not None and after is not None
        assert abs(before - after) <= 15, f"{before} s left when the link dropped, {after} s after"
        terminal.press_until("C-x", "End here (y)")  # stop here: kept as a session that ended early
        terminal.press("y")
        terminal.wait_for("Kept in your history")
        wait_until(lambda: len(finished_sessions(history)) == 2, "the continued session in the history")
        terminal.press("C-q")
        wait_until(terminal.ended, "the second login to end")
    finally:
        terminal.close()
    continued = next(kept for kept in finished_sessions(history) if kept["script_id"] == "e2e-drop")
    assert continued["id"] == saved["id"] and continued["status"] == "ended_early"
    assert [given["text"] for given in continued["appreciations"]] == ["the soup you made", "your laugh"]
