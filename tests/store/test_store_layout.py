"""The v3 layout: the live file, year files and indexes, totals, the redo log, the migration into it
(SIGKILLed at random), backup folders, and the plain TinyDB API refusing instead of losing writes."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import threading
import time
from pathlib import Path

import orjson
import pytest
from store_support import FixedClock, follow_up, iso, session_record, snapshot_of
from test_store_robustness import run_forked, stock_tinydb_session_ids
from tinydb import TinyDB

import tui.store.file_changes as file_changes
from tui.store import FileHistoryStore, HistoryStorage, StoreConflict
from tui.store.migrations import migrate
from tui.store.search_index import INDEX_FORMAT
from tui.store.tables import year_totals

V1_FIXTURE = Path(__file__).parent / "fixtures" / "history_v1.json"
MIGRATION_KILLS = 40


def across_years(count: int, **extra: object) -> list[dict]:
    """Sessions spread evenly from January 2024 to March 2026."""
    return [session_record(-800 + index * 800 // max(count - 1, 1), **extra) for index in range(count)]


def v2_history(records: list[dict]) -> bytes:
    """A single-file v2 history holding `records`, their follow-ups and a checkpoint, as Hearthside 2 wrote."""
    data = migrate(json.loads(V1_FIXTURE.read_bytes()))
    for index, record in enumerate(records, start=3):
        data["sessions"][str(index)] = record
        for offset, item in enumerate(record.get("follow_ups") or []):
            data["follow_ups"][f"{index}{offset:03d}"] = item | {"session_id": record["id"]}
    data["checkpoints"] = {"1": snapshot_of(session_record(900))}
    return orjson.dumps(data)


def put_history(data_dir: Path, content: bytes) -> None:
    """A private folder holding `content` as its history.json."""
    data_dir.mkdir(mode=0o700, exist_ok=True)
    (data_dir / "history.json").write_bytes(content)
    (data_dir / "history.json").chmod(0o600)


def files_by_name(data_dir: Path) -> dict[str, tuple[int, int]]:
    """(inode, size) of every history file (not the lock), to see which a write replaced."""
    paths = [data_dir / "history.json", *sorted((data_dir / "years").glob("*"))]
    return {str(path.relative_to(data_dir)): (path.stat().st_ino, path.stat().st_size) for path in paths}


def check_totals(store: FileHistoryStore) -> None:
    """The live file's totals rows are what the sessions themselves give."""
    live = orjson.loads(store.path.read_bytes())
    by_year: dict[str, list[dict]] = {}
    for summary in store.session_summaries():
        by_year.setdefault(summary["started_at"][:4], []).append(summary)
    expected = {year: {**year_totals(year, summaries), "index_format": INDEX_FORMAT} for year, summaries in by_year.items()}
    assert {row["year"]: row for row in live.get("years", {}).values()} == expected
    assert store.session_count(finished_only=False) == len(store.sessions())


def test_sessions_go_to_their_year_and_home_reads_only_the_live_file(store: FileHistoryStore) -> None:
    records = across_years(9, follow_ups=[])
    records[0]["program_id"] = records[4]["program_id"] = "first-year"
    for record in records:
        store.save_session(record)
    years = sorted(path.name for path in (store.data_dir / "years").iterdir())
    assert years == [f"{year}{kind}" for year in ("2024", "2025", "2026") for kind in (".index.json", ".json", ".words.json")]
    for path in (store.data_dir / "years").iterdir():
        with TinyDB(path, access_mode="r") as stock:
            assert stock.table("_meta").all()[0]["schema_version"] == 3
    assert sorted(stock_tinydb_session_ids(store.path)) == sorted(record["id"] for record in records)
    check_totals(store)
    assert store.program_sittings("first-year") == 2 and store.program_sittings("other") == 0
    assert store.session(records[0]["id"]) == records[0]
    shutil.rmtree(store.data_dir / "years")  # home needs nothing from the year files
    assert store.session_count() == 9 and store.last_first_speaker() == records[-1]["first_speaker"]
    assert store.program_sittings("first-year") == 2


def test_a_checkpoint_writes_only_the_small_live_file(store: FileHistoryStore) -> None:
    store.import_sessions(across_years(60, follow_ups=[follow_up()]))
    running = session_record(1000)
    store.save_checkpoint(snapshot_of(running))
    before = files_by_name(store.data_dir)
    for step in range(5):
        store.save_checkpoint({**snapshot_of(running), "step_index": step})
    after = files_by_name(store.data_dir)
    changed = [name for name in after if after[name] != before.get(name)]
    assert changed == ["history.json"]
    assert after["history.json"][1] < 100_000
    store.save_session(running)
    after_save = files_by_name(store.data_dir)
    year = running["started_at"][:4]
    assert sorted(name for name in after_save if after_save[name] != after.get(name)) == sorted(
        ["history.json", f"years/{year}.index.json", f"years/{year}.json", f"years/{year}.words.json"]
    )
    assert store.save_checkpoint(snapshot_of(running)) is False  # its year's index knows it is saved
    assert not (store.data_dir / "pending.json").exists()


def test_delete_import_and_follow_ups_across_years_keep_the_totals_right(
    store: FileHistoryStore, clock: FixedClock
) -> None:
    promises = [follow_up(text=f"promise {index}") for index in range(6)]
    records = across_years(6)
    for record, promise in zip(records, promises, strict=True):
        record["follow_ups"] = [promise]
    assert store.import_sessions(records) == 6
    check_totals(store)
    store.set_follow_up_status(promises[0]["id"], "kept")  # moves to the 2024 index
    index_2024 = orjson.loads((store.data_dir / "years" / "2024.index.json").read_bytes())
    assert [item["id"] for item in index_2024["follow_ups"].values()] == [promises[0]["id"]]
    assert promises[0]["id"] not in {item["id"] for item in store.open_follow_ups()}
    clock.advance(hours=1)
    store.save_session(session_record(5, reviews=[{"follow_up_id": promises[1]["id"], "status": "let_go", "at": iso(clock())}]))
    store.set_follow_up_status(promises[0]["id"], "open")  # back to the live file
    assert {item["id"] for item in store.open_follow_ups()} == {p["id"] for p in promises} - {promises[1]["id"]}
    assert len(store.follow_ups()) == 6
    assert store.delete_sessions([records[0]["id"], records[-1]["id"], "not-there"]) == 2
    check_totals(store)
    assert {item["session_id"] for item in store.follow_ups()} == {record["id"] for record in records[1:-1]}
    store.import_sessions([records[0]])  # upserts, never duplicates
    store.import_sessions([records[0]])
    check_totals(store)
    assert len(store.sessions()) == 6


class Killed(BaseException):
    """Stands for a SIGKILL at one point of a write (nothing after it runs)."""


@pytest.mark.parametrize("killed_after", [0, 1, 2])
def test_a_change_killed_between_its_files_is_completed_at_the_next_open(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, killed_after: int
) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    promise, reopened = follow_up(text="walk"), follow_up(text="call")
    store.save_session(session_record(0, follow_ups=[promise, reopened]))
    store.set_follow_up_status(reopened["id"], "kept")
    review = {"follow_up_id": promise["id"], "status": "kept", "at": iso(clock())}
    later = session_record(400, reviews=[review], follow_ups=[follow_up(text="new")])  # another year
    store.save_checkpoint(snapshot_of(later))
    expected = FileHistoryStore.open(data_dir.parent / "expected", now=clock)
    expected.import_sessions(store.sessions())
    expected.set_follow_up_status(reopened["id"], "kept")
    for operation in ("save", "reopen", "delete"):
        writes = {"count": 0}
        real_write = file_changes.YearFiles.write

        def dying_write(
            self: object, key: str, data: dict, writes: dict = writes, real_write: object = real_write
        ) -> None:
            if writes["count"] == killed_after:
                raise Killed
            writes["count"] += 1
            real_write(self, key, data)  # type: ignore[operator]

        monkeypatch.setattr(file_changes.YearFiles, "write", dying_write)
        monkeypatch.setattr(file_changes.HistoryStorage, "store", lambda self, data: (_ for _ in ()).throw(Killed()))
        with pytest.raises(Killed):
            if operation == "save":
                store.save_session(later)
            elif operation == "reopen":
                store.set_follow_up_status(reopened["id"], "open")
            else:
                store.delete_session(store.sessions()[-1]["id"])
        monkeypatch.undo()
        assert (data_dir / "pending.json").exists()
        if operation == "save":
            expected.save_session(later)
        elif operation == "reopen":
            expected.set_follow_up_status(reopened["id"], "open")
        else:
            expected.delete_session(expected.sessions()[-1]["id"])
        store = FileHistoryStore.open(data_dir, now=clock)
        assert not (data_dir / "pending.json").exists()
        assert store.sessions() == expected.sessions()
        assert store.follow_ups() == expected.follow_ups()
        assert store.checkpoints() == expected.checkpoints()
        check_totals(store)


def test_a_v2_history_migrates_to_v3_and_every_file_reads_in_stock_tinydb(
    data_dir: Path, clock: FixedClock
) -> None:
    records = across_years(30, follow_ups=[follow_up()])
    content = v2_history(records)
    put_history(data_dir, content)
    v2_view = FileHistoryStore(data_dir, now=clock)  # an older file is read as v3 before migrating
    before = (v2_view.sessions(), v2_view.follow_ups(), v2_view.load_settings(), v2_view.checkpoints())
    store = FileHistoryStore.open(data_dir, now=clock)
    assert orjson.loads(store.path.read_bytes())["_meta"]["1"]["schema_version"] == 3
    assert (store.sessions(), store.follow_ups(), store.load_settings(), store.checkpoints()) == before
    assert len(store.sessions()) == 32
    [backup] = store.backups()
    assert "before-migration-v2" in backup.name and (backup / "history.json").read_bytes() == content
    for path in [store.path, *(data_dir / "years").iterdir()]:
        with TinyDB(path, access_mode="r") as stock:
            assert stock.tables()
    check_totals(store)
    assert store.path.stat().st_size < 20_000


@pytest.mark.slow
def test_sigkill_during_the_migration_never_damages_the_history(data_dir: Path, tmp_path: Path) -> None:
    records = across_years(400, follow_ups=[follow_up()])
    content = v2_history(records)
    expected_ids = sorted([record["id"] for record in records] + [
        session["id"] for session in json.loads(V1_FIXTURE.read_bytes())["sessions"].values()
    ])
    rng = random.Random(20260315)
    outcomes = {"old file intact": 0, "migrated": 0}
    put_history(data_dir, content)
    for _ in range(MIGRATION_KILLS):
        pid = run_forked(lambda: FileHistoryStore.open(data_dir))
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        live = orjson.loads((data_dir / "history.json").read_bytes())
        if live["_meta"]["1"]["schema_version"] == 2:
            assert (data_dir / "history.json").read_bytes() == content
            outcomes["old file intact"] += 1
            continue
        outcomes["migrated"] += 1
        assert sorted(stock_tinydb_session_ids(data_dir / "history.json")) == expected_ids
        store = FileHistoryStore.open(data_dir)
        assert sorted(record["id"] for record in store.sessions()) == expected_ids
        check_totals(store)
        shutil.rmtree(data_dir)
        put_history(data_dir, content)
    print(f"\nmigration kill fuzz: {MIGRATION_KILLS} kills, {outcomes}")
    assert outcomes["old file intact"] and outcomes["migrated"], "the kills never landed on both sides"
    store = FileHistoryStore.open(data_dir)
    assert sorted(record["id"] for record in store.sessions()) == expected_ids


def test_backup_folders_are_hard_links_and_old_single_file_backups_still_restore(
    store: FileHistoryStore, clock: FixedClock
) -> None:
    records = across_years(6)
    store.import_sessions(records[:3])
    backup = store.backup_now()
    year_file = store.data_dir / "years" / "2024.json"
    assert (backup / "years" / "2024.json").stat().st_ino == year_file.stat().st_ino
    clock.advance(minutes=1)
    store.import_sessions(records[3:])
    store.delete_session(records[0]["id"])
    kept = store.restore_backup(backup)
    assert kept is not None and "before-restore" in kept.name
    assert sorted(record["id"] for record in store.sessions()) == sorted(record["id"] for record in records[:3])
    check_totals(store)
    assert not (store.data_dir / "years" / "2026.json").exists() or all(
        record["started_at"][:4] != "2026" for record in store.sessions()
    )
    old = store.data_dir / "backups" / "history-20200101T000000.000000Z-manual-0000.json"
    old.write_bytes(V1_FIXTURE.read_bytes())
    assert old in store.backups()
    clock.advance(minutes=1)
    store.restore_backup(old)
    assert len(store.sessions()) == 2 and list((store.data_dir / "years").glob("2024*")) == []
    check_totals(store)


def test_the_plain_tinydb_api_refuses_a_write_over_a_change_it_did_not_see(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    refused: list[int] = []
    threads_count, inserts = 6, 40

    def insert_many(number: int) -> None:
        database = TinyDB(storage=HistoryStorage, path=path)
        for index in range(inserts):
            try:
                database.table("things").insert({"writer": number, "index": index})
            except StoreConflict as error:
                assert "changed since it was read" in str(error) and "nothing was written" in str(error)
                refused.append(1)
            except ValueError as error:  # TinyDB's own id counter went stale; it refuses before writing
                assert "already exists" in str(error)
                refused.append(1)

    threads = [threading.Thread(target=insert_many, args=(number,)) for number in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pids = [run_forked(lambda number=number: insert_many(100 + number)) for number in range(2)]
    for pid in pids:
        os.waitpid(pid, 0)
    with TinyDB(path, access_mode="r") as stock:
        stored = stock.table("things").all()
    in_threads = [doc for doc in stored if doc["writer"] < 100]
    assert len(in_threads) + len(refused) == threads_count * inserts, "an insert was silently lost"
    assert len({(doc["writer"], doc["index"]) for doc in stored}) == len(stored)
    assert len([doc for doc in stored if doc["writer"] >= 100]) > 0
