"""The history's tables and every rule for reading and changing them, shared by `FileHistoryStore` and
`InMemoryStore`: copy-on-write (documents are replaced, never changed in place), records found by their own
id, doc ids computed from fresh data."""

from __future__ import annotations

from typing import Any

import orjson

from tui.core.session_status import ABANDONED, ENDED, count_time_together, counts_as_time_together
from tui.store.errors import StoreInvalidRecord
from tui.store.history_json import Data
from tui.store.record_schema import SUMMARY_TEXT_FIELDS

SESSIONS = "sessions"
CHECKPOINTS = "checkpoints"
FOLLOW_UPS = "follow_ups"
SETTINGS = "settings"
SUMMARIES = "summaries"
YEARS = "years"
META = "_meta"

FOLLOW_UP_STATUSES = ("open", "kept", "let_go")
NOT_YET = "not_yet"  # a review that keeps the follow-up open

Table = dict[str, dict[str, Any]]


def json_copy(record: dict[str, Any], what: str) -> dict[str, Any]:
    """A deep copy through JSON, so it can be stored and later changes by the caller never reach the file."""
    if not isinstance(record, dict):
        kind = type(record).__name__
        raise StoreInvalidRecord(f"A {what} must be a dict, not {kind}; nothing was written.")
    try:
        return orjson.loads(orjson.dumps(record))
    except (orjson.JSONEncodeError, TypeError) as error:
        message = f"This {what} cannot be saved as text ({error}); nothing was written."
        raise StoreInvalidRecord(message) from None


def detached(value: Any) -> Any:
    """A deep copy of data read from the shared parse, safe to hand to the app."""
    return orjson.loads(orjson.dumps(value))


def own_copy(record: dict[str, Any], what: str) -> dict[str, Any]:
    """A `json_copy` that must carry its own text "id"."""
    copy = json_copy(record, what)
    if not isinstance(copy.get("id"), str) or not copy["id"]:
        raise StoreInvalidRecord(f'A {what} needs a text "id"; nothing was written.')
    return copy


def change_status(follow_up: dict[str, Any], status: str, at: str) -> None:
    """Apply one decision: kept / let_go / open set the status; not_yet keeps it open and notes the review."""
    if status == NOT_YET:
        follow_up["last_reviewed_at"] = max(follow_up.get("last_reviewed_at", ""), at)
        return
    if status not in FOLLOW_UP_STATUSES:
        raise StoreInvalidRecord(f'"{status}" is not a follow-up status (open, kept, let_go or not_yet).')
    if follow_up.get("status") != status:
        follow_up["status"] = status
        follow_up["status_changed_at"] = at
    if status != "open":
        follow_up["last_reviewed_at"] = max(follow_up.get("last_reviewed_at", ""), at)


COUNTED_LISTS = ("appreciations", "answers", "follow_ups", "time_outs")


def speaking_of(record: dict[str, Any]) -> dict[str, float] | None:
    """Each partner's speaking seconds from a record's totals, or None when it has none (older records)."""
    speaking = record.get("speaking_seconds")
    if not isinstance(speaking, dict):
        return None
    numbers = {key: speaking.get(key) for key in ("a", "b")}
    if not all(isinstance(value, int | float) and not isinstance(value, bool) for value in numbers.values()):
        return None
    return {key: float(value) for key, value in numbers.items()}  # type: ignore[arg-type]


def checkins_of(record: dict[str, Any]) -> dict[str, dict[str, int]] | None:
    """Each partner's first check-in rating ("before") and, when they rated again later, their last
    ("after"), or None when the record has no ratings."""
    ratings: dict[str, list[int]] = {"a": [], "b": []}
    for checkin in record.get("checkins") or ():
        if not isinstance(checkin, dict):
            continue
        partner, value = checkin.get("partner"), checkin.get("value")
        if partner in ratings and isinstance(value, int) and not isinstance(value, bool):
            ratings[partner].append(value)
    if not any(ratings.values()):
        return None
    before = {key: values[0] for key, values in ratings.items() if values}
    after = {key: values[-1] for key, values in ratings.items() if len(values) > 1}
    return {"before": before, "after": after}


def summary_of(record: dict[str, Any]) -> dict[str, Any]:
    """A small, new dict describing one session for a list (no nested data shared with the store)."""
    summary = {key: record.get(key) for key in SUMMARY_TEXT_FIELDS}
    partners = record.get("partners") or {}
    summary["partners"] = {key: (partners.get(key) or {}).get("name") for key in ("a", "b")}
    summary["duration_seconds"] = record.get("duration_seconds")
    summary["speaking_seconds"] = speaking_of(record)
    summary["counts"] = {key: len(record.get(key) or ()) for key in COUNTED_LISTS}
    summary["checkins"] = checkins_of(record)
    return summary


def session_sort_key(record: dict[str, Any]) -> tuple[str, str]:
    """Newest-first ordering: by start time, then end time."""
    return (record.get("started_at") or "", record.get("ended_at") or "")


def is_open(follow_up: dict[str, Any]) -> bool:
    """Whether a promise, request or wish is still open."""
    return follow_up.get("status", "open") == "open"


def new_follow_up(follow_up: dict[str, Any], session_id: str) -> dict[str, Any]:
    """A follow-up as first stored: its session noted, an unknown status made open, its status dated."""
    entry = dict(follow_up)
    entry.setdefault("session_id", session_id)
    if entry.get("status") not in FOLLOW_UP_STATUSES:
        entry["status"] = "open"
    entry.setdefault("status_changed_at", entry.get("created_at", ""))
    return entry


def refreshed_follow_up(existing: dict[str, Any], follow_up: dict[str, Any]) -> dict[str, Any]:
    """A session saved again: its follow-up's words refreshed, a status decided since kept."""
    decided = ("status", "status_changed_at", "last_reviewed_at")
    refreshed = dict(existing)
    refreshed.update(follow_up)
    refreshed.update({key: existing[key] for key in decided if key in existing})
    return refreshed


def reviewed(follow_up: dict[str, Any], review: dict[str, Any]) -> dict[str, Any] | None:
    """The follow-up after a session's review, or None when the review does not apply (an unknown status,
    or a decision made since), so that saving twice changes nothing."""
    status, at = review.get("status"), review.get("at") or ""
    if status not in (*FOLLOW_UP_STATUSES, NOT_YET):
        return None
    if at and at < follow_up.get("status_changed_at", ""):
        return None
    changed = dict(follow_up)
    change_status(changed, status, at)
    return changed


def mark_unfinished(document: dict[str, Any], now_iso: str) -> None:
    """Make a session left part-way a kept, unfinished one: abandoned unless it ended, with an end time."""
    if document.get("status") not in ENDED:
        document["status"] = ABANDONED
    if not document.get("ended_at"):
        document["ended_at"] = document.get("saved_at") or now_iso


def year_totals(year: str, summaries: list[dict[str, Any]]) -> dict[str, Any]:
    """The live file's totals row for one year: sessions, time together (all and per program), and the
    newest session with a first speaker (its sort key and who started)."""
    programs: dict[str, int] = {}
    for summary in summaries:
        if counts_as_time_together(summary) and isinstance(summary.get("program_id"), str):
            programs[summary["program_id"]] = programs.get(summary["program_id"], 0) + 1
    starters = [summary for summary in summaries if summary.get("first_speaker") in ("a", "b")]
    newest = max(starters, key=session_sort_key, default=None)
    return {
        "year": year,
        "sessions": len(summaries),
        "together": count_time_together(summaries),
        "programs": programs,
        "newest": None if newest is None else [list(session_sort_key(newest)), newest["first_speaker"]],
    }


def last_first_speaker(totals: list[dict[str, Any]]) -> str | None:
    """Who spoke first in the most recent session of all years ("a" or "b")."""
    newest = [row["newest"] for row in totals if isinstance(row.get("newest"), list)]
    return max(newest, key=lambda entry: tuple(entry[0]))[1] if newest else None


def settings_of(data: Data) -> dict[str, Any]:
    """The saved settings (the document itself); empty when none yet."""
    return next(iter(data.get(SETTINGS, {}).values()), {})


def checkpoints_newest_first(data: Data) -> list[dict[str, Any]]:
    """Every checkpoint in the live file, newest saved first (the documents themselves)."""
    candidates = [
        (document.get("saved_at") or "", int(doc_id), document)
        for doc_id, document in data.get(CHECKPOINTS, {}).items()
    ]
    candidates.sort(key=lambda entry: entry[:2], reverse=True)
    return [document for _saved_at, _doc_id, document in candidates]


def sessions_newest_first(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sessions (or summaries) newest first."""
    return sorted(records, key=session_sort_key, reverse=True)
