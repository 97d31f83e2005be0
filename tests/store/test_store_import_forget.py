"""Bringing a whole export in (`import_history`) and forgetting (`forget_sessions`, `forget_everything`),
on both stores; the file store's backups, redo log and files stock TinyDB reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_support import ContractStore, FixedClock, follow_up, session_record
from tinydb import TinyDB

from tui.store import FileHistoryStore
from tui.store.memory import InMemoryStore


def by_id(items: list[dict]) -> list[dict]:
    """Follow-ups in a fixed order (the stores order them by creation time only)."""
    return sorted(items, key=lambda item: item["id"])


def statuses(store: ContractStore) -> dict[str, str]:
    """Each follow-up's words and status."""
    return {item["text"]: item["status"] for item in store.follow_ups()}


@pytest.fixture
def store(either_store: ContractStore) -> ContractStore:
    """The file store and the in-memory one, in turn (`either_store` in conftest.py)."""
    return either_store


def a_history(store: ContractStore, clock: FixedClock) -> tuple[list[dict], dict]:
    """Three sessions with two follow-ups, one of them decided later; settings with names."""
    walk, call = follow_up(text="A walk"), follow_up(kind="wish", owner="b", text="Lisbon 🌊 [b]one day[/b]")
    records = [session_record(0, follow_ups=[walk, call]), session_record(40), session_record(400)]
    for record in records:
        store.save_session(record)
    store.set_follow_up_status(walk["id"], "kept")
    store.save_settings({"name_a": "Maya", "name_b": "Jonah"})
    return records, {"walk": walk, "call": call}


def test_an_import_into_an_empty_store_gives_back_sessions_follow_ups_and_settings(
    store: ContractStore, clock: FixedClock
) -> None:
    a_history(store, clock)
    target = InMemoryStore(now=clock)
    report = target.import_history(store.sessions(), store.follow_ups(), store.load_settings())
    assert (report.added, report.replaced, report.skipped, report.settings_taken) == (3, 0, 0, True)
    assert report.follow_ups_added == 2
    assert target.sessions() == store.sessions()
    assert by_id(target.follow_ups()) == by_id(store.follow_ups())
    assert target.load_settings() == store.load_settings()
    assert statuses(target) == {"A walk": "kept", "Lisbon 🌊 [b]one day[/b]": "open"}


def test_importing_twice_adds_nothing_and_keeps_the_target_settings(store: ContractStore, clock: FixedClock) -> None:
    a_history(store, clock)
    exported = (store.sessions(), store.follow_ups(), {"name_a": "Someone", "name_b": "Else"})
    before = (store.sessions(), store.follow_ups(), store.load_settings())
    report = store.import_history(*exported)
    assert (report.added, report.replaced, report.skipped, report.follow_ups_added) == (0, 0, 3, 0)
    assert not report.settings_taken
    assert (store.sessions(), by_id(store.follow_ups()), store.load_settings()) == (
        before[0], by_id(before[1]), before[2]
    )


def test_a_later_decision_is_taken_and_an_older_one_never_undoes_it(store: ContractStore, clock: FixedClock) -> None:
    _, items = a_history(store, clock)
    older = [dict(item) for item in store.follow_ups()]
    clock.moment = clock.moment.replace(year=clock.moment.year + 1)
    store.set_follow_up_status(items["call"]["id"], "let_go")
    newer = store.follow_ups()
    store.import_history([], older)  # an older export: the decision made since stays
    assert by_id(store.follow_ups()) == by_id(newer)
    fresh = InMemoryStore(now=clock)
    fresh.import_history([], older)
    fresh.import_history([], newer)
    assert statuses(fresh) == {"A walk": "kept", "Lisbon 🌊 [b]one day[/b]": "let_go"}


def test_a_changed_record_is_replaced_and_counted(store: ContractStore, clock: FixedClock) -> None:
    records, _ = a_history(store, clock)
    changed = {**store.session(records[1]["id"]), "notes": "we laughed"}
    report = store.import_history([changed, session_record(9)])
    assert (report.added, report.replaced, report.skipped) == (1, 1, 0)
    assert store.session(records[1]["id"])["notes"] == "we laughed"


def test_forget_everything_leaves_an_empty_history(store: ContractStore, clock: FixedClock) -> None:
    a_history(store, clock)
    found, _ = store.forget_everything()
    assert found == 3
    assert store.sessions() == [] and store.session_summaries() == [] and store.follow_ups() == []
    assert store.load_settings() == {} and store.session_count(finished_only=False) == 0
    store.save_session(session_record(2))  # and it goes on working
    assert store.session_count() == 1


def test_forget_sessions_deletes_those_only(store: ContractStore, clock: FixedClock) -> None:
    records, _ = a_history(store, clock)
    assert store.forget_sessions([records[0]["id"], "not-there"])[0] == 1
    assert {record["id"] for record in store.sessions()} == {records[1]["id"], records[2]["id"]}
    assert store.follow_ups() == []  # they were made in that session


def tinydb_tables(path: Path) -> dict[str, list[dict]]:
    """Every table of `path` as stock TinyDB reads it."""
    with TinyDB(path) as database:
        return {name: list(database.table(name).all()) for name in database.tables()}


def test_forgetting_on_disk_backs_up_first_and_leaves_files_tinydb_reads(data_dir: Path, clock: FixedClock) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    a_history(store, clock)
    found, backup = store.forget_everything()
    assert found == 3 and backup is not None and "before-forget" in backup.name
    for path in [data_dir / "history.json", *sorted((data_dir / "years").glob("*.json"))]:
        tables = tinydb_tables(path)
        assert all(rows == [] for name, rows in tables.items() if name != "_meta"), path
    assert FileHistoryStore.open(data_dir, now=clock).sessions() == []
    store.restore_backup(backup)  # the backup holds everything that was forgotten
    assert len(store.sessions()) == 3 and store.load_settings()["name_a"] == "Maya"


def test_forget_everything_without_backup_erases_the_backups_too(data_dir: Path, clock: FixedClock) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    a_history(store, clock)
    store.backup_now()
    assert store.backups()
    assert store.forget_everything(erase_backups=True) == (3, None)
    assert store.backups() == [] and store.sessions() == []
    written = b"".join(path.read_bytes() for path in data_dir.rglob("*.json"))
    assert b"Lisbon" not in written and b"Maya" not in written


def test_forget_everything_empties_tables_another_program_added(data_dir: Path, clock: FixedClock) -> None:
    """A table stock TinyDB (or a script of the couple's) put in the live file or a year file holds words
    too: forgetting everything empties it, and the file stays one stock TinyDB reads."""
    store = FileHistoryStore.open(data_dir, now=clock)
    a_history(store, clock)
    year_file = sorted((data_dir / "years").glob("[0-9][0-9][0-9][0-9].json"))[0]
    for path in (data_dir / "history.json", year_file):
        with TinyDB(path) as database:
            database.table("our_notes").insert({"text": "Lisbon, one day"})
    store.forget_everything(erase_backups=True)
    for path in (data_dir / "history.json", year_file):
        assert b"Lisbon" not in path.read_bytes(), path
        with TinyDB(path) as database:
            assert database.table("our_notes").all() == []


def test_forget_one_session_on_disk_says_where_the_backup_is(data_dir: Path, clock: FixedClock) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    records, _ = a_history(store, clock)
    found, backup = store.forget_sessions([records[2]["id"]])
    assert found == 1 and backup is not None and backup.is_dir()
    assert tinydb_tables(data_dir / "history.json")["years"]


def test_an_import_interrupted_after_the_year_files_is_finished_by_the_redo_log(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    records = [session_record(0, follow_ups=[follow_up()]), session_record(500)]
    decided = {**records[0]["follow_ups"][0], "status": "kept", "status_changed_at": "2027-01-01T10:00:00+00:00"}

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt  # stands for a SIGKILL before the live file is written

    monkeypatch.setattr(store.storage, "store", killed)
    with pytest.raises(KeyboardInterrupt):
        store.import_history(records, [decided], {"name_a": "Ana"})
    monkeypatch.undo()
    assert json.loads((data_dir / "pending.json").read_text())["pending"]["1"]["op"] == "import_history"
    reopened = FileHistoryStore.open(data_dir, now=clock)
    assert {record["id"] for record in reopened.sessions()} == {record["id"] for record in records}
    assert [item["status"] for item in reopened.follow_ups()] == ["kept"]
    assert reopened.load_settings() == {"name_a": "Ana"}
