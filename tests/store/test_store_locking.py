"""The lock: bounded waits raise StoreBusy with nothing lost; re-entrant; held by threads and processes."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_support import session_record

from tui.store import FileHistoryStore, StoreBusy

REPO = Path(__file__).resolve().parents[2]


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


HOLD_THE_LOCK = """
import fcntl, os, sys
descriptor = os.open(sys.argv[1], os.O_RDWR)
fcntl.flock(descriptor, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()
"""


def test_a_busy_lock_names_the_other_process_holding_it(store: FileHistoryStore) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(store.lock.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(StoreBusy) as caught:
            store.save_session(session_record(0), timeout=0.05)
        assert [pid for pid, _command in caught.value.holders] == [holder.pid]  # never this process
        assert f"process {holder.pid} ({sys.executable} -c " in str(caught.value)
        assert "Nothing was lost" in str(caught.value) and "tried again" not in str(caught.value)
        starting = caught.value.when_starting()
        assert f"Another Hearthside is using the history in {store.lock.path.parent}" in starting
        assert f"process {holder.pid}" in starting and f"kill {holder.pid}" in starting
        assert "Nothing was changed" in starting and "tried again" not in starting
    finally:
        holder.kill()
        holder.wait()
    store.save_session(session_record(0), timeout=5.0)


READ_ONLY_OPEN = """
import sys
from tui.store import FileHistoryStore, StoreError
try:
    FileHistoryStore.open(sys.argv[1])
except StoreError as error:
    print(type(error).__name__, error)
"""


def as_a_user_who_cannot_write(folder: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Run `code` on `folder` as a user for whom `folder` is read-only (as root, the user nobody: root
    writes anywhere); the folder is left as it was found."""
    command = [sys.executable, "-c", code, str(folder)]
    if os.geteuid() == 0:
        os.chown(folder, 65534, 65534)
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    folder.chmod(0o500)
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=REPO, check=False)
    finally:
        folder.chmod(0o700)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder under /tmp that another user can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="hearthside-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_a_read_only_folder_without_a_lock_file_is_said_plainly(shared_tmp: Path) -> None:
    folder = shared_tmp / "hearthside"
    folder.mkdir(mode=0o700)
    result = as_a_user_who_cannot_write(folder, READ_ONLY_OPEN)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout.startswith(f"StoreUnwritable Hearthside cannot save in {folder}: ")
    assert "you are not allowed to create or change files in it" in result.stdout
    assert list(folder.iterdir()) == []
