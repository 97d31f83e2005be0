"""`FileFileHistoryStore`: the app's one door to `history.json`; safe from many threads and processes at once."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import tui.store.tables as tables
from tui.core.clock import SystemClock, isoformat
from tui.store.backups import KEEP_BACKUPS, daily_backup_due, list_backups, make_backup
from tui.store.errors import StoreError, StoreNewerVersion, StoreNotFound, StoreReadOnly
from tui.store.files import (
    FILE_MODE,
    FOLDER_MODE,
    ensure_private_folder,
    history_path,
    leftover_temp_files,
    lock_path,
    loose_permissions,
    read_bytes,
    write_atomic,
)
from tui.store.history_json import Data, collector_paused, encode_history
from tui.store.locking import StoreLock
from tui.store.migrations import (
    CURRENT_SCHEMA_VERSION,
    META_TABLE,
    fresh_data,
    migrate,
    schema_version,
    stamp_version,
)
from tui.store.record_schema import split_history
from tui.store.recovery import restore_backup
from tui.store.set_aside import keep_set_aside, set_aside_notice
from tui.store.storage import HistoryStorage, NoChange

WALL_CLOCK = SystemClock().now
SAVE_LOCK_TIMEOUT = 2.0  # a save waits at most this long for another writer, then raises StoreBusy
OPEN_LOCK_TIMEOUT = 10.0


def holds_records(data: Data) -> bool:
    """Whether any table other than `_meta` has something in it."""
    return any(records for name, records in data.items() if name != META_TABLE)


class FileHistoryStore:
    """Sessions, follow-ups, settings and the in-progress checkpoint, in one TinyDB-readable JSON file."""

    def __init__(
        self,
        data_dir: Path,
        *,
        read_only: bool = False,
        save_timeout: float = SAVE_LOCK_TIMEOUT,
        now: Callable[[], datetime] = WALL_CLOCK,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.path = history_path(self.data_dir)
        self.lock = StoreLock(lock_path(self.path))
        self.storage = HistoryStorage(self.path, self.lock, save_timeout)
        self.read_only = read_only
        self.save_timeout = save_timeout
        self.warnings: list[str] = []
        self._now = now

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        save_timeout: float = SAVE_LOCK_TIMEOUT,
        open_timeout: float = OPEN_LOCK_TIMEOUT,
        now: Callable[[], datetime] = WALL_CLOCK,
    ) -> FileHistoryStore:
        """Create or check the folder and file, migrate, take the daily backup; raises StoreCorrupt,
        StoreNewerVersion (see `open_read_only`) or StoreBusy."""
        store = cls(data_dir, save_timeout=save_timeout, now=now)
        ensure_private_folder(store.data_dir)
        store.warnings = store.permission_warnings()
        store._prepare(open_timeout)
        return store

    @classmethod
    def open_read_only(cls, data_dir: Path, *, now: Callable[[], datetime] = WALL_CLOCK) -> FileHistoryStore:
        """A store that reads (for example a newer version's file) and refuses every change."""
        store = cls(data_dir, read_only=True, now=now)
        store.warnings = store.permission_warnings()
        store.storage.read()  # raises StoreCorrupt now rather than later
        return store

    def permission_warnings(self) -> list[str]:
        """Warnings, each with its fix, for anything here that other users could read."""
        backup_folder = self.path.parent / "backups"
        checks = [(self.data_dir, FOLDER_MODE), (self.path, FILE_MODE), (self.lock.path, FILE_MODE)]
        checks.append((backup_folder, FOLDER_MODE))
        checks += [(backup, FILE_MODE) for backup in list_backups(self.path)]
        return [warning for path, mode in checks if (warning := loose_permissions(path, mode))]

    def _prepare(self, timeout: float) -> None:
        with self.lock.hold(timeout):
            leftovers = leftover_temp_files(self.data_dir) + leftover_temp_files(self.data_dir / "backups")
            for leftover in leftovers:  # only writers holding the lock make these
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(leftover)
            raw = read_bytes(self.path)
            if raw is None:
                write_atomic(self.path, encode_history(fresh_data()))
                return
            data = self.storage.shared()  # parses once; later reads and saves reuse it while unchanged
            version = schema_version(data)
            if version > CURRENT_SCHEMA_VERSION:
                raise StoreNewerVersion(self.path, version, CURRENT_SCHEMA_VERSION)
            if self._set_aside_unusable():  # records that do not fit: kept in a set-aside file, then left out
                write_atomic(self.path, encode_history(data))
            if version < CURRENT_SCHEMA_VERSION:
                make_backup(self.path, raw, f"before-migration-v{version}", self._now())
                raw = encode_history(migrate(data))
                write_atomic(self.path, raw)
            if holds_records(data) and daily_backup_due(self.path, self._now()):
                try:
                    make_backup(self.path, raw, "daily", self._now())
                except (StoreError, OSError) as error:
                    self.warnings.append(f"The daily backup was not made: {error}")

    # -- the one way to change the file -----------------------------------------------------------
    @contextlib.contextmanager
    def _changing(self, timeout: float | None = None, backup_reason: str | None = None) -> Iterator[Data]:
        """Fresh data under the lock (migrated if an older file appeared), written atomically afterwards."""
        if self.read_only:
            raise StoreReadOnly(f"History at {self.path} is open read-only; nothing was changed.")
        with self.storage.transaction(self.save_timeout if timeout is None else timeout) as data:
            version = schema_version(data)
            if version > CURRENT_SCHEMA_VERSION:
                raise StoreNewerVersion(self.path, version, CURRENT_SCHEMA_VERSION)
            raw = read_bytes(self.path) if (version < CURRENT_SCHEMA_VERSION or backup_reason) else None
            if version < CURRENT_SCHEMA_VERSION and raw:
                make_backup(self.path, raw, f"before-migration-v{version}", self._now())
                migrated = migrate(data)
                data.clear()
                data.update(migrated)
            if META_TABLE not in data:
                stamp_version(data, CURRENT_SCHEMA_VERSION)
            if backup_reason and raw and holds_records(data):
                make_backup(self.path, raw, backup_reason, self._now())
            yield data
            self._set_aside_unusable()  # written by another process meanwhile: kept before the write drops them

    def _set_aside_unusable(self) -> bool:
        """Under the lock, before the history is rewritten without them: keep the records the last read
        left out (see `record_schema`) in a new set-aside file beside it, and tell the couple; True if any."""
        unusable = self.storage.unusable_in_shared()
        if unusable:
            kept = keep_set_aside(self.path.parent, self.path.name, unusable, self._now())
            self.warnings.append(set_aside_notice(kept, unusable))
        return bool(unusable)

    def _shared(self) -> Data:
        """The current data, read by path without the lock (writes replace the file whole); never change it,
        hand out `detached` copies."""
        return self.storage.shared()

    def _now_iso(self) -> str:
        return isoformat(self._now())

    # -- sessions --------------------------------------------------------------------------------
    def save_session(self, record: dict[str, Any], *, timeout: float | None = None) -> None:
        """Upsert a finished session by its "id", with its follow-ups and reviews, and drop its checkpoint."""
        document = tables.own_copy(record, "session record")
        with self._changing(timeout) as data:
            tables.store_session(data, document)

    def keep_unfinished(self, record: dict[str, Any], *, timeout: float | None = None) -> None:
        """Keep a session the couple left part-way in history, marked abandoned, and drop its checkpoint."""
        document = tables.own_copy(record, "session record")
        tables.mark_unfinished(document, self._now_iso())
        with self._changing(timeout) as data:
            tables.store_session(data, document)

    def import_sessions(self, records: Iterable[dict[str, Any]], *, timeout: float | None = None) -> int:
        """Upsert many session records at once, after a backup; returns how many."""
        documents = [tables.own_copy(record, "session record") for record in records]
        with self._changing(timeout, backup_reason="before-import") as data:
            for document in documents:
                tables.store_session(data, document)
        return len(documents)

    def sessions(self) -> list[dict[str, Any]]:
        """Every session kept, newest first (unfinished ones too, with their status); a fresh parse, the
        caller's to keep or change."""
        data = self.storage.read() or {}
        with collector_paused():
            return tables.sessions_newest_first(split_history(data)[0])

    def session_summaries(self) -> list[dict[str, Any]]:
        """A light line per session for a history list, newest first: id, status, script, times, partners,
        first speaker, and counts of appreciations, answers and follow-ups. Fast even at 10,000."""
        return tables.summaries_newest_first(self._shared())

    def session(self, session_id: str) -> dict[str, Any] | None:
        """One session by its id."""
        found = tables.find_session(self._shared(), session_id)
        return None if found is None else tables.detached(found)

    def session_count(self, finished_only: bool = True) -> int:
        """How many sessions: those that count as time made together (finished, ended early), or all."""
        return tables.session_count(self._shared(), finished_only)

    def last_first_speaker(self) -> str | None:
        """Who spoke first in the most recent session ("a" or "b"), for rotating who starts."""
        return tables.last_first_speaker(self._shared())

    def delete_session(self, session_id: str, *, timeout: float | None = None) -> bool:
        """Delete one session, its checkpoint and the follow-ups it made; False if it was not there."""
        return self.delete_sessions([session_id], timeout=timeout) == 1

    def delete_sessions(self, session_ids: Iterable[str], *, timeout: float | None = None) -> int:
        """Delete sessions (a backup is taken first when more than one); returns how many were found."""
        wanted = list(dict.fromkeys(session_ids))
        with self._changing(timeout, backup_reason="before-delete" if len(wanted) > 1 else None) as data:
            found, removed_other = tables.delete_sessions(data, wanted)
            if not found and not removed_other:
                raise NoChange
        return found

    # -- follow-ups ------------------------------------------------------------------------------
    def follow_ups(self) -> list[dict[str, Any]]:
        """Every follow-up, oldest first."""
        return tables.detached(tables.follow_ups_oldest_first(self._shared()))

    def open_follow_ups(self) -> list[dict[str, Any]]:
        """Promises, requests and wishes still open, oldest first."""
        return [item for item in self.follow_ups() if tables.is_open(item)]

    def set_follow_up_status(self, follow_up_id: str, status: str, *, timeout: float | None = None) -> None:
        """Mark a follow-up open, kept or let_go; not_yet keeps it open and notes that it was looked at."""
        with self._changing(timeout) as data:
            if not tables.set_follow_up_status(data, follow_up_id, status, self._now_iso()):
                raise StoreNotFound(f"There is no follow-up {follow_up_id} in {self.path}.")

    # -- settings --------------------------------------------------------------------------------
    def load_settings(self) -> dict[str, Any]:
        """The saved settings (partners' names and colours, bell, theme); empty when none yet."""
        return tables.detached(tables.settings_of(self._shared()))

    def save_settings(self, settings: dict[str, Any], *, timeout: float | None = None) -> None:
        """Replace the saved settings with `settings`."""
        document = tables.json_copy(settings, "settings")
        with self._changing(timeout) as data:
            tables.replace_settings(data, document)

    # -- the in-progress checkpoint ---------------------------------------------------------------
    def save_checkpoint(self, snapshot: dict[str, Any], *, timeout: float | None = None) -> bool:
        """Upsert a running session's snapshot by its "id"; False (ignored) if it is already in history."""
        document = tables.own_copy(snapshot, "checkpoint")
        with self._changing(timeout) as data:
            if not tables.store_checkpoint(data, document):
                raise NoChange  # a late checkpoint must not bring a saved session back
            return True
        return False

    def load_checkpoint(self) -> dict[str, Any] | None:
        """The newest checkpoint of a session not yet in history, or None."""
        newest = tables.newest_checkpoint(self._shared())
        return None if newest is None else tables.detached(newest)

    def checkpoints(self) -> list[dict[str, Any]]:
        """Every checkpoint of a session not yet in history (one per unfinished session), newest first."""
        return tables.detached(tables.checkpoints_newest_first(self._shared()))

    def discard_checkpoint(self, session_id: str, *, timeout: float | None = None) -> bool:
        """Forget the checkpoint of `session_id`; False if there was none."""
        with self._changing(timeout) as data:
            if not tables.discard_checkpoint(data, session_id):
                raise NoChange
            return True
        return False

    # -- backups ---------------------------------------------------------------------------------
    def backups(self) -> list[Path]:
        """Backups of the history file, newest first (at most KEEP_BACKUPS are kept)."""
        return list_backups(self.path)

    def backup_now(self, reason: str = "manual") -> Path:
        """Take a verbatim backup of the file as it is now."""
        with self.lock.hold(self.save_timeout):
            raw = read_bytes(self.path)
            if raw is None:
                raise StoreError(f"There is no history file at {self.path} to back up.")
            return make_backup(self.path, raw, reason, self._now())

    def restore_backup(self, backup: Path) -> Path | None:
        """Make `backup` the history; the file it replaces is backed up (or kept aside if damaged), and
        that path is returned."""
        if self.read_only:
            raise StoreReadOnly(f"History at {self.path} is open read-only; nothing was changed.")
        return restore_backup(self.path, Path(backup), self.lock, self._now())


__all__ = ["KEEP_BACKUPS", "OPEN_LOCK_TIMEOUT", "SAVE_LOCK_TIMEOUT", "FileHistoryStore"]
