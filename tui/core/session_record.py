"""The history record of a session: one builder, used by a running session and by one left unfinished."""

from __future__ import annotations

from typing import Any

from tui.core.session_log import SessionLog
from tui.core.session_status import ABANDONED

RECORD_FORMAT = 1


def seconds_by_speaker(turns: list[dict[str, Any]], key: str) -> dict[str, float]:
    """The sum of one per-turn number ("spoken_seconds", "overtime_seconds") for each partner."""
    totals = {"a": 0.0, "b": 0.0}
    for turn in turns:
        totals[turn["speaker"]] += float(turn.get(key, 0.0))
    return totals


def words_left_typing(text: str, step: int, by: str | None) -> dict[str, Any] | None:
    """The words someone was typing when the session stopped (never handed in), or None: kept in the
    record so ending here or leaving for good loses nothing typed."""
    return {"step": step, "by": by, "text": text} if text else None


def session_record(
    *,
    session_id: str,
    script_id: str,
    script_title: str,
    script_hash: str,
    method: str,
    partners: dict[str, Any],
    first_speaker: str,
    status: str,
    started_at: str,
    ended_at: str,
    duration_seconds: float,
    switched_to: str,
    program_id: str,
    steps: list[dict[str, Any]],
    log: dict[str, Any],
    draft: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The plain, JSON-ready record history keeps; speaking and overtime totals come from the log's turns."""
    speaking = seconds_by_speaker(log["turns"], "spoken_seconds")
    overtime = seconds_by_speaker(log["turns"], "overtime_seconds")
    record = {
        "id": session_id,
        "format": RECORD_FORMAT,
        "script_id": script_id,
        "script_title": script_title,
        "script_hash": script_hash,
        "method": method,
        "partners": partners,
        "first_speaker": first_speaker,
        "status": status,
        "started_at": started_at,
        "ended_at": ended_at,
        "duration_seconds": round(duration_seconds, 3),
        "switched_to": switched_to,
        "program_id": program_id,
        "steps": steps,
        "speaking_seconds": {key: round(value, 3) for key, value in speaking.items()},
        "overtime_seconds": {key: round(value, 3) for key, value in overtime.items()},
        **log,
    }
    if draft is not None:
        record["draft"] = draft
    return record


def unfinished_record(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A history record for a session that will not be continued, built from its snapshot alone."""
    return session_record(
        session_id=snapshot["id"],
        script_id=snapshot.get("script_id", ""),
        script_title=snapshot.get("script_title", snapshot.get("script_id", "")),
        script_hash=snapshot.get("script_hash", ""),
        method=snapshot.get("method", ""),
        partners=snapshot.get("partners", {}),
        first_speaker=snapshot.get("first_speaker", "a"),
        status=ABANDONED,
        started_at=snapshot.get("started_at", ""),
        ended_at=snapshot.get("saved_at", ""),
        duration_seconds=float(snapshot.get("elapsed_seconds", 0.0)),
        switched_to="",
        program_id=snapshot.get("program_id", ""),
        steps=list(snapshot.get("step_outcomes", [])),
        log=SessionLog.from_dict(snapshot.get("log", {})).to_dict(),
        draft=words_left_typing(
            str(snapshot.get("draft") or ""), int(snapshot.get("step_index", 0)), snapshot.get("draft_by")
        ),
    )
