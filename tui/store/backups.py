"""Verbatim backups in `backups/` beside the history file: 0700 folder, 0600 files, checked, rotated."""

from __future__ import annotations

import contextlib
import os
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.store.errors import StoreError
from tui.store.files import FOLDER_MODE, ensure_private_folder, write_atomic
from tui.store.history_json import HistoryDamaged, decode_history

BACKUP_FOLDER = "backups"
KEEP_BACKUPS = 10
DAILY = timedelta(days=1)
STAMP_FORMAT = "%Y%m%dT%H%M%S.%fZ"


def backup_folder(history_path: Path) -> Path:
    """`backups/` beside the history file."""
    return history_path.parent / BACKUP_FOLDER


def list_backups(history_path: Path) -> list[Path]:
    """Backups of `history_path`, newest first."""
    folder = backup_folder(history_path)
    if not folder.is_dir():
        return []
    stem = history_path.stem
    return sorted(folder.glob(f"{stem}-*.json"), key=lambda path: path.name, reverse=True)


def backup_time(backup: Path) -> datetime:
    """When a backup was made, from its name (its modification time if the name is not ours)."""
    with contextlib.suppress(IndexError, ValueError):
        stamp = backup.name.split("-")[1]
        return datetime.strptime(stamp, STAMP_FORMAT).replace(tzinfo=UTC)
    return datetime.fromtimestamp(backup.stat().st_mtime, tz=UTC)


def make_backup(history_path: Path, raw: bytes, reason: str, now: datetime) -> Path:
    """Save `raw` verbatim as a new backup, check that it reads back as a history, then rotate."""
    folder = backup_folder(history_path)
    ensure_private_folder(folder)
    os.chmod(folder, FOLDER_MODE)
    stamp = now.astimezone(UTC).strftime(STAMP_FORMAT)
    target = folder / f"{history_path.stem}-{stamp}-{reason}-{secrets.token_hex(2)}.json"
    write_atomic(target, raw)
    with open(target, "rb") as handle:
        written = handle.read()
    try:
        if written != raw:
            raise HistoryDamaged("it did not read back as written")
        decode_history(written)
    except HistoryDamaged as damage:
        raise StoreError(
            f"A backup could not be made safely ({target}: {damage.reason}). Nothing else was changed; "
            "check that the disk is not full."
        ) from None
    rotate_backups(history_path)
    return target


def rotate_backups(history_path: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete all but the newest `keep` backups; returns the ones removed."""
    removed = list_backups(history_path)[keep:]
    for old in removed:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    return removed


def daily_backup_due(history_path: Path, now: datetime) -> bool:
    """Whether the newest backup is older than a day (or there is none)."""
    backups = list_backups(history_path)
    return not backups or now - backup_time(backups[0]) >= DAILY


def readable_backup(backup: Path) -> str | None:
    """Why a backup cannot be used, or None when it parses as a history."""
    try:
        decode_history(backup.read_bytes())
    except HistoryDamaged as damage:
        return damage.reason
    except OSError as error:
        return f"it cannot be opened ({error.strerror})"
    return None
