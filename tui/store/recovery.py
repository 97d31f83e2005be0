"""Getting a damaged history back: restore a backup or keep the complete part; damaged bytes are kept.

The CLI and the App call these directly when the store reports `StoreCorrupt` (errors carry only data)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tui.store.backups import STAMP_FORMAT, list_backups, make_backup
from tui.store.errors import StoreError, StoreNewerVersion
from tui.store.files import history_path, lock_path, read_bytes, write_atomic
from tui.store.history_json import HistoryDamaged, decode_history, encode_history, first_document
from tui.store.locking import StoreLock
from tui.store.migrations import CURRENT_SCHEMA_VERSION, migrate, schema_version

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
    """Before replacing the file: a backup if it reads, a kept damaged copy if not; None if no file."""
    raw = read_bytes(history)
    if raw is None:
        return None
    try:
        decode_history(raw)
    except HistoryDamaged:
        return keep_damaged_copy(history, raw, now)
    return make_backup(history, raw, reason, now)


def restore_backup(history: Path, backup: Path, lock: StoreLock, now: datetime) -> Path | None:
    """Make `backup` the history (migrated if older); returns where the replaced file's bytes were kept."""
    try:
        raw = backup.read_bytes()
        data = decode_history(raw)
    except (OSError, HistoryDamaged) as error:
        reason = error.reason if isinstance(error, HistoryDamaged) else str(error.strerror)
        raise StoreError(f"The backup {backup} cannot be used: {reason}. Nothing was changed.") from None
    version = schema_version(data)
    if version > CURRENT_SCHEMA_VERSION:
        raise StoreNewerVersion(backup, version, CURRENT_SCHEMA_VERSION)
    with lock.hold(RESTORE_LOCK_TIMEOUT):
        kept = set_current_aside(history, "before-restore", now)
        write_atomic(history, raw if version == CURRENT_SCHEMA_VERSION else encode_history(migrate(data)))
    return kept


def restore_newest_backup(data_dir: Path, now: datetime | None = None) -> Path:
    """Restore the newest backup that reads; returns it. Raises StoreError when none can be used."""
    return restore_newest_backup_keeping(data_dir, now)[0]


def restore_newest_backup_keeping(data_dir: Path, now: datetime | None = None) -> tuple[Path, Path | None]:
    """Restore the newest backup that reads; returns it and where the replaced (damaged) file's bytes were
    kept. Raises StoreError when none can be used."""
    history = history_path(data_dir)
    for backup in list_backups(history):
        try:
            decode_history(backup.read_bytes())
        except (OSError, HistoryDamaged):
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
