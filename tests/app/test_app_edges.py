"""Edge cases found in review: resuming into a time-out, a double start, a draft kept through a
time-out, a store that cannot save, markup in a user's tags, and the window title after a session."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app_support import clock_of, goto, make_app, press, session_of, settle, store_of, type_text
from textual.widgets import Input

from tui.app import HearthsideApp
from tui.core.library import Library, load_library
from tui.history_writer import HistoryWriter, WriteDone, WriteTrouble
from tui.screens.session import SessionScreen
from tui.screens.time_out import TimeOutScreen
from tui.store import StoreReadOnly
from tui.store.memory import InMemoryStore

AppFactory = Callable[..., HearthsideApp]


async def test_resuming_a_session_saved_during_a_time_out_shows_the_time_out(app_factory: AppFactory) -> None:
    first = app_factory("ten-minutes-each")
    async with first.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        await press(pilot, "t", "1")
        await settle(pilot)
        assert session_of(first).time_out is not None
    store = store_of(first)
    second = app_factory(store=store)
    async with second.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        await settle(pilot)
        assert isinstance(second.screen, TimeOutScreen)
        session = session_of(second)
        remaining = session.runner.countdown.remaining_seconds()
        await press(pilot, "enter")
        await settle(pilot)
        assert session.time_out is None
        assert isinstance(second.screen, SessionScreen)
        assert session.runner.countdown.remaining_seconds() == remaining


class SlowStore(InMemoryStore):
    """A store whose rotation read is slow, as a large history on a slow disk would be."""

    def last_first_speaker(self) -> str | None:
        time.sleep(0.2)  # only the worker thread waits: this stands in for a slow disk
        return super().last_first_speaker()


async def test_enter_twice_in_the_picker_starts_one_session(app_factory: AppFactory) -> None:
    app = app_factory(store=SlowStore())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s", "enter", "enter")
        await settle(pilot)
        assert sum(isinstance(screen, SessionScreen) for screen in app.screen_stack) == 1
        await press(pilot, "ctrl+x", "y")  # the first script may open with typing, where x is a letter
        await settle(pilot)
        assert store_of(app).load_checkpoint() is None  # no phantom "continue where you left off"


async def test_a_time_out_while_writing_a_reveal_keeps_the_draft(app_factory: AppFactory) -> None:
    app = app_factory("naming-it-together")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "reveal", "writing")
        await type_text(pilot, "I feel tired of being the one who")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        screen.action_time_out()  # the palette or a click reaches it while the input has the keys
        await settle(pilot)
        await press(pilot, "2", "enter")
        await settle(pilot)
        assert app.screen.query_one("#reveal-input", Input).value == "I feel tired of being the one who"


def thread_starter(threads: list[threading.Thread]) -> Callable[[Callable[[], None]], object]:
    """A `start_worker` for `HistoryWriter` that drains in a plain thread (kept in `threads`), for unit tests."""

    def start(drain: Callable[[], None]) -> object:
        thread = threading.Thread(target=drain, daemon=True)
        threads.append(thread)
        thread.start()
        return thread

    return start


def test_a_read_only_store_is_told_once_and_not_retried() -> None:
    posted: list[Any] = []
    threads: list[threading.Thread] = []
    start = thread_starter(threads)

    calls: list[int] = []

    def refuse() -> None:
        calls.append(1)
        raise StoreReadOnly("the history was written by a newer Hearthside; it is open read-only")

    writer = HistoryWriter(start, posted.append)
    writer.retry_seconds = (0.001,)
    writer.write("checkpoint", refuse)
    threads[0].join(timeout=5)
    assert calls == [1]
    assert [type(message) for message in posted] == [WriteTrouble]
    assert posted[0].final


def test_closing_stops_the_retries_of_a_failing_disk() -> None:
    posted: list[Any] = []
    threads: list[threading.Thread] = []
    start = thread_starter(threads)

    def disk_full() -> None:
        raise OSError(28, "No space left on device")

    writer = HistoryWriter(start, posted.append)
    writer.retry_seconds = (60.0,)  # it would wait a minute between tries
    writer.write("session", disk_full)
    writer.close()
    threads[0].join(timeout=5)
    assert not threads[0].is_alive()
    assert not any(isinstance(message, WriteDone) for message in posted)


async def test_markup_in_a_users_tags_is_shown_literally(tmp_path: Path, app_factory: AppFactory) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    builtin = (Path(__file__).resolve().parents[2] / "sessions" / "low-energy.toml").read_text()
    mine = builtin.replace('id = "low-energy"', 'id = "my-own"').replace(
        "tags = [", 'tags = ["[/b]", "[red]fun", ', 1
    )
    (folder / "mine.toml").write_text(mine)
    library: Library = load_library(user_dir=folder)
    assert library.find("my-own") is not None, library.problems
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        for _ in range(12):
            await press(pilot, "f")
        await settle(pilot)
        assert app.is_running


async def test_the_window_title_returns_when_the_session_ends(app_factory: AppFactory) -> None:
    app = app_factory("ten-minutes-each")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        await pilot.pause(0.3)
        assert "left" in app.window_title
        await press(pilot, "x", "y")
        await settle(pilot)
        assert app.window_title == "Hearthside"


async def test_words_being_typed_are_checkpointed_and_come_back(app_factory: AppFactory) -> None:
    first = app_factory("naming-it-together")
    async with first.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "reveal", "writing")
        await type_text(pilot, "I miss our walks")
        clock_of(first).advance(4)
        screen = first.screen
        assert isinstance(screen, SessionScreen)
        screen.tick()  # new words and a few seconds: a checkpoint is due
        await settle(pilot)
        checkpoint = store_of(first).load_checkpoint()
        assert checkpoint is not None and checkpoint["draft"] == "I miss our walks"
    second = app_factory(store=store_of(first))
    async with second.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        await settle(pilot)
        assert second.screen.query_one("#reveal-input", Input).value == "I miss our walks"


async def test_no_checkpoint_is_queued_after_the_last_one_before_leaving(app_factory: AppFactory) -> None:
    """Leaving queues one last checkpoint; a tick after it queues nothing more, so leaving never waits on
    (or drops) a write that comes after the one it is waiting for."""
    app = app_factory("appreciation-round")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "appreciation")
        await type_text(pilot, "new words")
        app.sessions.leave(lambda: None)
        queued = app.sessions.writer.pending
        clock_of(app).advance(20)  # a draft and a turn checkpoint would both be due now
        next(screen for screen in app.screen_stack if isinstance(screen, SessionScreen)).tick()
        app.sessions.save_checkpoint(session)
        assert app.sessions.writer.pending == queued
        await settle(pilot)
        assert store_of(app).load_checkpoint()["draft"] == "new words"
