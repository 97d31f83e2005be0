"""Getting a history back: restore a backup (a folder, or an old single file) or keep the complete part of
a damaged file; damaged bytes are always kept.

The CLI and the App call these directly when the store reports `StoreCorrupt` (errors carry only data)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tui.store.backups import STAMP_FORMAT, list_backups, live_file_of, make_backup, readable_backup
from tui.store.errors import StoreError, StoreNewerVersion
from tui.store.files import ensure_private_folder, history_path, lock_path, read_bytes, write_atomic
from tui.store.history_json import HistoryDamaged, decode_history, encode_history, first_document
from tui.store.layout import YEAR_FILE, YEARS_FOLDER, years_folder
from tui.store.locking import StoreLock
from tui.store.migrate_v3 import split_history, write_split
from tui.store.migrations import CURRENT_SCHEMA_VERSION, schema_version
from tui.store.redo_log import clear_pending, write_pending
from tui.store.year_files import YearFiles

RESTORE_LOCK_TIMEOUT = 30.0


def keep_damaged_copy(history: Path, raw: bytes, now: datetime) -> Path:
    """Keep damaged bytes as `history.json.corrupt-<timestamp>` (0600) before anything replaces them."""
    stamp = now.astimezone(UTC).strftime(STAMP_FORMAT)
    target = history.with_name(f"{history.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = history.with_name(f"{history.name}.corrupt-{stamp}-{counter}")
    write_atomic(target, raw)
    return target


def set_current_aside(history: Path, reason: str, now: datetime) -> Path | None:
    """Before replacing the history: a backup if its live file reads, a kept damaged copy if not; None if
    there is no file."""
    raw = read_bytes(history)
    if raw is None:
        return None
    try:
        decode_history(raw)
    except HistoryDamaged:
        return keep_damaged_copy(history, raw, now)
    return make_backup(history, reason, now)


def usable_backup(backup: Path) -> bytes:
    """The backup's live file bytes, checked; StoreError or StoreNewerVersion when it cannot be used."""
    reason = readable_backup(backup)
    if reason is not None:
        raise StoreError(f"The backup {backup} cannot be used: {reason}. Nothing was changed.")
    raw = read_bytes(live_file_of(backup)) or b""
    version = schema_version(decode_history(raw))
    if version > CURRENT_SCHEMA_VERSION:
        raise StoreNewerVersion(backup, version, CURRENT_SCHEMA_VERSION)
    return raw


def restore_backup(history: Path, backup: Path, lock: StoreLock, now: datetime) -> Path | None:
    """Make `backup` the history (migrated if older), a change behind the redo log; returns where the
    replaced history was kept."""
    usable_backup(backup)
    with lock.hold(RESTORE_LOCK_TIMEOUT):
        kept = set_current_aside(history, "before-restore", now)
        write_pending(history, {"op": "restore", "backup": str(backup)})
        apply_restore(history, str(backup), YearFiles(history))
        clear_pending(history)
    return kept


def apply_restore(history: Path, backup_name: str, year_files: YearFiles) -> None:
    """Put every file of a backup in place, remove year files it does not have, the live file last
    (idempotent, so the redo log can run it again)."""
    backup = Path(backup_name)
    raw = usable_backup(backup)
    data = decode_history(raw)
    if schema_version(data) < CURRENT_SCHEMA_VERSION:
        write_split(history, year_files, split_history(data))
        return
    names = sorted(entry.name for entry in (backup / YEARS_FOLDER).iterdir()) if (backup / YEARS_FOLDER).is_dir() else []
    kept_years = {match.group(1) for name in names if (match := YEAR_FILE.match(name))}
    year_files.remove_years_not_in(kept_years)
    for derived in sorted(years_folder(history).glob("*.words.json")) if years_folder(history).is_dir() else []:
        if derived.name not in names:  # a backup from before words files: its years are searched in full
            derived.unlink(missing_ok=True)
    for name in names:
        content = read_bytes(backup / YEARS_FOLDER / name)
        if content is not None and name.endswith(".json"):
            ensure_private_folder(years_folder(history))
            write_atomic(years_folder(history) / name, content)
    write_atomic(history, raw)
    year_files.forget()


def restore_newest_backup(data_dir: Path, now: datetime | None = None) -> Path:
    """Restore the newest backup that reads; returns it. Raises StoreError when none can be used."""
    return restore_newest_backup_keeping(data_dir, now)[0]


def restore_newest_backup_keeping(data_dir: Path, now: datetime | None = None) -> tuple[Path, Path | None]:
    """Restore the newest backup that reads; returns it and where the replaced (damaged) file's bytes were
    kept. Raises StoreError when none can be used."""
    history = history_path(data_dir)
    for backup in list_backups(history):
        if readable_backup(backup) is not None:
            continue
        kept = restore_backup(history, backup, StoreLock(lock_path(history)), now or datetime.now(UTC))
        return backup, kept
    raise StoreError(f"No readable backup of {history} was found in {history.parent / 'backups'}.")


def recover_extra_data(data_dir: Path, now: datetime | None = None) -> Path:
    """Keep the complete history at the start of an "Extra data" file; returns the kept damaged copy."""
    history = history_path(data_dir)
    with StoreLock(lock_path(history)).hold(RESTORE_LOCK_TIMEOUT):
        raw = read_bytes(history) or b""
        found = first_document(raw)
        if found is None:
            raise StoreError(
                f"The history file {history} does not start with a complete history; nothing was changed."
            )
        kept = keep_damaged_copy(history, raw, now or datetime.now(UTC))
        write_atomic(history, encode_history(found[0]))
    return kept
