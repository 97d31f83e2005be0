"""The FileHistoryStore API the app calls: sessions, follow-ups, settings, checkpoints, deletes."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest
from store_support import FixedClock, backup_bytes, follow_up, session_record, snapshot_of, year_sessions
from tinydb import TinyDB

from tui.store import FileHistoryStore, HistoryStorage, StoreInvalidRecord
from tui.store.migrations import CURRENT_SCHEMA_VERSION
from tui.store.storage import DocumentEncoder


def stored(store: FileHistoryStore) -> dict:
    """The file as plain JSON."""
    return json.loads(store.path.read_bytes())


def test_open_creates_a_tinydb_readable_file_at_the_current_version(store: FileHistoryStore) -> None:
    assert store.path.name == "history.json"
    assert stored(store) == {"_meta": {"1": {"schema_version": CURRENT_SCHEMA_VERSION}}}
    assert store.warnings == []
    assert store.sessions() == [] and store.last_first_speaker() is None and store.load_checkpoint() is None


def test_saving_twice_upserts_by_record_id(store: FileHistoryStore) -> None:
    record = session_record(0)
    store.save_session(record)
    record["notes"] = [{"text": "added later"}]
    store.save_session(record)
    assert store.sessions() == [record]
    assert list(year_sessions(store.data_dir)) == ["1"]


def test_tinydb_doc_ids_come_from_fresh_data_not_a_counter(tmp_path: Path, clock: FixedClock) -> None:
    first = FileHistoryStore.open(tmp_path, now=clock)
    second = FileHistoryStore.open(tmp_path, now=clock)  # as another process would
    first.save_session(session_record(0))
    second.save_session(session_record(1))
    first.save_session(session_record(2))
    assert sorted(year_sessions(first.data_dir), key=int) == ["1", "2", "3"]


def test_checkpoints_upsert_load_newest_and_discard(store: FileHistoryStore) -> None:
    older, newer = session_record(0), session_record(1)
    store.save_checkpoint(snapshot_of(older, saved_at="2026-03-14T19:40:00+00:00"))
    store.save_checkpoint(snapshot_of(newer, saved_at="2026-03-14T19:45:00+00:00"))
    store.save_checkpoint(snapshot_of(older, saved_at="2026-03-14T19:50:00+00:00"))
    assert len(stored(store)["checkpoints"]) == 2
    assert store.load_checkpoint() == snapshot_of(older, saved_at="2026-03-14T19:50:00+00:00")
    assert store.discard_checkpoint(older["id"]) is True
    assert store.discard_checkpoint(older["id"]) is False
    assert store.load_checkpoint()["id"] == newer["id"]


def test_saving_the_session_drops_its_checkpoint_and_a_late_checkpoint_is_ignored(
    store: FileHistoryStore,
) -> None:
    record = session_record(0)
    store.save_checkpoint(snapshot_of(record))
    store.save_session(record)
    assert store.load_checkpoint() is None and stored(store)["checkpoints"] == {}
    assert store.save_checkpoint(snapshot_of(record)) is False
    assert stored(store)["checkpoints"] == {}


def test_delete_session_removes_its_follow_ups_and_every_delete_backs_up_first(
    store: FileHistoryStore, clock: FixedClock
) -> None:
    """Deleting one session takes a backup too (issue 11: the history screen deletes one at a time)."""
    records = [session_record(index, follow_ups=[follow_up()]) for index in range(3)]
    for record in records:
        store.save_session(record)
    assert store.delete_session("not-there") is False
    assert store.backups() == []  # nothing was there to lose
    first = store.path.read_bytes()
    assert store.delete_session(records[0]["id"]) is True
    assert len(store.open_follow_ups()) == 2
    assert [backup_bytes(backup) for backup in store.backups()] == [first]
    before = store.path.read_bytes()
    clock.advance(minutes=1)  # backups are named by time: newest first, whatever their random suffix
    assert store.delete_sessions([records[1]["id"], records[2]["id"], "not-there"]) == 2
    assert store.sessions() == [] and store.open_follow_ups() == []
    assert [backup_bytes(backup) for backup in store.backups()] == [before, first]
    assert all("before-delete" in backup.name for backup in store.backups())


def test_import_takes_a_backup_first(store: FileHistoryStore) -> None:
    store.save_session(session_record(0))
    before = store.path.read_bytes()
    assert store.import_sessions([session_record(1), session_record(2)]) == 2
    assert store.session_count() == 3
    assert [backup_bytes(backup) for backup in store.backups()] == [before]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (session_record(0, notes=[{"text": "broken \ud800 surrogate"}]), "cannot be saved as text"),
        (session_record(0, id=None), 'needs a text "id"'),
        (session_record(0, duration_seconds=2**70), "cannot be saved as text"),
        ("not a dict", "must be a dict"),
    ],
)
def test_a_record_that_cannot_be_json_is_refused_and_nothing_is_written(
    store: FileHistoryStore, record: object, message: str
) -> None:
    store.save_session(session_record(5))
    before = store.path.read_bytes()
    with pytest.raises(StoreInvalidRecord, match=message):
        store.save_session(record)  # type: ignore[arg-type]
    assert store.path.read_bytes() == before


def test_a_stock_tinydb_file_opens_and_keeps_its_tables(data_dir: Path, clock: FixedClock) -> None:
    data_dir.mkdir(mode=0o700)
    with TinyDB(data_dir / "history.json") as stock:
        stock.insert({"kept": "from stock TinyDB"})
    store = FileHistoryStore.open(data_dir, now=clock)
    assert stored(store)["_default"] == {"1": {"kept": "from stock TinyDB"}}
    assert stored(store)["_meta"]["1"]["schema_version"] == CURRENT_SCHEMA_VERSION


def test_our_storage_serves_tinydb_itself(tmp_path: Path) -> None:
    with TinyDB(storage=HistoryStorage, path=tmp_path / "db.json") as database:
        database.table("things").insert({"name": "kettle"})
        assert database.table("things").all() == [{"name": "kettle"}]
    assert orjson.loads((tmp_path / "db.json").read_bytes()) == {"things": {"1": {"name": "kettle"}}}
    assert oct((tmp_path / "db.json").stat().st_mode & 0o777) == "0o600"


def test_what_readers_get_never_reaches_the_file(store: FileHistoryStore) -> None:
    promise = follow_up()
    record = session_record(0, follow_ups=[promise])
    store.save_session(record)
    store.save_settings({"bell": True})
    store.save_checkpoint(snapshot_of(session_record(1)))
    store.follow_ups()[0]["status"] = "kept"
    store.load_settings()["bell"] = False
    store.load_checkpoint()["step_index"] = 99
    store.session(record["id"])["status"] = "changed"
    store.session_summaries()[0]["status"] = "changed"
    store.save_session(session_record(2))  # writes from the remembered parse
    on_disk = json.loads(store.path.read_bytes())
    assert on_disk["follow_ups"]["1"]["status"] == "open"
    assert on_disk["settings"]["1"] == {"bell": True}
    assert on_disk["checkpoints"]["1"]["step_index"] == 2
    assert year_sessions(store.data_dir)["1"]["status"] == "finished"
    assert store.open_follow_ups()[0]["id"] == promise["id"]


def test_a_failed_change_leaves_the_remembered_data_clean(store: FileHistoryStore) -> None:
    promise = follow_up()
    store.save_session(session_record(0, follow_ups=[promise]))
    with pytest.raises(StoreInvalidRecord):
        store.set_follow_up_status(promise["id"], "nonsense")
    assert store.open_follow_ups()[0]["status"] == "open"
    store.save_settings({"theme": "light"})
    assert json.loads(store.path.read_bytes())["follow_ups"]["1"]["status"] == "open"


def test_the_document_encoder_writes_exactly_what_a_full_dump_writes() -> None:
    encoder = DocumentEncoder()
    data = {"sessions": {str(index): session_record(index) for index in range(1, 6)}, "settings": {}}
    assert encoder.encode(data) == orjson.dumps(data)
    changed = {name: dict(table) for name, table in data.items()}
    changed["sessions"]["2"] = session_record(9)  # replaced, never changed in place
    del changed["sessions"]["3"]
    changed["settings"]["1"] = {"bell": False}
    assert encoder.encode(changed) == orjson.dumps(changed)
    with pytest.raises(StoreInvalidRecord):
        encoder.encode({"sessions": {"1": {"text": "\ud800"}}})
