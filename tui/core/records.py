"""Records built without a running session: what history keeps for a session that will not continue."""

from __future__ import annotations

from typing import Any

from tui.core.engine import ABANDONED, RECORD_FORMAT
from tui.core.session_log import SessionLog


def unfinished_record(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A history record for a session that will not be continued, built from its snapshot alone."""
    log = SessionLog.from_dict(snapshot.get("log", {})).to_dict()
    speaking = {"a": 0.0, "b": 0.0}
    overtime = {"a": 0.0, "b": 0.0}
    for turn in log["turns"]:
        speaking[turn["speaker"]] += float(turn.get("spoken_seconds", 0.0))
        overtime[turn["speaker"]] += float(turn.get("overtime_seconds", 0.0))
    return {
        "id": snapshot["id"],
        "format": RECORD_FORMAT,
        "script_id": snapshot.get("script_id", ""),
        "script_title": snapshot.get("script_title", snapshot.get("script_id", "")),
        "script_hash": snapshot.get("script_hash", ""),
        "method": snapshot.get("method", ""),
        "partners": snapshot.get("partners", {}),
        "first_speaker": snapshot.get("first_speaker", "a"),
        "status": ABANDONED,
        "started_at": snapshot.get("started_at", ""),
        "ended_at": snapshot.get("saved_at", ""),
        "duration_seconds": round(float(snapshot.get("elapsed_seconds", 0.0)), 3),
        "switched_to": "",
        "program_id": snapshot.get("program_id", ""),
        "steps": list(snapshot.get("step_outcomes", [])),
        "speaking_seconds": {key: round(value, 3) for key, value in speaking.items()},
        "overtime_seconds": {key: round(value, 3) for key, value in overtime.items()},
        **log,
    }
