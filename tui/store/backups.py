"""Backups in `backups/` beside the history: a folder per backup holding a copy of the small live file and
`years/` as hard links to the current files (every write replaces a file, so a link keeps the old bytes),
copied where links cannot be made; old single-file backups are still listed. 0700 folders, 0600 files, rotated."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.store.errors import StoreError
from tui.store.files import (
    FOLDER_MODE,
    TEMP_MARKER,
    ensure_private_folder,
    fsync_folder,
    read_bytes,
    write_atomic,
)
from tui.store.history_json import HistoryDamaged, decode_history
from tui.store.layout import YEARS_FOLDER, store_folder, years_folder
from tui.store.odd_paths import followed

BACKUP_FOLDER = "backups"
KEEP_BACKUPS = 10
DAILY = timedelta(days=1)
STAMP_FORMAT = "%Y%m%dT%H%M%S.%fZ"
_STAMP = re.compile(r"\d{8}T\d{6}\.\d{6}Z")  # what STAMP_FORMAT writes
DIGEST_CHUNK = 1 << 20


def backup_folder(history_path: Path) -> Path:
    """`backups/` in the store folder."""
    return store_folder(history_path) / BACKUP_FOLDER


def backup_stamp(backup: Path) -> str:
    """The timestamp in a backup's name: `<stamp>-...` (a folder) or `history-<stamp>-....json` (a file)."""
    parts = backup.name.split("-")
    return parts[1] if backup.name.endswith(".json") and len(parts) > 1 else parts[0]


def list_backups(history_path: Path) -> list[Path]:
    """Backups of the history, newest first: folders, and old single-file backups."""
    folder = backup_folder(history_path)
    if not folder.is_dir():
        return []
    found = [
        entry
        for entry in folder.iterdir()
        if not entry.name.startswith(".")
        and ((entry.name.startswith(f"{history_path.stem}-") and entry.name.endswith(".json")) or entry.is_dir())
    ]
    return sorted(found, key=lambda path: (backup_stamp(path), path.name), reverse=True)


def backup_time(backup: Path) -> datetime:
    """When a backup was made, from its name (its modification time if the name is not ours)."""
    stamp = backup_stamp(backup)
    if _STAMP.fullmatch(stamp):  # STAMP_FORMAT, read without strptime (whose import costs a start 1-2 ms)
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(stamp)
    return datetime.fromtimestamp(backup.stat().st_mtime, tz=UTC)


def live_file_of(backup: Path) -> Path:
    """The history file a backup holds (the backup itself when it is an old single-file one)."""
    return backup / "history.json" if backup.is_dir() else backup


def link_or_copy(source: Path, target: Path, *, link: bool = True) -> None:
    """A hard link to `source` (free, and it keeps the bytes for ever); a checked copy where links fail."""
    if link:
        with contextlib.suppress(OSError):  # EXDEV, EPERM, ENOTSUP, EMLINK...: copy instead
            os.link(source, target)
            return
    raw = read_bytes(source)
    if raw is None:
        raise FileNotFoundError(source)
    write_atomic(target, raw)
    if read_bytes(target) != raw:
        raise StoreError(f"A backup could not be made safely ({target} did not read back as written).")


def make_backup(history_path: Path, reason: str, now: datetime, *, live_parsed: bool = False) -> Path:
    """Back up the history as it is now (the live file and every year file), then rotate. The folder is
    built under a temporary name and renamed when complete, so a backup is whole or absent.
    `live_parsed`: the caller holds the lock, has just parsed the live file and replaces it next by a
    rename (a migration), so it is linked, not parsed and copied again (37 MB for an old history)."""
    folder = backup_folder(history_path)
    ensure_private_folder(folder)
    os.chmod(folder, FOLDER_MODE)
    stamp = now.astimezone(UTC).strftime(STAMP_FORMAT)
    name = f"{stamp}-{reason}-{os.urandom(2).hex()}"
    building = folder / f".{name}{TEMP_MARKER}{os.getpid()}"
    try:
        building.mkdir(mode=FOLDER_MODE)
        live = followed(history_path)
        if not live_parsed:
            check_readable(live)
        # the live file is small and the one a program writing in place (stock TinyDB) would change: copied
        link_or_copy(live, building / "history.json", link=live_parsed)
        years = years_folder(history_path)
        if years.is_dir():
            (building / YEARS_FOLDER).mkdir(mode=FOLDER_MODE)
            for entry in sorted(years.iterdir()):
                if entry.name.endswith(".json") and not entry.name.startswith("."):
                    link_or_copy(entry, building / YEARS_FOLDER / entry.name)
        target = folder / name
        os.rename(building, target)
        fsync_folder(folder)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    rotate_backups(history_path)
    return target


def check_readable(live: Path) -> None:
    """Refuse to back up a live file that does not read as a history."""
    try:
        decode_history(read_bytes(live) or b"")
    except HistoryDamaged as damage:
        raise StoreError(
            f"A backup could not be made safely ({live}: {damage.reason}). Nothing else was changed; "
            "check that the disk is not full."
        ) from None


def remove_backup(backup: Path) -> None:
    """Delete one backup, folder or file."""
    if backup.is_dir():
        shutil.rmtree(backup, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            backup.unlink()


def rotate_backups(history_path: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete all but the newest `keep` backups; returns the ones removed."""
    removed = list_backups(history_path)[keep:]
    for old in removed:
        remove_backup(old)
    return removed


def daily_backup_due(history_path: Path, now: datetime) -> bool:
    """Whether the newest backup is older than a day (or there is none)."""
    backups = list_backups(history_path)
    return not backups or now - backup_time(backups[0]) >= DAILY


class CheckedBackups:
    """What each backup's history file said when parsed, so that a file met again is not parsed again:
    a hard link to it (the same inode) or a copy of its bytes (the same size and digest). Only digests and
    findings are kept, so checking many backups holds at most one file in memory."""

    def __init__(self) -> None:
        self.by_inode: dict[tuple[int, int], Parsed] = {}
        self.by_content: dict[tuple[int, bytes], Parsed] = {}

    def parsed(self, live: Path) -> Parsed:
        """Why the history file `live` cannot be parsed (None when it can) and the years it names."""
        info = live.stat()
        inode = (info.st_dev, info.st_ino)
        if inode not in self.by_inode:
            content = (info.st_size, file_digest(live))
            if content not in self.by_content:
                self.by_content[content] = parse_history_file(live)
            self.by_inode[inode] = self.by_content[content]
        return self.by_inode[inode]


Parsed = tuple[str | None, tuple[str, ...]]  # why it does not parse (None: it does), the years it names


def file_digest(path: Path) -> bytes:
    """A digest of the file's bytes, read a megabyte at a time."""
    import hashlib  # here, not at start: hashlib loads OpenSSL (some 0.7 MB of memory)

    digest = hashlib.blake2b(digest_size=32)
    with path.open("rb") as handle:
        while chunk := handle.read(DIGEST_CHUNK):
            digest.update(chunk)
    return digest.digest()


def parse_history_file(live: Path) -> Parsed:
    """Parse a backup's history file: why it is not a history (None when it is), and its `years` rows."""
    try:
        data = decode_history(live.read_bytes())
    except HistoryDamaged as damage:
        return damage.reason, ()
    return None, tuple(str(row.get("year")) for row in data.get("years", {}).values())


def readable_backup(backup: Path, checked: CheckedBackups | None = None) -> str | None:
    """Why a backup cannot be used, or None when its history file parses (and its years are there).
    Give the same `checked` for every backup of a folder so that files shared by several are parsed once."""
    try:
        reason, years = (checked or CheckedBackups()).parsed(live_file_of(backup))
    except OSError as error:
        return f"it cannot be opened ({error.strerror})"
    missing = [year for year in years if not (backup / YEARS_FOLDER / f"{year}.json").is_file()]
    if reason is None and backup.is_dir() and missing:
        return f"the files of {', '.join(missing)} are missing from it"
    return reason
