"""Damaged and newer files: a clear error, the bytes untouched, and a way back that keeps them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import orjson
import pytest
from store_support import FixedClock, file_state, session_record

from tui.store import (
    FileHistoryStore,
    StoreCorrupt,
    StoreError,
    StoreNewerVersion,
    StoreReadOnly,
)
from tui.store.recovery import recover_extra_data, restore_newest_backup

VALID = orjson.dumps({"_meta": {"1": {"schema_version": 2}}, "sessions": {"1": session_record(0)}})
DAMAGED = {
    "empty": (b"", "empty (0 bytes)"),
    "blank": (b"  \n", "only blank space"),
    "truncated": (VALID[: len(VALID) // 2], "not valid JSON"),
    "not utf-8": (b'{"sessions": {"1": {"text": "\xff\xfe"}}}', "not valid JSON"),
    "garbage": (b"\x00\x01 not json at all", "not valid JSON"),
    "list": (b"[1, 2, 3]", "JSON list, not an object of tables"),
    "string": (b'"history"', "JSON str, not an object of tables"),
    "table not an object": (b'{"sessions": [1, 2]}', 'table "sessions" is not an object'),
    "record not an object": (b'{"sessions": {"1": 5}}', 'malformed record under "1"'),
    "record key not a number": (b'{"sessions": {"x": {}}}', 'malformed record under "x"'),
}


def put(data_dir: Path, content: bytes) -> Path:
    """Write `content` as the history file in a private folder."""
    data_dir.mkdir(mode=0o700, exist_ok=True)
    path = data_dir / "history.json"
    path.write_bytes(content)
    path.chmod(0o600)
    return path


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_a_damaged_file_raises_a_clear_error_and_is_never_written(
    data_dir: Path, clock: FixedClock, name: str
) -> None:
    content, reason = DAMAGED[name]
    path = put(data_dir, content)
    before = file_state(data_dir)
    with pytest.raises(StoreCorrupt) as caught:
        FileHistoryStore.open(data_dir, now=clock)
    message = str(caught.value)
    assert reason in message and str(path) in message
    assert "It has not been changed." in message and "There are no backups yet." in message
    assert "Traceback" not in message
    assert caught.value.path == path and caught.value.backups == []
    after = file_state(data_dir)
    assert after.pop("history.json.lock") == f"{os.getpid()}\n".encode()  # the lock notes its last holder
    assert after == before
    assert path.read_bytes() == content


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_restoring_the_newest_backup_keeps_the_damaged_bytes(
    data_dir: Path, clock: FixedClock, name: str
) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    record = session_record(0)
    store.save_session(record)
    good_backup = store.backup_now()
    clock.advance(minutes=1)
    content = DAMAGED[name][0]
    store.path.write_bytes(content)
    with pytest.raises(StoreCorrupt) as caught:
        FileHistoryStore.open(data_dir, now=clock)
    assert caught.value.backups == [good_backup]
    assert good_backup.name in str(caught.value)
    assert restore_newest_backup(caught.value.data_dir) == good_backup
    kept = sorted(data_dir.glob("history.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    assert oct(kept[0].stat().st_mode & 0o777) == "0o600"
    assert FileHistoryStore.open(data_dir, now=clock).sessions() == [record]


def test_damage_appearing_while_running_stops_saves_without_writing(store: FileHistoryStore) -> None:
    store.save_session(session_record(0))
    store.path.write_bytes(b'{"sessions": {"1": {"id": "x"}}')
    with pytest.raises(StoreCorrupt):
        store.save_session(session_record(1))
    with pytest.raises(StoreCorrupt):
        store.save_checkpoint({"id": "y"})
    with pytest.raises(StoreCorrupt):
        store.sessions()
    assert store.path.read_bytes() == b'{"sessions": {"1": {"id": "x"}}'


def test_an_extra_data_file_from_stock_tinydb_can_be_recovered(data_dir: Path, clock: FixedClock) -> None:
    newer = {"_default": {"1": {"n": 1}}, "sessions": {"1": session_record(0)}}
    older_tail = b', "2": {"n": 2}}}'  # what a killed stock write leaves after the shorter new JSON
    content = json.dumps(newer).encode() + older_tail
    put(data_dir, content)
    with pytest.raises(StoreCorrupt) as caught:
        FileHistoryStore.open(data_dir, now=clock)
    assert caught.value.extra_data_recoverable
    assert "can be recovered" in str(caught.value)
    kept = recover_extra_data(caught.value.data_dir)
    assert kept.read_bytes() == content
    store = FileHistoryStore.open(data_dir, now=clock)
    assert store.sessions() == [newer["sessions"]["1"]]
    assert orjson.loads(store.path.read_bytes())["_default"] == newer["_default"]


def test_a_file_that_is_only_damaged_cannot_be_recovered_as_extra_data(
    data_dir: Path, clock: FixedClock
) -> None:
    put(data_dir, DAMAGED["truncated"][0])
    with pytest.raises(StoreCorrupt) as caught:
        FileHistoryStore.open(data_dir, now=clock)
    assert not caught.value.extra_data_recoverable
    with pytest.raises(StoreError, match="does not start with a complete history"):
        recover_extra_data(caught.value.data_dir)
    with pytest.raises(StoreError, match="No readable backup"):
        restore_newest_backup(caught.value.data_dir)
    assert (data_dir / "history.json").read_bytes() == DAMAGED["truncated"][0]


def test_a_newer_file_is_left_alone_and_opens_read_only(data_dir: Path, clock: FixedClock) -> None:
    content = orjson.dumps({"_meta": {"1": {"schema_version": 9}}, "sessions": {"1": session_record(0)}})
    put(data_dir, content)
    with pytest.raises(StoreNewerVersion) as caught:
        FileHistoryStore.open(data_dir, now=clock)
    assert "newer version of Hearthside (format 9" in str(caught.value)
    assert str(data_dir / "history.json") in str(caught.value)
    reader = FileHistoryStore.open_read_only(caught.value.path.parent)
    assert reader.read_only and len(reader.sessions()) == 1
    with pytest.raises(StoreReadOnly, match="read-only"):
        reader.save_session(session_record(1))
    with pytest.raises(StoreReadOnly):
        reader.restore_backup(data_dir / "anything.json")
    assert (data_dir / "history.json").read_bytes() == content
    assert not (data_dir / "backups").exists()


def test_a_newer_version_written_by_another_process_stops_our_saves(store: FileHistoryStore) -> None:
    content = orjson.dumps({"_meta": {"1": {"schema_version": 4}}})
    store.path.write_bytes(content)
    with pytest.raises(StoreNewerVersion):
        store.save_session(session_record(0))
    assert store.path.read_bytes() == content


def test_restoring_over_a_healthy_file_backs_it_up_first(store: FileHistoryStore, clock: FixedClock) -> None:
    store.save_session(session_record(0))
    old = store.backup_now()
    clock.advance(minutes=5)
    store.save_session(session_record(1))
    current = store.path.read_bytes()
    kept = store.restore_backup(old)
    assert kept is not None and (kept / "history.json").read_bytes() == current and "before-restore" in kept.name
    assert len(store.sessions()) == 1


def test_an_unreadable_backup_is_refused_and_nothing_changes(store: FileHistoryStore) -> None:
    store.save_session(session_record(0))
    broken = store.path.parent / "backups" / "history-20260101T000000.000000Z-manual-0000.json"
    broken.parent.mkdir(mode=0o700, exist_ok=True)
    broken.write_bytes(b"{oops")
    before = file_state(store.path.parent)
    with pytest.raises(StoreError, match="cannot be used"):
        store.restore_backup(broken)
    assert file_state(store.path.parent) == before


def test_a_newer_backup_is_not_restored(store: FileHistoryStore) -> None:
    newer = store.path.parent / "newer.json"
    newer.write_bytes(orjson.dumps({"_meta": {"1": {"schema_version": 5}}}))
    before = store.path.read_bytes()
    with pytest.raises(StoreNewerVersion):
        store.restore_backup(newer)
    assert store.path.read_bytes() == before


def test_an_old_backup_is_migrated_when_restored(store: FileHistoryStore) -> None:
    old = Path(__file__).parent / "fixtures" / "history_v1.json"
    store.restore_backup(old)
    assert orjson.loads(store.path.read_bytes())["_meta"]["1"]["schema_version"] == 3
    assert len(store.sessions()) == 2
