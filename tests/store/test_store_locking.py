"""The lock: bounded waits raise StoreBusy with nothing lost; re-entrant; held by threads and processes."""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path

import pytest
from store_support import session_record

from tui.store import FileHistoryStore, StoreBusy


def hold_file_lock(path: Path) -> int:
    """Take the history lock on a separate descriptor, as another process would."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return descriptor


def test_a_save_waits_a_bounded_time_then_raises_store_busy(store: FileHistoryStore) -> None:
    record = session_record(0)
    before = store.path.read_bytes()
    descriptor = hold_file_lock(store.lock.path)
    try:
        with pytest.raises(StoreBusy) as caught:
            store.save_session(record, timeout=0.05)
        assert 0.05 <= caught.value.waited_seconds < 1.0
        assert "busy" in str(caught.value) and "Nothing was lost" in str(caught.value)
        with pytest.raises(StoreBusy):
            store.save_checkpoint({"id": "x"}, timeout=0)
        assert store.path.read_bytes() == before
        assert store.sessions() == []  # reads never wait for the lock
    finally:
        os.close(descriptor)
    store.save_session(record, timeout=0)  # the app's retry
    assert store.sessions() == [record]


def test_another_thread_holding_the_lock_makes_a_save_busy(store: FileHistoryStore) -> None:
    taken, release = threading.Event(), threading.Event()

    def holder() -> None:
        with store.lock.hold(timeout=None):
            taken.set()
            release.wait()

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert taken.wait(timeout=10)
        with pytest.raises(StoreBusy):
            store.save_session(session_record(0), timeout=0.02)
    finally:
        release.set()
        thread.join()
    store.save_session(session_record(0), timeout=0)


def test_the_lock_is_reentrant_in_one_thread(store: FileHistoryStore) -> None:
    with store.lock.hold(timeout=0):
        store.save_session(session_record(0), timeout=0)
        assert store.backup_now().exists()
    descriptor = hold_file_lock(store.lock.path)  # fully released afterwards
    os.close(descriptor)


def test_opening_is_busy_when_the_lock_is_held(data_dir: Path) -> None:
    FileHistoryStore.open(data_dir)
    descriptor = hold_file_lock(data_dir / "history.json.lock")
    try:
        with pytest.raises(StoreBusy):
            FileHistoryStore.open(data_dir, open_timeout=0.02)
    finally:
        os.close(descriptor)
