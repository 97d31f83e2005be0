"""The history's tables and every rule for reading and changing them, shared by `FileHistoryStore` and
`InMemoryStore`: copy-on-write (documents are replaced, never changed in place), records found by their own
id, doc ids computed from fresh data."""

from __future__ import annotations

from typing import Any

import orjson

from tui.core.session_status import ABANDONED, ENDED, count_time_together
from tui.store.errors import StoreInvalidRecord
from tui.store.history_json import Data

SESSIONS = "sessions"
CHECKPOINTS = "checkpoints"
FOLLOW_UPS = "follow_ups"
SETTINGS = "settings"

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


def table(data: Data, name: str) -> Table:
    """The named table, created empty when missing."""
    return data.setdefault(name, {})


def next_doc_id(records: Table) -> str:
    """TinyDB's next document id (highest + 1), computed from the data read under the lock."""
    return str(max((int(doc_id) for doc_id in records), default=0) + 1)


def doc_id_of(records: Table, record_id: str) -> str | None:
    """The TinyDB key of the record whose own "id" is `record_id`."""
    for doc_id, document in records.items():
        if document.get("id") == record_id:
            return doc_id
    return None


def editable(records: Table, doc_id: str) -> dict[str, Any]:
    """A copy of one document put in its place, to change (documents read are shared and never changed)."""
    document = records[doc_id] = dict(records[doc_id])
    return document


def upsert(records: Table, document: dict[str, Any]) -> None:
    """Replace the record with the same "id", or add it under a new doc id."""
    doc_id = doc_id_of(records, document["id"]) or next_doc_id(records)
    records[doc_id] = document


def remove_where(records: Table, key: str, value: object) -> int:
    """Delete every record whose `key` equals `value`; returns how many."""
    doomed = [doc_id for doc_id, document in records.items() if document.get(key) == value]
    for doc_id in doomed:
        del records[doc_id]
    return len(doomed)


def merge_follow_up(records: Table, follow_up: dict[str, Any], session_id: str) -> None:
    """Add a session's follow-up, or refresh its words while keeping a status already decided later."""
    if not isinstance(follow_up.get("id"), str):
        return
    doc_id = doc_id_of(records, follow_up["id"])
    if doc_id is None:
        entry = dict(follow_up)
        entry.setdefault("session_id", session_id)
        if entry.get("status") not in FOLLOW_UP_STATUSES:
            entry["status"] = "open"
        entry.setdefault("status_changed_at", entry.get("created_at", ""))
        records[next_doc_id(records)] = entry
        return
    existing = records[doc_id] = dict(records[doc_id])
    decided = ("status", "status_changed_at", "last_reviewed_at")
    kept = {key: existing[key] for key in decided if key in existing}
    existing.update(follow_up)
    existing.update(kept)


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


def apply_review(records: Table, review: dict[str, Any]) -> None:
    """Apply a session's review unless the follow-up has changed since (so saving twice changes nothing)."""
    doc_id = doc_id_of(records, review.get("follow_up_id") or "")
    status, at = review.get("status"), review.get("at") or ""
    if doc_id is None or status not in (*FOLLOW_UP_STATUSES, NOT_YET):
        return
    if at and at < records[doc_id].get("status_changed_at", ""):
        return
    change_status(editable(records, doc_id), status, at)


def store_session(data: Data, record: dict[str, Any]) -> None:
    """Upsert a session, its follow-ups and reviews, and drop its checkpoint: one edit of the whole dict."""
    upsert(table(data, SESSIONS), record)
    follow_ups = table(data, FOLLOW_UPS)
    for follow_up in record.get("follow_ups") or []:
        if isinstance(follow_up, dict):
            merge_follow_up(follow_ups, follow_up, record["id"])
    for review in record.get("reviews") or []:
        if isinstance(review, dict):
            apply_review(follow_ups, review)
    remove_where(table(data, CHECKPOINTS), "id", record["id"])


SUMMARY_FIELDS = (
    "id",
    "status",
    "script_id",
    "script_title",
    "started_at",
    "ended_at",
    "first_speaker",
    "program_id",
)
COUNTED_LISTS = ("appreciations", "answers", "follow_ups", "time_outs")


def summary_of(record: dict[str, Any]) -> dict[str, Any]:
    """A small, new dict describing one session for a list (no nested data shared with the store)."""
    summary = {key: record.get(key) for key in SUMMARY_FIELDS}
    partners = record.get("partners") or {}
    summary["partners"] = {key: (partners.get(key) or {}).get("name") for key in ("a", "b")}
    summary["duration_seconds"] = record.get("duration_seconds")
    summary["counts"] = {key: len(record.get(key) or ()) for key in COUNTED_LISTS}
    return summary


def session_sort_key(record: dict[str, Any]) -> tuple[str, str]:
    """Newest-first ordering: by start time, then end time."""
    return (record.get("started_at") or "", record.get("ended_at") or "")


# -- reading and changing the whole history, as both stores do ------------------------------------
def sessions_newest_first(data: Data) -> list[dict[str, Any]]:
    """Every kept session, newest first (the documents themselves: copy before handing them out)."""
    return sorted(data.get(SESSIONS, {}).values(), key=session_sort_key, reverse=True)


def summaries_newest_first(data: Data) -> list[dict[str, Any]]:
    """A light `summary_of` line per session, newest first (new dicts, nothing shared)."""
    summaries = [summary_of(record) for record in data.get(SESSIONS, {}).values()]
    return sorted(summaries, key=session_sort_key, reverse=True)


def find_session(data: Data, session_id: str) -> dict[str, Any] | None:
    """The session whose id is `session_id` (the document itself), or None."""
    records = data.get(SESSIONS, {})
    doc_id = doc_id_of(records, session_id)
    return None if doc_id is None else records[doc_id]


def session_count(data: Data, finished_only: bool) -> int:
    """How many sessions: those that count as time made together, or all."""
    records = data.get(SESSIONS, {}).values()
    return count_time_together(records) if finished_only else len(records)


def last_first_speaker(data: Data) -> str | None:
    """Who spoke first in the most recent session ("a" or "b"), for rotating who starts."""
    starters = [record for record in data.get(SESSIONS, {}).values() if record.get("first_speaker") in ("a", "b")]
    return max(starters, key=session_sort_key)["first_speaker"] if starters else None


def mark_unfinished(document: dict[str, Any], now_iso: str) -> None:
    """Make a session left part-way a kept, unfinished one: abandoned unless it ended, with an end time."""
    if document.get("status") not in ENDED:
        document["status"] = ABANDONED
    if not document.get("ended_at"):
        document["ended_at"] = document.get("saved_at") or now_iso


def delete_sessions(data: Data, session_ids: list[str]) -> tuple[int, int]:
    """Delete sessions with their checkpoints and the follow-ups they made: (sessions found, others removed)."""
    found = sum(remove_where(table(data, SESSIONS), "id", sid) for sid in session_ids)
    removed_other = sum(
        remove_where(table(data, CHECKPOINTS), "id", sid) + remove_where(table(data, FOLLOW_UPS), "session_id", sid)
        for sid in session_ids
    )
    return found, removed_other


def follow_ups_oldest_first(data: Data) -> list[dict[str, Any]]:
    """Every follow-up, oldest first (the documents themselves)."""
    return sorted(data.get(FOLLOW_UPS, {}).values(), key=lambda item: item.get("created_at") or "")


def is_open(follow_up: dict[str, Any]) -> bool:
    """Whether a promise, request or wish is still open."""
    return follow_up.get("status", "open") == "open"


def set_follow_up_status(data: Data, follow_up_id: str, status: str, at: str) -> bool:
    """Apply one decision to a follow-up (see `change_status`); False when there is no such follow-up."""
    follow_ups = table(data, FOLLOW_UPS)
    doc_id = doc_id_of(follow_ups, follow_up_id)
    if doc_id is None:
        return False
    change_status(editable(follow_ups, doc_id), status, at)
    return True


def settings_of(data: Data) -> dict[str, Any]:
    """The saved settings (the document itself); empty when none yet."""
    return next(iter(data.get(SETTINGS, {}).values()), {})


def replace_settings(data: Data, document: dict[str, Any]) -> None:
    """Replace the saved settings."""
    data[SETTINGS] = {"1": document}


def store_checkpoint(data: Data, document: dict[str, Any]) -> bool:
    """Upsert a running session's snapshot; False (nothing changed) if that session is already in history."""
    if doc_id_of(table(data, SESSIONS), document["id"]) is not None:
        return False  # a late checkpoint must not bring a saved session back
    upsert(table(data, CHECKPOINTS), document)
    return True


def checkpoints_newest_first(data: Data) -> list[dict[str, Any]]:
    """Every checkpoint of a session not yet in history, newest saved first (the documents themselves)."""
    saved = {record.get("id") for record in data.get(SESSIONS, {}).values()}
    candidates = [
        (document.get("saved_at") or "", int(doc_id), document)
        for doc_id, document in data.get(CHECKPOINTS, {}).items()
        if document.get("id") not in saved
    ]
    candidates.sort(key=lambda entry: entry[:2], reverse=True)
    return [document for _saved_at, _doc_id, document in candidates]


def newest_checkpoint(data: Data) -> dict[str, Any] | None:
    """The newest checkpoint of a session not yet in history (the document itself), or None."""
    return next(iter(checkpoints_newest_first(data)), None)


def discard_checkpoint(data: Data, session_id: str) -> bool:
    """Forget the checkpoint of `session_id`; False if there was none."""
    return remove_where(table(data, CHECKPOINTS), "id", session_id) > 0
