"""Schema versions and the single-file migrations (v1 -> v2): pure functions from one whole data dict to
the next version's. Format 3 splits the history into several files: see `tui.store.migrate_v3`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

from tui.store.history_json import Data

CURRENT_SCHEMA_VERSION = 3
LAST_SINGLE_FILE_VERSION = 2  # formats up to this one keep the whole history in history.json
META_TABLE = "_meta"
SETTINGS_TABLE = "settings"
FOLLOW_UPS_TABLE = "follow_ups"
SESSIONS_TABLE = "sessions"


def schema_version(data: Data) -> int:
    """The version stamped in `_meta`; a file without one is version 1 if it holds records, else current."""
    for document in data.get(META_TABLE, {}).values():
        version = document.get("schema_version")
        if isinstance(version, int):
            return version
    holds_records = any(table for name, table in data.items() if name != META_TABLE)
    return 1 if holds_records else CURRENT_SCHEMA_VERSION


def stamp_version(data: Data, version: int) -> None:
    """Write `version` into the single `_meta` record."""
    data[META_TABLE] = {"1": {"schema_version": version}}


def latest_review_times(data: Data) -> dict[str, dict[str, str]]:
    """Per follow-up id: the time of its last status-changing review and of its last review of any kind."""
    times: dict[str, dict[str, str]] = {}
    for session in data.get(SESSIONS_TABLE, {}).values():
        for review in session.get("reviews", []) or []:
            follow_up_id, at = review.get("follow_up_id"), review.get("at") or ""
            if not follow_up_id or not at:
                continue
            entry = times.setdefault(follow_up_id, {})
            entry["reviewed"] = max(entry.get("reviewed", ""), at)
            if review.get("status") in ("kept", "let_go"):
                entry["changed"] = max(entry.get("changed", ""), at)
    return times


def migrate_v1_to_v2(data: Data) -> Data:
    """v1 kept partners in a top-level "couple" table and follow-ups without `status_changed_at`."""
    migrated = {name: table for name, table in data.items() if name != "couple"}
    couple = next(iter(data.get("couple", {}).values()), None)
    settings_table = migrated.setdefault(SETTINGS_TABLE, {})
    settings = next(iter(settings_table.values()), None)
    if settings is None:
        settings = settings_table["1"] = {}
    if couple is not None and "partners" not in settings:
        settings["partners"] = {key: value for key, value in couple.items() if key in ("a", "b")}
    times = latest_review_times(data)
    for follow_up in migrated.get(FOLLOW_UPS_TABLE, {}).values():
        follow_up.setdefault("status", "open")
        known = times.get(follow_up.get("id", ""), {})
        if "status_changed_at" not in follow_up:
            changed = known.get("changed") if follow_up["status"] != "open" else None
            follow_up["status_changed_at"] = changed or follow_up.get("created_at", "")
        if "reviewed" in known:
            follow_up.setdefault("last_reviewed_at", known["reviewed"])
    stamp_version(migrated, 2)
    return migrated


MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: migrate_v1_to_v2}


def migrate(data: Data) -> Data:
    """A new dict at the last single-file version (2), split next by `migrate_v3`; the input is never
    changed."""
    version = min(schema_version(data), LAST_SINGLE_FILE_VERSION)
    migrated: Data = orjson.loads(orjson.dumps(data))
    while version < LAST_SINGLE_FILE_VERSION:
        migrated = MIGRATIONS[version](migrated)
        version += 1
    stamp_version(migrated, LAST_SINGLE_FILE_VERSION)
    return migrated


def fresh_data() -> dict[str, Any]:
    """An empty history at the current version."""
    data: Data = {}
    stamp_version(data, CURRENT_SCHEMA_VERSION)
    return data
