"""A dropped SSH link (SIGHUP) during a turn leaves a checkpoint that resumes with the right time left."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.library import load_library
from tui.store import FileHistoryStore

REPO = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 30.0


def read_checkpoint(history: Path) -> dict | None:
    """The single checkpoint in the history file, if there is one (the file may be mid-replace)."""
    try:
        data = json.loads(history.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    checkpoints = list(data.get("checkpoints", {}).values())
    return checkpoints[0] if checkpoints else None


def drain(fd: int) -> None:
    """Read whatever the app has drawn so its pty never blocks."""
    while select.select([fd], [], [], 0)[0]:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def wait_for(condition: Callable[[], bool], fd: int, what: str) -> None:
    """Poll `condition` (draining the pty) until it holds; fail with `what` after a generous limit."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        drain(fd)
        if condition():
            return
        select.select([fd], [], [], 0.05)
    pytest.fail(f"timed out waiting for {what}")


def ratings(history: Path) -> int:
    """How many check-in ratings the latest checkpoint holds."""
    checkpoint = read_checkpoint(history)
    if checkpoint is None or checkpoint["runner"] is None:
        return 0
    return len(checkpoint["runner"].get("ratings", {}))


def press_until(fd: int, key: bytes, condition: Callable[[], bool], what: str) -> None:
    """Press `key` and wait for its effect; press again only if the app provably did not take it (a key
    sent in the moment before the first view has focus is not delivered to it)."""
    for _ in range(5):
        os.write(fd, key)
        deadline = time.monotonic() + 3.0
        while time.monotonic() < deadline:
            drain(fd)
            if condition():
                return
            select.select([fd], [], [], 0.05)
    pytest.fail(f"the app never took the key for {what}")


def test_sighup_during_a_turn_saves_a_checkpoint_that_resumes(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = FileHistoryStore.open(data_dir)
    store.save_settings({"name_a": "Maya", "name_b": "Jonah", "welcome_seen": True})
    history = store.path
    env = {
        **os.environ,
        "HEARTHSIDE_DATA_DIR": str(data_dir),
        "HEARTHSIDE_CONFIG_DIR": str(tmp_path / "config"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command under a real terminal
        os.chdir(REPO)
        os.execvpe(sys.executable, [sys.executable, "-m", "tui", "run", "ten-minutes-each"], env)
    try:
        wait_for(
            lambda: (cp := read_checkpoint(history)) is not None and cp["runner"] is not None, fd, "start"
        )
        # the check-in: both rate 4 (not low); the second rating completes the step
        press_until(fd, b"4", lambda: ratings(history) == 1, "the first rating")
        press_until(fd, b"4", lambda: read_checkpoint(history)["step_index"] == 1, "the second rating")
        press_until(fd, b"\r", lambda: read_checkpoint(history)["step_index"] == 2, "leaving the note")
        press_until(fd, b"\r", lambda: read_checkpoint(history)["runner"]["phase"] == "speaking", "the turn")
        os.kill(pid, signal.SIGHUP)
        _, status = os.waitpid(pid, 0)
        pid = 0
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 129
    snapshot = read_checkpoint(history)
    assert snapshot is not None and snapshot["runner"]["phase"] == "speaking"
    elapsed = snapshot["runner"]["timer"]["elapsed_seconds"]
    assert 0 < elapsed < 15  # saved by the hang-up handler, not by the 15-second checkpoint
    library = load_library()
    resumed = Session.restore(snapshot, library.find("ten-minutes-each"), ManualClock(), library.decks)
    assert resumed.runner.phase == "speaking"
    assert resumed.runner.countdown.remaining_seconds() == pytest.approx(600 - elapsed, abs=0.01)
