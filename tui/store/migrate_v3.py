"""Format 3: a single-file history (v1 or v2) split into the small live file and files per year, and the
crash-safe migration on disk, whose commit is the rename of the new live file over the old one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import tui.store.tables as tables
from tui.store.backups import make_backup
from tui.store.change import Change, fresh_file
from tui.store.files import write_atomic
from tui.store.history_json import Data, collector_paused, encode_history
from tui.store.layout import (
    LIVE,
    index_key,
    words_key,
    written_order,
    year_key,
    year_of,
    year_of_key,
    year_of_text,
)
from tui.store.migrations import CURRENT_SCHEMA_VERSION, META_TABLE, migrate, schema_version
from tui.store.operations import refresh_totals
from tui.store.search_index import TEXTS, texts_of
from tui.store.tables import CHECKPOINTS, FOLLOW_UPS, SESSIONS, SUMMARIES
from tui.store.year_files import YearFiles

SPLIT_TABLES = (META_TABLE, SESSIONS, FOLLOW_UPS, CHECKPOINTS)


class NoFiles:
    """A `FileSource` with nothing in it: the split starts from empty files."""

    def load(self, key: str) -> Data | None:
        """No file exists yet."""
        return None

    def years(self) -> list[str]:
        """No year exists yet."""
        return []


def by_doc_id(table: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A table's documents in doc id order."""
    return [table[doc_id] for doc_id in sorted(table, key=int)]


def split_history(data: Data) -> dict[str, Data]:
    """Every v3 file (key -> data) for a single-file history of any older version; pure."""
    whole = migrate(data)
    live: Data = {name: table for name, table in whole.items() if name not in SPLIT_TABLES}
    live[META_TABLE] = fresh_file(LIVE)[META_TABLE]
    change = Change(NoFiles(), live)
    change.dirty.add(LIVE)
    session_years: dict[str, str] = {}
    for record in by_doc_id(whole.get(SESSIONS, {})):
        year = year_of(record)
        doc_id = change.put(year_key(year), SESSIONS, record)
        change.put(index_key(year), SUMMARIES, tables.summary_of(record), doc_id=doc_id)
        change.put(words_key(year), TEXTS, texts_of(record), doc_id=doc_id)
        if isinstance(record.get("id"), str):
            session_years[record["id"]] = year
    for follow_up in by_doc_id(whole.get(FOLLOW_UPS, {})):
        if not isinstance(follow_up.get("id"), str):
            continue
        year = session_years.get(str(follow_up.get("session_id"))) or year_of_text(follow_up.get("created_at"))
        change.put(LIVE if tables.is_open(follow_up) else index_key(year), FOLLOW_UPS, follow_up)
    for checkpoint in by_doc_id(whole.get(CHECKPOINTS, {})):
        if isinstance(checkpoint.get("id"), str) and checkpoint["id"] not in session_years:
            change.put(LIVE, CHECKPOINTS, checkpoint)
    for year in sorted({year_of_key(key) for key in change.dirty if key != LIVE}):
        refresh_totals(change, year)
    return complete_files(change, change.changed_files())


def complete_files(change: Change, files: dict[str, Data]) -> dict[str, Data]:
    """Every index written comes with its year file (years are found by their sessions file)."""
    for key in list(files):
        if key.startswith("index:"):
            sessions_key = year_key(year_of_key(key))
            if sessions_key not in files and change.source.load(sessions_key) is None:
                files[sessions_key] = fresh_file(sessions_key)
    return {key: files[key] for key in written_order(list(files))}


def migrate_on_disk(history: Path, year_files: YearFiles, data: Data, now: datetime) -> Data:
    """Under the lock, with the live file still older than 3: back it up verbatim, write every year and
    index file (removing leftovers of an interrupted migration), then the live file, the commit."""
    version = schema_version(data)
    if history.exists():  # `data` was parsed from it under this lock, and the commit replaces it by rename
        make_backup(history, f"before-migration-v{version}", now, live_parsed=True)
    with collector_paused():
        files = split_history(data)
    write_split(history, year_files, files)
    return files[LIVE]


def write_split(history: Path, year_files: YearFiles, files: dict[str, Data]) -> None:
    """Write a whole v3 history: stale year files removed, then years, indexes, the live file last."""
    year_files.remove_years_not_in({year_of_key(key) for key in files if key != LIVE})
    for key, content in files.items():
        if key != LIVE:
            year_files.write(key, content)
    write_atomic(history, encode_history(files[LIVE]))


__all__ = ["CURRENT_SCHEMA_VERSION", "migrate_on_disk", "split_history", "write_split"]
