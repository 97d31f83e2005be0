"""Schema migrations: the v1 fixture becomes v2 once, after a verbatim backup, in one atomic write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import orjson
import pytest
from store_support import FixedClock, backup_bytes, session_record, year_sessions
from tinydb import TinyDB

from tui.store import FileHistoryStore
from tui.store.migrations import CURRENT_SCHEMA_VERSION, migrate, migrate_v1_to_v2, schema_version

V1_FIXTURE = Path(__file__).parent / "fixtures" / "history_v1.json"
WALK = "0c8f7d10-1111-4c1e-8c1e-000000000001"
SEA = "0c8f7d10-1111-4c1e-8c1e-000000000002"


@pytest.fixture
def v1_folder(data_dir: Path) -> Path:
    """A data folder holding the v1 fixture as its history."""
    data_dir.mkdir(mode=0o700)
    shutil.copyfile(V1_FIXTURE, data_dir / "history.json")
    (data_dir / "history.json").chmod(0o600)
    return data_dir


def test_current_version_is_three() -> None:
    assert CURRENT_SCHEMA_VERSION == 3
    assert schema_version(json.loads(V1_FIXTURE.read_bytes())) == 1


def test_opening_a_v1_file_migrates_it_after_a_verbatim_backup(v1_folder: Path, clock: FixedClock) -> None:
    store = FileHistoryStore.open(v1_folder, now=clock)
    backups = store.backups()
    assert len(backups) == 1 and "before-migration-v1" in backups[0].name
    assert backup_bytes(backups[0]) == V1_FIXTURE.read_bytes()
    data = orjson.loads(store.path.read_bytes())
    assert data["_meta"] == {"1": {"schema_version": 3}}
    assert "couple" not in data
    assert store.load_settings() == {
        "bell": True,
        "theme": "dark",
        "partners": {"a": {"name": "Maya", "colour": "green"}, "b": {"name": "Jonah", "colour": "magenta"}},
    }
    by_id = {item["id"]: item for item in store.follow_ups()}
    assert by_id[WALK]["status"] == "kept"
    assert by_id[WALK]["status_changed_at"] == "2026-02-08T19:10:00+00:00"
    assert by_id[SEA]["status"] == "open"
    assert by_id[SEA]["status_changed_at"] == "2026-02-01T19:36:00+00:00"
    assert by_id[SEA]["last_reviewed_at"] == "2026-02-08T19:11:00+00:00"
    assert [record["first_speaker"] for record in store.sessions()] == ["b", "a"]
    with TinyDB(v1_folder / "years" / "2026.json", access_mode="r") as stock:
        assert len(stock.table("sessions")) == 2


def test_migration_runs_once(v1_folder: Path, clock: FixedClock) -> None:
    FileHistoryStore.open(v1_folder, now=clock)
    after_first = (v1_folder / "history.json").read_bytes()
    store = FileHistoryStore.open(v1_folder, now=clock)
    assert (v1_folder / "history.json").read_bytes() == after_first
    assert [backup.name for backup in store.backups() if "migration" in backup.name] == [
        backup.name for backup in store.backups()
    ]
    assert len(store.backups()) == 1


def test_migrate_is_pure() -> None:
    original = json.loads(V1_FIXTURE.read_bytes())
    untouched = json.loads(V1_FIXTURE.read_bytes())
    migrated = migrate(original)
    assert original == untouched
    assert schema_version(migrated) == 2
    assert migrate_v1_to_v2(json.loads(V1_FIXTURE.read_bytes())) == migrated


def test_an_old_file_put_back_while_running_is_migrated_on_the_next_save(
    store: FileHistoryStore, clock: FixedClock
) -> None:
    shutil.copyfile(V1_FIXTURE, store.path)
    record = session_record(9)
    store.save_session(record)
    data = orjson.loads(store.path.read_bytes())
    assert data["_meta"]["1"]["schema_version"] == 3 and "couple" not in data
    assert len(year_sessions(store.data_dir)) == 3
    assert [backup_bytes(backup) for backup in store.backups()] == [V1_FIXTURE.read_bytes()]


def test_the_couple_is_told_once_before_an_older_history_is_moved(v1_folder: Path, clock: FixedClock) -> None:
    told: list[int] = []
    FileHistoryStore.open(v1_folder, now=clock, on_migrating=told.append)
    FileHistoryStore.open(v1_folder, now=clock, on_migrating=told.append)
    assert told == [2]  # the fixture's two sessions, said once: the second start has nothing to move


def test_the_before_migration_backup_is_a_link_to_the_old_file_not_a_second_copy(
    v1_folder: Path, clock: FixedClock
) -> None:
    old_inode = (v1_folder / "history.json").stat().st_ino
    store = FileHistoryStore.open(v1_folder, now=clock)
    (backup,) = store.backups()
    assert (backup / "history.json").stat().st_ino == old_inode  # no 37 MB copy at 10,000 sessions
    assert (v1_folder / "history.json").stat().st_ino != old_inode  # the commit replaced it by a rename
