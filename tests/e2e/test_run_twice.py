"""`hearthside run PATH` twice, in a real terminal: the second run asks about the first session, and
"start fresh" keeps it in history as unfinished instead of stranding it."""

from __future__ import annotations

import json
import os
import pty
import signal
import sys
from pathlib import Path

from e2e.test_hangup import REPO, press_until, wait_for
from tui.store import FileHistoryStore


def history_of(path: Path) -> dict:
    """The history file's tables (empty while it is missing or mid-replace)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def kept_sessions(path: Path) -> list[dict]:
    """The sessions in the history's year files (empty while none is there or one is mid-replace)."""
    found: list[dict] = []
    for year_file in sorted((path.parent / "years").glob("*.json")):
        if not year_file.name.endswith(".index.json"):
            found += history_of(year_file).get("sessions", {}).values()
    return found


def run_app(arguments: list[str], env: dict[str, str]) -> tuple[int, int]:
    """The real command under a real terminal: (pid, pty fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(REPO)
        os.execvpe(sys.executable, [sys.executable, "-m", "tui", *arguments], env)
    return pid, fd


def hang_up(pid: int, fd: int) -> None:
    """End the app as a dropped link would (it saves a checkpoint first)."""
    os.kill(pid, signal.SIGHUP)
    os.waitpid(pid, 0)
    os.close(fd)


def test_running_the_same_path_again_asks_and_start_fresh_keeps_the_first(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = FileHistoryStore.open(data_dir)
    store.save_settings({"name_a": "Maya", "name_b": "Jonah", "welcome_seen": True})
    history = store.path
    script = tmp_path / "mine.toml"
    builtin = (REPO / "sessions" / "ten-minutes-each.toml").read_text(encoding="utf-8")
    script.write_text(builtin.replace('id = "ten-minutes-each"', 'id = "mine"', 1), encoding="utf-8")
    env = {
        **os.environ,
        "HEARTHSIDE_DATA_DIR": str(data_dir),
        "HEARTHSIDE_CONFIG_DIR": str(tmp_path / "config"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    pid, fd = run_app(["run", str(script)], env)
    try:
        wait_for(lambda: len(history_of(history).get("checkpoints", {})) == 1, fd, "the first checkpoint")
    finally:
        hang_up(pid, fd)
    [first] = history_of(history)["checkpoints"].values()
    assert first["script_path"] == str(script.resolve())

    pid, fd = run_app(["run", str(script)], env)
    try:
        kept_one = lambda: len(kept_sessions(history)) == 1  # noqa: E731
        press_until(fd, b"f", kept_one, "start fresh")
        wait_for(lambda: len(history_of(history).get("checkpoints", {})) == 1, fd, "the new checkpoint")
    finally:
        hang_up(pid, fd)
    tables = history_of(history)
    [kept] = kept_sessions(history)
    [new] = tables["checkpoints"].values()
    assert kept["id"] == first["id"] and kept["status"] == "abandoned"
    assert new["id"] != first["id"] and new["script_path"] == str(script.resolve())
