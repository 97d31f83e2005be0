"""A save that cannot be done is never a silent loss: no thanks before the disk has it, a lasting line on
home and in the session, a file of the couple's choosing, and leaving keeps what was not saved."""

from __future__ import annotations

import errno
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app_support import clock_of, flat, goto, press, settle, static_texts, type_text
from textual.widgets import Input

from tui.app import HearthsideApp
from tui.screens.home import HomeScreen
from tui.screens.save_elsewhere import SaveElsewhereScreen
from tui.screens.session import SessionScreen
from tui.store.export_file import EXPORT_FORMAT, read_export
from tui.store.memory import InMemoryStore

AppFactory = Callable[..., HearthsideApp]
QUICK = (0.001, 0.001)  # the writer's pauses between tries: no test waits for real seconds


class FullDiskStore(InMemoryStore):
    """A store on a disk with no room left: every write raises ENOSPC, reads still work."""

    def __init__(self) -> None:
        super().__init__()
        self.full = False  # filled by the test once the session is under way

    def _refuse(self) -> None:
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device")

    def save_session(self, record: dict[str, Any]) -> None:
        self._refuse()
        super().save_session(record)

    def save_checkpoint(self, snapshot: dict[str, Any]) -> None:  # type: ignore[override]
        self._refuse()
        super().save_checkpoint(snapshot)

    def save_settings(self, settings: dict[str, Any]) -> None:
        self._refuse()
        super().save_settings(settings)


def failing_app(app_factory: AppFactory, script: str = "appreciation-round") -> tuple[HearthsideApp, FullDiskStore]:
    store = FullDiskStore()
    app = app_factory(script, store=store)
    app.sessions.writer.retry_seconds = QUICK
    return app, store


async def end_the_session(pilot: Any, store: FullDiskStore) -> None:
    await goto(pilot, "close")
    store.full = True
    await pilot.press("enter")
    await settle_trouble(pilot)


async def settle_trouble(pilot: Any) -> None:
    """Wait until the writer has said that saving cannot be done (it keeps retrying underneath)."""
    app: HearthsideApp = pilot.app
    for _ in range(400):
        await pilot.pause(0.005)
        if app.sessions.cannot_save:
            await pilot.pause()
            return
    raise AssertionError("the app never said that saving cannot be done")


async def test_a_session_is_thanked_only_once_it_is_on_disk(app_factory: AppFactory) -> None:
    app, store = failing_app(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await end_the_session(pilot, store)
        assert isinstance(app.screen, HomeScreen)
        shown = flat(static_texts(app))
        assert "Kept in your history" not in shown
        assert "could not be saved" in shown and "the disk is full" in shown  # a lasting line, not a toast
        store.full = False  # room again: the retried save lands, and only now is it "kept"
        await settle(pilot)
        assert store.session_count() == 1
        shown = flat(static_texts(app))
        assert "Kept in your history. Thank you for making this time." in shown
        assert "could not be saved" not in shown


async def test_a_session_that_cannot_be_saved_can_be_saved_in_a_file(
    app_factory: AppFactory, tmp_path: Path
) -> None:
    app, store = failing_app(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await end_the_session(pilot, store)
        await pilot.press("e")
        assert isinstance(app.screen, SaveElsewhereScreen)
        field = app.screen.query_one(Input)
        assert field.value.endswith(".json")  # a file in the home folder is offered as it is
        field.value = str(tmp_path / "ours.json")
        await pilot.press("enter")
        for _ in range(400):
            if (tmp_path / "ours.json").exists() and app.sessions.put_in is not None:
                break
            await pilot.pause(0.005)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "hearthside import" in flat(static_texts(app))
    document = json.loads((tmp_path / "ours.json").read_text())
    assert document["format"] == EXPORT_FORMAT and document["version"] == 1
    assert [record["status"] for record in document["sessions"]] == ["finished"]
    fresh = InMemoryStore()
    contents = read_export(tmp_path / "ours.json")
    assert fresh.import_sessions(contents.sessions) == 1
    assert fresh.session_count() == 1


async def test_leaving_with_an_unsaved_session_keeps_it_and_does_not_wait(app_factory: AppFactory) -> None:
    app, store = failing_app(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await end_the_session(pilot, store)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is not None  # no five seconds of "Saving, then leaving" for a disk that is full
    sessions, checkpoints = app.sessions.unsaved_work()
    assert [record["status"] for record in sessions] == ["finished"]
    assert checkpoints == []


async def test_a_checkpoint_that_cannot_be_saved_is_unsaved_work(app_factory: AppFactory) -> None:
    app, store = failing_app(app_factory, "naming-it-together")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "reveal", "writing")
        store.full = True
        await type_text(pilot, "I miss our walks")
        clock_of(app).advance(4)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.tick()  # new words and a few seconds: a checkpoint is due, and the disk is full
        await settle_trouble(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert "Not saved" in flat(static_texts(app))  # said in the session too, and it stays
        await pilot.press("ctrl+q")
        await pilot.press("y")
        await pilot.pause()
        assert app.return_code is not None
    sessions, checkpoints = app.sessions.unsaved_work()
    assert sessions == []
    assert [snapshot["draft"] for snapshot in checkpoints] == ["I miss our walks"]


async def test_saving_that_works_leaves_nothing_unsaved(app_factory: AppFactory) -> None:
    app = app_factory("appreciation-round")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "close")
        await press(pilot, "enter")
        await settle(pilot)
        await press(pilot, "ctrl+q")
        await settle(pilot)
    assert app.sessions.unsaved_work() == ([], [])


async def test_a_folder_that_cannot_be_written_is_said_on_home_before_a_session(app_factory: AppFactory) -> None:
    problem = "Hearthside cannot save in /mnt/x: the disk is full. Fix: free some space on that disk."
    app = app_factory(save_problem=problem)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = flat(static_texts(app))
        assert "the disk is full" in shown and "free some space" in shown
        assert "rescue file" in shown  # what happens to their words if they start anyway
        await press(pilot, "s", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert "Not saving" in flat(static_texts(app))


async def test_the_start_message_stays_when_a_later_write_is_refused_too(app_factory: AppFactory) -> None:
    problem = "Hearthside cannot save in /mnt/x: the disk is full. Fix: free some space on that disk."
    store = FullDiskStore()
    store.full = True
    app = app_factory(save_problem=problem, store=store)
    app.sessions.writer.retry_seconds = QUICK
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.sessions.save_settings(app.settings)  # say the names, typed on the welcome screen
        await settle_trouble(pilot)
        app.sessions.host.refresh_home()
        await pilot.pause()  # the writer keeps retrying underneath: nothing to settle
        shown = flat(static_texts(app))
        assert "free some space" in shown and "rescue file" in shown  # still the fix, not only "keeps trying"


async def test_ending_here_while_saving_fails_does_not_promise_the_history(app_factory: AppFactory) -> None:
    app, store = failing_app(app_factory, "naming-it-together")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "reveal", "writing")
        store.full = True
        await type_text(pilot, "I miss our walks")
        clock_of(app).advance(4)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.tick()
        await settle_trouble(pilot)
        await pilot.press("escape", "ctrl+x")
        await pilot.pause()
        asked = flat(static_texts(app))
        assert "kept in your history" not in asked
        assert "rescue file" in asked
