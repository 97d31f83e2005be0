"""Permissions of the folder, file, lock and backups; backups made daily, verbatim, rotated."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_support import FixedClock, backup_bytes, session_record

from tui.store import FileHistoryStore
from tui.store.backups import KEEP_BACKUPS


def mode(path: Path) -> int:
    """The permission bits of `path`."""
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that would leave new files readable by everyone, as on some shared machines."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_everything_is_created_private_even_with_an_open_umask(
    data_dir: Path, clock: FixedClock, open_umask: None
) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(session_record(0))
    store.backup_now()
    store.delete_sessions([store.sessions()[0]["id"], "other"])
    assert mode(data_dir) == 0o700
    assert mode(store.path) == 0o600
    assert mode(store.lock.path) == 0o600
    assert mode(data_dir / "backups") == 0o700
    assert len(store.backups()) == 2
    assert {mode(backup) for backup in store.backups()} == {0o700}
    inside = [path for backup in store.backups() for path in backup.rglob("*")]
    assert {mode(path) for path in inside if path.is_file()} == {0o600}
    assert {mode(path) for path in inside if path.is_dir()} == {0o700}
    assert mode(data_dir / "years") == 0o700
    assert {mode(path) for path in (data_dir / "years").iterdir()} == {0o600}
    assert store.warnings == []


def test_looser_permissions_get_a_warning_with_the_fix(data_dir: Path, clock: FixedClock) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(session_record(0))
    backup = store.backup_now()
    for path, loose in [
        (data_dir, 0o755),
        (store.path, 0o644),
        (store.lock.path, 0o666),
        (data_dir / "backups", 0o750),
        (backup, 0o750),
    ]:
        path.chmod(loose)
    warnings = FileHistoryStore.open(data_dir, now=clock).warnings
    assert warnings == [
        f"The folder {data_dir} can be read by other users on this computer (permissions 755). "
        f"Fix: chmod 700 '{data_dir}'",
        f"The file {store.path} can be read by other users on this computer (permissions 644). "
        f"Fix: chmod 600 '{store.path}'",
        f"The file {store.lock.path} can be read by other users on this computer (permissions 666). "
        f"Fix: chmod 600 '{store.lock.path}'",
        f"The folder {data_dir / 'backups'} can be read by other users on this computer (permissions 750). "
        f"Fix: chmod 700 '{data_dir / 'backups'}'",
        f"The folder {backup} can be read by other users on this computer (permissions 750). "
        f"Fix: chmod 700 '{backup}'",
    ]


def test_the_lock_file_is_never_deleted(store: FileHistoryStore) -> None:
    record = session_record(0)
    store.save_session(record)
    store.delete_session(record["id"])
    store.restore_backup(store.backup_now())
    assert store.lock.path.exists()


def test_no_daily_backup_of_an_empty_history(data_dir: Path, clock: FixedClock) -> None:
    FileHistoryStore.open(data_dir, now=clock)
    clock.advance(days=3)
    assert FileHistoryStore.open(data_dir, now=clock).backups() == []


def test_a_daily_backup_on_start_when_the_newest_is_a_day_old(data_dir: Path, clock: FixedClock) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(session_record(0))
    at_start = store.path.read_bytes()
    reopened = FileHistoryStore.open(data_dir, now=clock)
    assert [backup_bytes(backup) for backup in reopened.backups()] == [at_start]
    assert "daily" in reopened.backups()[0].name
    reopened.save_session(session_record(1))
    clock.advance(hours=23, minutes=59)
    assert len(FileHistoryStore.open(data_dir, now=clock).backups()) == 1
    clock.advance(minutes=1)
    latest = FileHistoryStore.open(data_dir, now=clock).backups()
    assert len(latest) == 2 and backup_bytes(latest[0]) == reopened.path.read_bytes()


def test_backups_are_rotated_newest_first(store: FileHistoryStore, clock: FixedClock) -> None:
    store.save_session(session_record(0))
    made = []
    for _ in range(KEEP_BACKUPS + 3):
        clock.advance(minutes=1)
        made.append(store.backup_now())
    assert store.backups() == list(reversed(made))[:KEEP_BACKUPS]
    assert all(not path.exists() for path in made[:3])


def test_leftover_temp_files_from_a_killed_writer_are_removed_on_start(
    data_dir: Path, clock: FixedClock
) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(session_record(0))
    before = store.path.read_bytes()
    leftover = data_dir / ".history.json.tmp-123-abcd"
    leftover.write_bytes(b'{"half": ')
    (data_dir / "backups").mkdir(mode=0o700)
    backup_leftover = data_dir / "backups" / ".history-x.json.tmp-9-ffff"
    backup_leftover.write_bytes(b"{")
    FileHistoryStore.open(data_dir, now=clock)
    assert not leftover.exists() and not backup_leftover.exists()
    assert store.path.read_bytes() == before


def test_a_backup_s_time_is_read_from_its_name_else_from_the_file(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from tui.store.backups import STAMP_FORMAT, backup_time

    made = datetime(2026, 12, 4, 3, 2, 17, 123456, tzinfo=UTC)
    named = tmp_path / made.strftime(STAMP_FORMAT)
    named.mkdir()
    assert backup_time(named) == made
    odd = tmp_path / "20261304T030217.123456Z"  # month 13: not a time, so the folder's own time
    odd.mkdir()
    assert backup_time(odd) == datetime.fromtimestamp(odd.stat().st_mtime, tz=UTC)
