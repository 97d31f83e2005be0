"""`FileHistoryStore`: the app's one door to the history on disk (the live `history.json`, `years/`, the
redo log, backups); safe from many threads and processes at once."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import tui.store.history_reads as reads
import tui.store.operations as operations
import tui.store.tables as tables
from tui.core.clock import SystemClock, isoformat
from tui.store.backups import (
    KEEP_BACKUPS,
    backup_folder,
    daily_backup_due,
    list_backups,
    make_backup,
)
from tui.store.change import Change, MemoryFiles
from tui.store.errors import StoreError, StoreNewerVersion, StoreReadOnly
from tui.store.file_changes import commit, redo_pending
from tui.store.file_reads import FileStoreReads
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
from tui.store.history_json import Data, encode_history
from tui.store.layout import LIVE, pending_path, store_folder, years_folder
from tui.store.locking import StoreLock
from tui.store.migrate_v3 import migrate_on_disk
from tui.store.migrations import CURRENT_SCHEMA_VERSION, META_TABLE, schema_version
from tui.store.record_schema import Unusable
from tui.store.redo_log import clear_pending
from tui.store.set_aside import keep_set_aside, set_aside_notice
from tui.store.storage import HistoryStorage, NoChange
from tui.store.writable import require_writable
from tui.store.year_files import YearFiles

if TYPE_CHECKING:
    from tui.store.traces import Traces

WALL_CLOCK = SystemClock().now
SAVE_LOCK_TIMEOUT = 2.0  # a save waits at most this long for another writer, then raises StoreBusy
OPEN_LOCK_TIMEOUT = 10.0
Result = TypeVar("Result")


def holds_records(data: Data) -> bool:
    """Whether any table other than `_meta` has something in it."""
    return any(records for name, records in data.items() if name != META_TABLE)


def deleting(session_ids: list[str]) -> Callable[[Change], int]:
    """The change that deletes `session_ids` (with their checkpoints and follow-ups): how many were found;
    NoChange when none of it was there."""

    def delete(change: Change) -> int:
        found, removed_other = operations.delete_sessions(change, session_ids)
        if not found and not removed_other:
            raise NoChange
        return found

    return delete


class FileHistoryStore(FileStoreReads):
    """Sessions, follow-ups, settings and checkpoints: a small live file and files per year, each plain
    TinyDB-readable JSON, so a write costs the same after a week or after twenty-seven years. Its reads
    are `FileStoreReads`; here are opening, every change and the backups."""

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
        self.year_files = YearFiles(self.path)
        self.read_only = read_only
        self.save_timeout = save_timeout
        self.warnings: list[str] = []
        self._now = now
        self.storage.on_set_aside = self.year_files.on_set_aside = self._keep_set_aside
        self.on_migrating: Callable[[int], None] | None = None  # told once, before a migration to v3

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        save_timeout: float = SAVE_LOCK_TIMEOUT,
        open_timeout: float = OPEN_LOCK_TIMEOUT,
        now: Callable[[], datetime] = WALL_CLOCK,
        on_migrating: Callable[[int], None] | None = None,
    ) -> FileHistoryStore:
        """Create or check the folder and files, finish an interrupted change, migrate, take the daily
        backup; raises StoreCorrupt, StoreNewerVersion (see `open_read_only`) or StoreBusy.
        `on_migrating(sessions)` is called just before an older history is moved into the v3 files."""
        store = cls(data_dir, save_timeout=save_timeout, now=now)
        store.on_migrating = on_migrating
        ensure_private_folder(store.data_dir)
        store.warnings = store.permission_warnings()
        require_writable(store.data_dir, store.path)  # StoreUnwritable when a test write fails
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
        checks = [(self.data_dir, FOLDER_MODE), (self.path, FILE_MODE), (self.lock.path, FILE_MODE)]
        checks += [(years_folder(self.path), FOLDER_MODE), (backup_folder(self.path), FOLDER_MODE)]
        checks += [(backup, FOLDER_MODE if backup.is_dir() else FILE_MODE) for backup in list_backups(self.path)]
        return [warning for path, mode in checks if (warning := loose_permissions(path, mode))]

    def _prepare(self, timeout: float) -> None:
        with self.lock.hold(timeout):
            folders = [self.data_dir, years_folder(self.path), backup_folder(self.path)]
            for leftover in [found for folder in folders for found in leftover_temp_files(folder)]:
                with contextlib.suppress(FileNotFoundError):  # only writers holding the lock make these
                    shutil.rmtree(leftover) if leftover.is_dir() else os.unlink(leftover)
            if read_bytes(self.path) is None:
                clear_pending(self.path)
                self.year_files.remove_years_not_in(set())
                write_atomic(self.path, encode_history(Change(MemoryFiles()).file(LIVE)))
                return
            live = self._current_live()
            if self.storage.unusable_in_shared():  # at open only: a change that changes nothing writes nothing
                self.storage.store(live)  # kept in a set-aside file first (`_keep_set_aside`), then left out
            if holds_records(live) and daily_backup_due(self.path, self._now()):
                try:
                    make_backup(self.path, "daily", self._now())
                except (StoreError, OSError) as error:
                    self.warnings.append(f"The daily backup was not made: {error}")

    def _current_live(self) -> Data:
        """Under the lock: the live file at version 3, after finishing a logged change or migrating, with every
        year index older than this code rebuilt from its year file (once, behind the redo log). Records of
        the wrong shape in it stay on disk until the live file is next written (`HistoryStorage.store`)."""
        live = self.storage.shared()
        version = schema_version(live)
        if version > CURRENT_SCHEMA_VERSION:
            raise StoreNewerVersion(self.path, version, CURRENT_SCHEMA_VERSION)
        if version < CURRENT_SCHEMA_VERSION:
            clear_pending(self.path)  # an older file put back: what the log changed is gone with it
            if left_out := self.storage.unusable_in_shared():
                self._keep_set_aside(self.path, left_out)  # the migration writes only what fits
            if self.on_migrating is not None:
                self.on_migrating(len(live.get(tables.SESSIONS, {})))
            migrate_on_disk(self.path, self.year_files, live, self._now())
            return self.storage.shared()
        if pending_path(self.path).exists() and redo_pending(self.storage, self.year_files):
            live = self.storage.shared()
        if stale := operations.years_to_reindex(live):
            change = Change(self.year_files, live)
            operations.reindex_years(change, stale)
            commit(self.storage, self.year_files, change, {"op": "reindex_years", "reindex": stale})
            return self.storage.shared()
        return live

    # -- the one way to change the history -------------------------------------------------------
    def _change(
        self,
        apply: Callable[[Change], Result],
        entry: dict[str, Any] | None = None,
        timeout: float | None = None,
        backup_reason: str | None = None,
    ) -> Result | None:
        """Run `apply` on fresh files under the lock and write what it changed; NoChange writes nothing."""
        if self.read_only:
            raise StoreReadOnly(f"History at {self.path} is open read-only; nothing was changed.")
        with self.lock.hold(self.save_timeout if timeout is None else timeout):
            live = self._current_live()
            if backup_reason and reads.session_count(live, finished_only=False):
                make_backup(self.path, backup_reason, self._now())
            change = Change(self.year_files, live)
            try:
                result = apply(change)
            except NoChange:
                return None
            commit(self.storage, self.year_files, change, entry)
            return result

    def _change_after_backup(
        self, apply: Callable[[Change], Result], entry: dict[str, Any], reason: str, timeout: float | None
    ) -> tuple[Result | None, Path | None]:
        """`_change` with a backup taken first under the same lock when the history holds anything; the
        result and the backup's folder (None when there was nothing to back up)."""
        made: list[Path] = []

        def backed_up(change: Change) -> Result:
            if holds_records(change.file(LIVE)) or change.known_years():
                made.append(make_backup(self.path, reason, self._now()))
            return apply(change)

        result = self._change(backed_up, entry, timeout)
        return result, (made[0] if made else None)

    def _keep_set_aside(self, source: Path, unusable: list[Unusable]) -> None:
        """Under the lock, before a file is rewritten without them: keep the records its last read left out
        (see `record_schema`) in a new set-aside file beside the history, and tell the couple."""
        folder = store_folder(self.path)
        name = str(source.relative_to(folder)) if source.is_relative_to(folder) else source.name
        kept = keep_set_aside(folder, name, unusable, self._now())
        self.warnings.append(set_aside_notice(kept, unusable))

    def _now_iso(self) -> str:
        return isoformat(self._now())

    # -- sessions --------------------------------------------------------------------------------
    def save_session(self, record: dict[str, Any], *, timeout: float | None = None) -> None:
        """Upsert a finished session by its "id", with its follow-ups and reviews, and drop its checkpoint."""
        self._save([tables.own_copy(record, "session record")], timeout)

    def keep_unfinished(self, record: dict[str, Any], *, timeout: float | None = None) -> None:
        """Keep a session the couple left part-way in history, marked abandoned, and drop its checkpoint."""
        document = tables.own_copy(record, "session record")
        tables.mark_unfinished(document, self._now_iso())
        self._save([document], timeout)

    def import_sessions(self, records: Iterable[dict[str, Any]], *, timeout: float | None = None) -> int:
        """Upsert many session records at once, after a backup; returns how many (linear in their number)."""
        documents = [tables.own_copy(record, "session record") for record in records]
        self._save(documents, timeout, backup_reason="before-import")
        return len(documents)

    def import_history(
        self,
        records: Iterable[dict[str, Any]],
        follow_ups: Iterable[dict[str, Any]] = (),
        settings: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
    ) -> operations.ImportReport:
        """Bring in an export, after a backup: sessions by id (new ones added, different ones replaced, the
        same skipped), follow-ups by id keeping the later decision, settings only when there are none."""
        documents = [tables.own_copy(record, "session record") for record in records]
        exported = [tables.own_copy(item, "follow-up") for item in follow_ups]
        wanted = tables.json_copy(settings, "settings") if settings else None
        entry: dict[str, Any] = {"op": "import_history", "follow_ups": exported, "settings": wanted}
        counts: list[int] = []

        def bring_in(change: Change) -> tuple[int, bool]:
            chosen, replaced = operations.new_and_changed(change, documents)
            entry["records"] = chosen  # the redo log saves exactly what this run chose
            counts.extend([len(chosen) - replaced, replaced])
            return operations.import_history(change, chosen, exported, wanted)

        result, backup = self._change_after_backup(bring_in, entry, "before-import", timeout)
        follow_ups_added, taken = result or (0, False)
        added, replaced = counts
        return operations.ImportReport(added, replaced, len(documents) - added - replaced, follow_ups_added, taken, backup)

    def _save(self, documents: list[dict[str, Any]], timeout: float | None, backup_reason: str | None = None) -> None:
        entry = {"op": "save_sessions", "records": documents}
        self._change(lambda change: operations.save_sessions(change, documents), entry, timeout, backup_reason)

    def delete_session(self, session_id: str, *, timeout: float | None = None) -> bool:
        """Delete one session, its checkpoint and the follow-ups it made; False if it was not there."""
        return self.delete_sessions([session_id], timeout=timeout) == 1

    def delete_sessions(self, session_ids: Iterable[str], *, timeout: float | None = None) -> int:
        """Delete sessions, after a backup (one session too: deleting is the one change the couple cannot
        undo by hand); returns how many were found."""
        wanted = list(dict.fromkeys(session_ids))
        delete = deleting(wanted)
        entry = {"op": "delete_sessions", "ids": wanted}
        kept = {summary.get("id") for summary in reads.summaries(self._view()[1])}
        reason = "before-delete" if kept.intersection(wanted) else None  # nothing to lose: no backup
        return self._change(delete, entry, timeout, reason) or 0

    def forget_sessions(self, session_ids: Iterable[str], *, timeout: float | None = None) -> tuple[int, Path | None]:
        """Delete sessions after a backup: how many were found, and the backup's folder."""
        wanted = list(dict.fromkeys(session_ids))
        delete = deleting(wanted)

        found, backup = self._change_after_backup(delete, {"op": "delete_sessions", "ids": wanted}, "before-forget", timeout)
        return found or 0, backup

    def forget_everything(self, erase_backups: bool = False, *, timeout: float | None = None) -> tuple[int, Path | None]:
        """Empty the whole history (sessions, follow-ups, checkpoints, settings): how many sessions, and the
        backup taken first; with `erase_backups`, no backup is taken and every trace is erased (`erase_everything`)."""
        if erase_backups:
            return self.erase_everything(timeout=timeout)[0], None
        entry = {"op": "forget_everything"}
        found, backup = self._change_after_backup(operations.forget_everything, entry, "before-forget", timeout)
        return found or 0, backup

    def traces(self) -> Traces:
        """What holds the couple's words beside the tables: backups, set-aside files, damaged copies."""
        from tui.store.traces import folder_traces  # read only when forgetting

        return folder_traces(self.path, self.data_dir)

    def erase_everything(self, *, timeout: float | None = None) -> tuple[int, Traces, list[str]]:
        """Empty the history and, under the same lock, erase every trace (`traces`) with no backup first: how
        many sessions there were, what was erased, and what could not be (in words)."""
        from tui.store.traces import erase  # read only when forgetting

        with self.lock.hold(self.save_timeout if timeout is None else timeout):
            found = self._change(operations.forget_everything, {"op": "forget_everything"}, timeout) or 0
            erased = self.traces()
            refused = erase(erased.paths())
        return found, erased, refused

    # -- follow-ups ------------------------------------------------------------------------------
    def set_follow_up_status(self, follow_up_id: str, status: str, *, timeout: float | None = None) -> None:
        """Mark a follow-up open, kept or let_go; not_yet keeps it open and notes that it was looked at."""
        at = self._now_iso()
        entry = {"op": "set_follow_up_status", "id": follow_up_id, "status": status, "at": at}
        self._change(lambda change: operations.set_follow_up_status(change, follow_up_id, status, at), entry, timeout)

    # -- settings --------------------------------------------------------------------------------
    def save_settings(self, settings: dict[str, Any], *, timeout: float | None = None) -> None:
        """Replace the saved settings with `settings`."""
        document = tables.json_copy(settings, "settings")
        self._change(lambda change: operations.replace_settings(change, document), None, timeout)

    # -- the in-progress checkpoint ---------------------------------------------------------------
    def save_checkpoint(self, snapshot: dict[str, Any], *, timeout: float | None = None) -> bool:
        """Upsert a running session's snapshot by its "id"; False (ignored) if it is already in history.
        Only the live file is written."""
        document = tables.own_copy(snapshot, "checkpoint")

        def store(change: Change) -> bool:
            if not operations.store_checkpoint(change, document):
                raise NoChange  # a late checkpoint must not bring a saved session back
            return True

        return bool(self._change(store, None, timeout))

    def discard_checkpoint(self, session_id: str, *, timeout: float | None = None) -> bool:
        """Forget the checkpoint of `session_id`; False if there was none."""

        def discard(change: Change) -> bool:
            if not operations.discard_checkpoint(change, session_id):
                raise NoChange
            return True

        return bool(self._change(discard, None, timeout))

    # -- backups ---------------------------------------------------------------------------------
    def backups(self) -> list[Path]:
        """Backups of the history, newest first (folders; older single files too); at most KEEP_BACKUPS."""
        return list_backups(self.path)

    def backup_now(self, reason: str = "manual") -> Path:
        """Take a backup of the history as it is now (hard links: it costs nothing at any size)."""
        with self.lock.hold(self.save_timeout):
            if read_bytes(self.path) is None:
                raise StoreError(f"There is no history file at {self.path} to back up.")
            return make_backup(self.path, reason, self._now())

    def restore_backup(self, backup: Path) -> Path | None:
        """Make `backup` the history; what it replaces is backed up (or kept aside if damaged), and that
        path is returned."""
        if self.read_only:
            raise StoreReadOnly(f"History at {self.path} is open read-only; nothing was changed.")
        from tui.store.recovery import restore_backup  # read only when restoring

        kept = restore_backup(self.path, Path(backup), self.lock, self._now())
        self.year_files.forget()
        return kept


__all__ = ["KEEP_BACKUPS", "OPEN_LOCK_TIMEOUT", "SAVE_LOCK_TIMEOUT", "FileHistoryStore"]
