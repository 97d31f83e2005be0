"""A history with records of the wrong shape: home counts what can be used, the picker still starts a
session, and the couple is told once where the others were put."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from app_support import flat, make_app, press, screen_text, settle, static_texts

from tui.core.library import Library
from tui.core.settings import Settings
from tui.screens.picker import PickerScreen
from tui.screens.session import SessionScreen
from tui.store import FileHistoryStore
from tui.store.files import write_atomic
from tui.store.set_aside import set_aside_files


def session_record(day: int, **extra: Any) -> dict[str, Any]:
    """A finished session's record, as the engine keeps it (the fields home reads)."""
    started = f"2026-03-{10 + day:02d}T19:00:00+00:00"
    record = {
        "id": f"session-{day}",
        "status": "finished",
        "script_id": "speaker-listener",
        "partners": {"a": {"name": "Maya"}, "b": {"name": "Jonah"}},
        "first_speaker": "a",
        "started_at": started,
        "ended_at": started.replace("T19", "T20"),
        "follow_ups": [],
        "reviews": [],
    }
    return {**record, **extra}


def follow_up(**extra: Any) -> dict[str, Any]:
    """An open promise of Maya's."""
    promise = {"id": "promise-1", "kind": "promise", "owner": "a", "text": "Tea on Sunday", "status": "open"}
    return {**promise, "created_at": "2026-03-07T19:30:00+00:00", **extra}


PROGRAM = "reconnecting-after-burnout"


def history_at(folder: Path, tables: dict[str, Any]) -> FileHistoryStore:
    """The store opened on a history file holding `tables` as they are."""
    folder.mkdir(mode=0o700)
    write_atomic(folder / "history.json", orjson.dumps({"_meta": {"1": {"schema_version": 2}}, **tables}))
    return FileHistoryStore.open(folder)


async def test_home_counts_the_sessions_that_can_be_used_and_says_where_the_others_are(
    tmp_path: Path, library: Library
) -> None:
    sessions = {
        "1": session_record(0, program_id=PROGRAM),
        "2": session_record(1, program_id=PROGRAM, partners=["Maya", "Jonah"]),
        "3": session_record(2, program_id=PROGRAM),
    }
    store = history_at(tmp_path / "data", {"sessions": sessions})
    settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True, extra={"program": {"id": PROGRAM}})
    app = make_app(library, store=store, settings=settings, store_notices=store.warnings)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = flat(static_texts(app))
        assert "You have made time for each other 2 times." in shown
        [kept] = set_aside_files(tmp_path / "data")
        notices = " ".join(notification.message for notification in app._notifications)
        assert "1 session in your history could not be used" in notices and str(kept) in notices


async def test_the_picker_starts_a_session_when_a_follow_up_has_the_wrong_shape(
    tmp_path: Path, library: Library
) -> None:
    follow_ups = {"1": follow_up(), "2": follow_up(id="promise-2", created_at=1741980600)}
    store = history_at(tmp_path / "data", {"follow_ups": follow_ups})
    app = make_app(library, store=store)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, PickerScreen)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen), screen_text(app)


async def test_a_record_that_appears_while_running_breaks_nothing_on_home(
    tmp_path: Path, library: Library
) -> None:
    store = history_at(tmp_path / "data", {"sessions": {"1": session_record(0)}})
    app = make_app(library, store=store)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        FileHistoryStore.open(tmp_path / "data").save_session(session_record(2))  # another Hearthside
        year_file = tmp_path / "data" / "years" / "2026.json"
        year = orjson.loads(year_file.read_bytes())
        year["sessions"]["7"] = session_record(1, appreciations=3)
        write_atomic(year_file, orjson.dumps(year))  # and records of the wrong shape, by hand
        live = orjson.loads(store.path.read_bytes())
        live["checkpoints"] = {"1": {"id": "elsewhere", "saved_at": 5}, "2": {"id": "x", "saved_at": "y"}}
        live["years"]["9"] = {"year": "1999", "sessions": "many", "together": 40}
        write_atomic(store.path, orjson.dumps(live))
        app.sessions.load_overview()
        await settle(pilot)
        assert "You have made time for each other 2 times." in flat(static_texts(app))
        assert [summary["id"] for summary in store.session_summaries()] == ["session-2", "session-0"]
        assert set_aside_files(tmp_path / "data") == []  # reading changes nothing on disk
