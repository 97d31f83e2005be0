"""A held history lock shows "saving..." and retries; the countdown never waits for the disk."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from tui.app import HearthsideApp
from tui.core.clock import ManualClock
from tui.core.events import Continue, Rate
from tui.core.library import load_library
from tui.core.settings import Settings
from tui.screens.session import SessionScreen
from tui.store import FileHistoryStore

MAX_PAUSES = 500


async def settle(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Let messages and the writer thread run until `condition()` holds (bounded, never a fixed sleep)."""
    for _ in range(MAX_PAUSES):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the app never reached the expected state")


async def test_a_held_lock_shows_saving_and_the_countdown_keeps_running(tmp_path: Path) -> None:
    store = FileHistoryStore.open(tmp_path, save_timeout=0.02)
    clock = ManualClock()
    settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True)
    app = HearthsideApp(
        store=store,
        library=load_library(),
        clock=clock,
        settings=settings,
        start_script_id="ten-minutes-each",
        unicode_ok=True,
    )
    app.sessions.writer.retry_seconds = (0.01, 0.02)
    app.sessions.writer.notice_after = 0.0
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, SessionScreen) and app.screen.is_mounted)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        for event in (Rate(4), Rate(4), Continue(), Continue()):  # check-in, note, start the first turn
            assert screen.apply(event)
        session = screen.session
        assert session.runner.phase == "speaking"
        await settle(pilot, lambda: not app.sessions.has_pending_writes)

        holder = os.open(store.lock.path, os.O_RDWR)
        fcntl.flock(holder, fcntl.LOCK_EX)  # another process holds the history
        try:
            clock.advance(16)
            screen.tick()  # a checkpoint is due; it cannot be written
            await settle(
                pilot, lambda: "saving..." in str(screen.query_one("#session-header", Static).render())
            )
            clock.advance(30)
            screen.tick()
            await pilot.pause()
            assert session.runner.countdown.display_seconds() == 600 - 46
            assert app.sessions.saving
        finally:
            fcntl.flock(holder, fcntl.LOCK_UN)
            os.close(holder)
        await settle(pilot, lambda: not app.sessions.has_pending_writes)
        await settle(pilot, lambda: "saving" not in str(screen.query_one("#session-header", Static).render()))
    checkpoint = FileHistoryStore.open(tmp_path).load_checkpoint()
    assert checkpoint is not None
    assert checkpoint["runner"]["timer"]["elapsed_seconds"] >= 16
