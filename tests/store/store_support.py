"""Helpers for the store tests: realistic session records, a settable clock, file snapshots."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tui.store import FileHistoryStore
from tui.store.memory import InMemoryStore

ContractStore = FileHistoryStore | InMemoryStore  # the two stores one contract suite runs on

START = datetime(2026, 3, 14, 19, 30, tzinfo=UTC)


class FixedClock:
    """A wall clock for the store that moves only when told to."""

    def __init__(self, start: datetime = START) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        """Move forward by a timedelta's keyword arguments (days=1, hours=2...)."""
        self.moment += timedelta(**delta)


def iso(moment: datetime) -> str:
    """The engine's timestamp format."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def follow_up(kind: str = "promise", owner: str = "a", text: str = "A walk on Sunday", **extra: Any) -> dict:
    """A follow-up as the capture step writes it."""
    entry = {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "owner": owner,
        "written_by": owner,
        "text": text,
        "created_at": iso(START),
        "status": "open",
        "script_id": "weekly-meeting",
        "step": 4,
    }
    entry.update(extra)
    return entry


def session_record(index: int = 0, *, status: str = "finished", **extra: Any) -> dict[str, Any]:
    """A session record shaped like `Session.record()`, about 1.5 KB with turns, appreciations, answers."""
    started = START + timedelta(days=index)
    at = iso(started + timedelta(minutes=5))
    record: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "format": 1,
        "script_id": "weekly-meeting",
        "script_title": "Weekly couple meeting",
        "script_hash": "9f2c" * 16,
        "method": "Weekly couple meeting",
        "partners": {"a": {"name": "Maya"}, "b": {"name": "Jonah"}},
        "first_speaker": "a" if index % 2 == 0 else "b",
        "status": status,
        "started_at": iso(started),
        "ended_at": iso(started + timedelta(minutes=32)),
        "duration_seconds": 1921.5,
        "switched_to": None,
        "steps": [
            {"index": 0, "kind": "checkin", "title": "Check-in", "status": "done"},
            {"index": 1, "kind": "appreciation", "title": "Appreciations", "status": "done"},
            {"index": 2, "kind": "turns", "title": "Ten minutes each", "status": "done"},
        ],
        "speaking_seconds": {"a": 598.2, "b": 601.9},
        "overtime_seconds": {"a": 0.0, "b": 12.4},
        "turns": [
            {
                "step": 2,
                "turn": turn,
                "round": 1,
                "speaker": "a" if turn % 2 else "b",
                "listener": "b" if turn % 2 else "a",
                "planned_seconds": 300,
                "spoken_seconds": 295.25,
                "overtime_seconds": 0.0,
                "ended_early": False,
                "reflection": "none",
                "reflection_retries": 0,
            }
            for turn in (1, 2)
        ],
        "time_outs": [],
        "checkins": [{"step": 0, "partner": partner, "value": 3, "at": at} for partner in "ab"],
        "appreciations": [
            {"step": 1, "from": "a", "to": "b", "text": "You made tea when I was tired. Thanks.", "at": at},
            {"step": 1, "from": "b", "to": "a", "text": "I loved how you listened on Tuesday.", "at": at},
        ],
        "answers": [
            {"step": 3, "question": "What would you like more of?", "partner": who, "text": text, "at": at}
            for who, text in (("a", "Long walks on Sundays"), ("b", "Music in the kitchen"))
        ],
        "favourites": [],
        "reveals": [],
        "follow_ups": [],
        "reviews": [],
        "notes": [],
    }
    record.update(extra)
    return record


def snapshot_of(record: dict[str, Any], saved_at: str | None = None) -> dict[str, Any]:
    """A checkpoint shaped like `Session.snapshot()` for the same session."""
    return {
        "format": 1,
        "id": record["id"],
        "script_id": record["script_id"],
        "script_hash": record["script_hash"],
        "partners": record["partners"],
        "first_speaker": record["first_speaker"],
        "seed": 7,
        "status": "running",
        "started_at": record["started_at"],
        "elapsed_seconds": 312.5,
        "step_index": 2,
        "step_outcomes": [],
        "runner": {"phase": "speaking"},
        "time_out": None,
        "log": {"turns": record["turns"][:1], "appreciations": record["appreciations"]},
        "saved_at": saved_at or record["started_at"],
    }


def file_state(folder: Path) -> dict[str, bytes]:
    """Every regular file under `folder` (relative name to bytes), to prove nothing changed."""
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return {str(path.relative_to(folder)): path.read_bytes() for path in files}


def year_documents(data_dir: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(year, doc id, record) for every session in the year files, as plain JSON reads them."""
    found = []
    for path in sorted((data_dir / "years").glob("[0-9u]*.json")):
        if not path.name.endswith(".index.json"):
            year = path.name.removesuffix(".json")
            found += [(year, doc_id, doc) for doc_id, doc in json.loads(path.read_bytes()).get("sessions", {}).items()]
    return found


def year_sessions(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Every session in the year files (doc id -> record) of a history whose sessions are all of one year."""
    documents = year_documents(data_dir)
    assert len({year for year, _doc_id, _doc in documents}) <= 1, "sessions of several years"
    return {doc_id: doc for _year, doc_id, doc in documents}


def backup_bytes(backup: Path) -> bytes:
    """The live history file a backup holds (a folder backup, or an old single-file one)."""
    return (backup / "history.json").read_bytes() if backup.is_dir() else backup.read_bytes()
