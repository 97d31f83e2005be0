"""Every change to the history, as functions on a `Change`, shared by both stores. Each is idempotent and
deterministic from the files it reads and its arguments, so the redo log can run it again after a SIGKILL
at any moment and get the same files."""

from __future__ import annotations

from typing import Any

import tui.store.tables as tables
from tui.core.frozen import frozen
from tui.store.change import Change, fresh_file, session_keys
from tui.store.errors import StoreNotFound
from tui.store.history_json import Data
from tui.store.layout import LIVE, index_key, words_key, year_key, year_of, year_of_text
from tui.store.migrations import META_TABLE
from tui.store.search_index import INDEX_FORMAT, TEXTS, texts_of
from tui.store.tables import CHECKPOINTS, FOLLOW_UPS, SESSIONS, SUMMARIES, YEARS


# -- follow-ups: open ones in the live file, decided ones in their session's year index --------------
def locate_follow_up(change: Change, follow_up_id: str, years: list[str] | None = None) -> tuple[str, dict] | None:
    """Where a follow-up is (the live file first, then the given years' or every index) and the record."""
    for key in [LIVE, *(index_key(year) for year in (change.known_years() if years is None else years))]:
        found = change.get(key, FOLLOW_UPS, follow_up_id)
        if found is not None:
            change.follow_ups_before.setdefault(follow_up_id, found)
            return key, found
    fallback = change.follow_ups_fallback.get(follow_up_id)
    if fallback is not None:
        change.follow_ups_before.setdefault(follow_up_id, fallback)
        return LIVE, fallback
    return None


def session_year(change: Change, session_id: str, hint: str) -> str | None:
    """The year whose index holds the session `session_id` (the hint year is tried first)."""
    for year in [hint, *change.known_years()]:
        if change.find(index_key(year), SUMMARIES, session_id) is not None:
            return year
    return None


def place_follow_up(change: Change, follow_up: dict[str, Any], was_in: str, session_year_hint: str | None = None) -> None:
    """Store a follow-up where it belongs (open: live; decided: its session's year index), removed elsewhere."""
    if tables.is_open(follow_up):
        home = LIVE
    else:
        hint = session_year_hint or year_of_text(follow_up.get("created_at"))
        year = session_year(change, str(follow_up.get("session_id") or ""), hint) or hint
        home = index_key(year)
    for key in {was_in, LIVE} - {home}:
        change.remove(key, FOLLOW_UPS, follow_up["id"])
    change.put(home, FOLLOW_UPS, follow_up)


def refresh_totals(change: Change, year: str) -> None:
    """Recompute a year's totals row in the live file from its index (derived, so redoing is harmless);
    the row carries the index's format, so an index older than this code is found from the live file."""
    summaries = list(change.rows(index_key(year), SUMMARIES).values())
    if summaries:
        row = tables.year_totals(year, summaries)
        row["index_format"] = index_format(change, year)
        change.put(LIVE, YEARS, row, field="year")
    else:
        change.remove(LIVE, YEARS, year, field="year")


# -- sessions ----------------------------------------------------------------------------------------
def save_sessions(change: Change, records: list[dict[str, Any]]) -> None:
    """Upsert sessions with their summaries, follow-ups and reviews, and drop their checkpoints."""
    touched: set[str] = set()
    for record in records:
        year = year_of(record)
        sessions_key, summaries_key = session_keys(year)
        doc_id = change.put(sessions_key, SESSIONS, record)
        change.put(summaries_key, SUMMARIES, tables.summary_of(record), doc_id=doc_id)
        words_in_step(change, year)
        change.put(words_key(year), TEXTS, texts_of(record), doc_id=doc_id)
        for follow_up in record.get("follow_ups") or []:
            if isinstance(follow_up, dict) and isinstance(follow_up.get("id"), str):
                merge_follow_up(change, follow_up, record["id"], year)
        for review in record.get("reviews") or []:
            if isinstance(review, dict) and isinstance(review.get("follow_up_id"), str):
                apply_review(change, review)
        change.remove(LIVE, CHECKPOINTS, record["id"])
        touched.add(year)
    for year in sorted(touched):
        refresh_totals(change, year)


def words_in_step(change: Change, year: str) -> None:
    """A year's words file as its sessions file is: rebuilt whole when it is missing or damaged (no words
    but sessions), so adding to it never leaves the others' words out."""
    sessions = change.rows(year_key(year), SESSIONS)
    if sessions and not change.rows(words_key(year), TEXTS):
        change.replace_table(words_key(year), TEXTS, {doc_id: texts_of(record) for doc_id, record in sessions.items()})


def merge_follow_up(change: Change, follow_up: dict[str, Any], session_id: str, year: str) -> None:
    """Add a session's follow-up, or refresh its words while keeping a status decided later."""
    found = locate_follow_up(change, follow_up["id"], [year])
    if found is None:
        place_follow_up(change, tables.new_follow_up(follow_up, session_id), LIVE, year)
        return
    where, existing = found
    place_follow_up(change, tables.refreshed_follow_up(existing, follow_up), where, year)


def apply_review(change: Change, review: dict[str, Any]) -> None:
    """Apply a session's review to the follow-up it names, unless decided since (see `tables.reviewed`)."""
    found = locate_follow_up(change, review["follow_up_id"])
    if found is None:
        return
    where, existing = found
    changed = tables.reviewed(existing, review)
    if changed is not None:
        place_follow_up(change, changed, where)


def delete_sessions(change: Change, session_ids: list[str]) -> tuple[int, int]:
    """Delete sessions with their checkpoints and the follow-ups they made: (sessions found, others removed)."""
    wanted = set(session_ids)
    found = 0
    touched: list[str] = []
    for year in change.known_years():
        sessions_key, summaries_key = session_keys(year)
        here = [sid for sid in session_ids if change.find(summaries_key, SUMMARIES, sid) is not None]
        for session_id in here:
            found += change.remove(summaries_key, SUMMARIES, session_id)
            change.remove(sessions_key, SESSIONS, session_id)
            change.remove(words_key(year), TEXTS, session_id)
        if here:
            words_in_step(change, year)
            touched.append(year)
    removed = change.remove_where(LIVE, FOLLOW_UPS, "session_id", wanted)
    removed += sum(change.remove(LIVE, CHECKPOINTS, session_id) for session_id in session_ids)
    for year in change.known_years():
        removed += change.remove_where(index_key(year), FOLLOW_UPS, "session_id", wanted)
    for year in touched:
        refresh_totals(change, year)
    return found, removed


# -- follow-up decisions, settings and checkpoints -----------------------------------------------------
def set_follow_up_status(change: Change, follow_up_id: str, status: str, at: str) -> None:
    """Apply one decision (see `tables.change_status`); StoreNotFound when there is no such follow-up."""
    found = locate_follow_up(change, follow_up_id)
    if found is None:
        raise StoreNotFound(f"There is no follow-up {follow_up_id} in this history.")
    where, existing = found
    changed = dict(existing)
    tables.change_status(changed, status, at)
    place_follow_up(change, changed, where)


def replace_settings(change: Change, document: dict[str, Any]) -> None:
    """Replace the saved settings."""
    change.replace_table(LIVE, tables.SETTINGS, {"1": document})


def store_checkpoint(change: Change, document: dict[str, Any]) -> bool:
    """Upsert a running session's snapshot; False (nothing changed) if that session is already in history."""
    if change.find(index_key(year_of(document)), SUMMARIES, document["id"]) is not None:
        return False  # a late checkpoint must not bring a saved session back
    change.put(LIVE, CHECKPOINTS, document)
    return True


def discard_checkpoint(change: Change, session_id: str) -> bool:
    """Forget the checkpoint of `session_id`; False if there was none."""
    return change.remove(LIVE, CHECKPOINTS, session_id)


# -- a whole history brought in (an export), and everything forgotten ----------------------------------
@frozen
class ImportReport:
    """What an import did: sessions added, replaced (different from the kept one) and skipped (already
    there, the same), follow-ups new to this history, whether the settings were taken, the backup made."""

    added: int
    replaced: int
    skipped: int
    follow_ups_added: int
    settings_taken: bool
    backup: Any = None  # the Path of the backup taken first, if any


def new_and_changed(change: Change, records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The records an import must write (not there yet, or different from the kept one) and how many of
    those were already there; a record identical to the kept one is skipped."""
    wanted: list[dict[str, Any]] = []
    changed = 0
    for record in records:
        sessions_key, summaries_key = session_keys(year_of(record))
        if change.find(summaries_key, SUMMARIES, record["id"]) is None:
            wanted.append(record)
        elif change.get(sessions_key, SESSIONS, record["id"]) != record:
            wanted.append(record)
            changed += 1
    return wanted, changed


def merge_exported_follow_up(change: Change, follow_up: dict[str, Any]) -> bool:
    """Bring in one exported follow-up by id: added when new, else its decision taken only when made later
    than the kept one's, or at the same moment as it was opened (so importing twice, or an older export,
    changes nothing); True when it was not there."""
    found = locate_follow_up(change, follow_up["id"])
    if found is None:
        place_follow_up(change, tables.new_follow_up(follow_up, str(follow_up.get("session_id") or "")), LIVE)
        return True
    where, existing = found
    theirs, ours = str(follow_up.get("status_changed_at") or ""), str(existing.get("status_changed_at") or "")
    decided_then = theirs == ours and tables.is_open(existing) and not tables.is_open(follow_up)
    if (theirs > ours or decided_then) and follow_up.get("status") in tables.FOLLOW_UP_STATUSES:
        place_follow_up(change, {**existing, **follow_up}, where)
    return False


def import_history(
    change: Change, records: list[dict[str, Any]], follow_ups: list[dict[str, Any]], settings: dict[str, Any] | None
) -> tuple[int, bool]:
    """Save `records` (chosen by `new_and_changed`), merge `follow_ups` by id keeping decisions, and take
    `settings` only when there are none: (follow-ups that were new, whether the settings were taken)."""
    new_ids = {item["id"] for item in follow_ups if locate_follow_up(change, item["id"]) is None}
    save_sessions(change, records)
    for item in follow_ups:
        merge_exported_follow_up(change, item)
    added = len(new_ids)
    taken = bool(settings) and not tables.settings_of(change.file(LIVE))
    if taken and settings is not None:
        replace_settings(change, settings)
    return added, taken


def forget_everything(change: Change) -> int:
    """Empty every table but `_meta` in the live file and every year's files: sessions, summaries,
    follow-ups, checkpoints, totals, the settings (names and all) and any table another program added;
    returns how many sessions there were. Year files stay, empty and valid."""
    found = sum(len(change.rows(index_key(year), SUMMARIES)) for year in change.known_years())
    keys = [LIVE, *(key for year in change.known_years() for key in (*session_keys(year), words_key(year)))]
    for key in keys:
        for table in [name for name, rows in change.file(key).items() if name != tables.META and rows]:
            change.replace_table(key, table, {})
    return found


# -- year indexes older than this code, rebuilt from their year files ---------------------------------
def index_format(change: Change, year: str) -> int:
    """The format of a year's index (0: written before indexes had one)."""
    meta = change.rows(index_key(year), META_TABLE).get("1") or {}
    found = meta.get("index_format")
    return found if isinstance(found, int) and not isinstance(found, bool) else 0


def years_to_reindex(live: Data) -> list[str]:
    """The years whose index (by the live file's totals) is older than this code's, oldest first."""
    stale = []
    for row in live.get(YEARS, {}).values():
        found = row.get("index_format")
        if not (isinstance(found, int) and found >= INDEX_FORMAT) and isinstance(row.get("year"), str):
            stale.append(row["year"])
    return sorted(stale)


def reindex_years(change: Change, years: list[str]) -> None:
    """Rebuild the summaries and the words of `years` from their sessions files (with `summary_of` and
    `texts_of` as they are now), stamp the index with this code's format, refresh the totals. Decided
    follow-ups in the index stay. Derived from the year file only, so redoing it is harmless."""
    for year in years:
        sessions_key, summaries_key = session_keys(year)
        records = change.rows(sessions_key, SESSIONS)
        change.replace_table(summaries_key, SUMMARIES, {doc_id: tables.summary_of(record) for doc_id, record in records.items()})
        change.replace_table(words_key(year), TEXTS, {doc_id: texts_of(record) for doc_id, record in records.items()})
        meta = dict(change.rows(summaries_key, META_TABLE).get("1") or fresh_file(summaries_key)[META_TABLE]["1"])
        meta["index_format"] = INDEX_FORMAT
        change.replace_table(summaries_key, META_TABLE, {"1": meta})
        refresh_totals(change, year)


# -- the redo log's operations ------------------------------------------------------------------------
def run_logged(change: Change, entry: dict[str, Any]) -> None:
    """Run an operation as the redo log names it (restores are run by `recovery`)."""
    op = entry["op"]
    change.follow_ups_fallback = dict(entry.get("follow_ups_before") or {})
    if op == "save_sessions":
        save_sessions(change, entry["records"])
    elif op == "delete_sessions":
        delete_sessions(change, entry["ids"])
    elif op == "import_history":
        import_history(change, entry["records"], entry["follow_ups"], entry.get("settings"))
    elif op == "forget_everything":
        forget_everything(change)
    elif op == "reindex_years":
        reindex_years(change, entry["reindex"])
    elif op == "set_follow_up_status":
        set_follow_up_status(change, entry["id"], entry["status"], entry["at"])
    else:
        raise ValueError(f"unknown operation {op!r} in the redo log")
    for year in entry.get("years") or []:  # what the first run changed there may already be written
        refresh_totals(change, year)
