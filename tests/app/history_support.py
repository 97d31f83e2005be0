"""A small realistic history for the history screens' tests: a few weeks of sessions played by the real
engine (benchmarks/realistic_history.py), and one session whose words are in several languages, with
emoji and markup-like text, which must all show exactly as written."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from benchmarks.realistic_history import realistic_records
from tui.store.memory import InMemoryStore

LAST_DAY = datetime(2026, 3, 12, 21, 0, tzinfo=UTC)  # two days before the tests' manual clock
WORDS_SESSION = "words-session"
MARKUP = "[bold]x[/] and [red]not red[/red]"


def words_record() -> dict[str, Any]:
    """A finished appreciation session, 13 March 2026, with words from everywhere."""
    at = "2026-03-13T19:10:00+00:00"
    return {
        "id": WORDS_SESSION,
        "format": 1,
        "script_id": "appreciation-round",
        "script_title": "Appreciation round",
        "partners": {"a": {"name": "Maya"}, "b": {"name": "Jonah"}},
        "first_speaker": "a",
        "status": "finished",
        "started_at": "2026-03-13T19:00:00+00:00",
        "ended_at": "2026-03-13T19:24:00+00:00",
        "duration_seconds": 1440.0,
        "steps": [
            {"index": 0, "kind": "checkin", "title": "Check-in", "status": "done"},
            {"index": 1, "kind": "turns", "title": "Ten minutes each", "status": "done"},
            {"index": 2, "kind": "appreciation", "title": "Appreciations", "status": "done"},
            {"index": 3, "kind": "reveal", "title": "A wish, written apart", "status": "done"},
            {"index": 4, "kind": "capture", "title": "Carry forward", "status": "done"},
            {"index": 5, "kind": "checkin", "title": "Check-in after", "status": "done"},
        ],
        "speaking_seconds": {"a": 610.0, "b": 540.0},
        "overtime_seconds": {"a": 10.0, "b": 0.0},
        "turns": [
            {"step": 1, "speaker": "a", "listener": "b", "spoken_seconds": 610.0, "overtime_seconds": 10.0},
            {"step": 1, "speaker": "b", "listener": "a", "spoken_seconds": 540.0, "overtime_seconds": 0.0,
             "ended_early": True},
        ],
        "time_outs": [{"by": "b", "step": 1, "started_at": at, "seconds": 75.0}],
        "checkins": [
            {"step": 0, "partner": "a", "value": 2, "at": at},
            {"step": 0, "partner": "b", "value": 3, "at": at},
            {"step": 5, "partner": "a", "value": 4, "at": at},
            {"step": 5, "partner": "b", "value": 4, "at": at},
        ],
        "appreciations": [
            {"step": 2, "from": "a", "to": "b", "text": "Merci pour le café ☕ ce matin, 谢谢你", "at": at},
            {"step": 2, "from": "b", "to": "a", "text": f"Danke! {MARKUP} 🫶", "at": at},
        ],
        "answers": [],
        "favourites": [],
        "reveals": [{"step": 3, "prompt": "Один желание?", "answers": {"a": "Ein Picknick 🧺", "b": "Una cena juntos"}}],
        "follow_ups": [
            {"id": "words-promise", "kind": "promise", "owner": "a", "written_by": "a",
             "text": "Café on Sunday ☕", "created_at": at, "status": "open", "session_id": WORDS_SESSION, "step": 4},
        ],
        "reviews": [],
        "notes": [],
    }


def history_store(sessions: int = 8) -> InMemoryStore:
    """The couple's recent weeks, newest first the words session."""
    store = InMemoryStore()
    store.import_sessions(realistic_records(sessions, seed=4, years=sessions * 4 / 365.25, last_day=LAST_DAY))
    store.save_session(words_record())
    return store
