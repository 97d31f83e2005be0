"""Odd things where the history should be (a folder, a FIFO, a socket, a link): an explanation, never a
traceback, a hang or a silent overwrite; a history kept elsewhere through a link keeps working."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from store_support import FixedClock, session_record

from tui.store import FileHistoryStore, StoreOddFile
from tui.store.doctor import run_doctor
from tui.store.files import history_home, read_bytes, write_atomic

HANG_LIMIT_SECONDS = 10.0


def doctor(data_dir: Path) -> tuple[int, str]:
    """The exit code and the printed text of `doctor`."""
    out = io.StringIO()
    code = run_doctor(data_dir, out, lock_timeout=0.02)
    return code, out.getvalue()


def without_hanging(call: Callable[[], Any], fifo: Path) -> Any:
    """`call()` in a thread; if it is still blocked after the limit, a writer opens `fifo` to free it and
    the test fails (so a hang fails the test instead of stopping the suite)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed back to the test below
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_LIMIT_SECONDS)
    if thread.is_alive():
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(HANG_LIMIT_SECONDS)
        pytest.fail(f"{call} hung on the FIFO {fifo}")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def folder(data_dir: Path) -> Path:
    """The data folder, made private, with nothing in it yet."""
    data_dir.mkdir(mode=0o700)
    return data_dir


@pytest.fixture
def unix_socket(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A listening Unix socket where history.json should be (bound by a short relative name)."""
    monkeypatch.chdir(folder)
    listener = socket.socket(socket.AF_UNIX)
    listener.bind("history.json")
    yield folder / "history.json"
    listener.close()


def test_a_folder_named_history_json_is_explained_and_left_alone(folder: Path, clock: FixedClock) -> None:
    (folder / "history.json").mkdir()
    (folder / "history.json" / "inside.txt").write_text("mine")
    with pytest.raises(StoreOddFile) as caught:
        FileHistoryStore.open(folder, now=clock)
    assert caught.value.path == folder / "history.json"
    assert "is a folder, not a file" in str(caught.value)
    assert f"mv '{folder / 'history.json'}'" in caught.value.fix
    assert (folder / "history.json" / "inside.txt").read_text() == "mine"
    code, text = doctor(folder)
    assert code == 1 and "is a folder, not a file" in text and "All good" not in text
    assert "Traceback" not in text


def test_a_fifo_named_history_json_neither_hangs_the_store_nor_doctor(folder: Path, clock: FixedClock) -> None:
    fifo = folder / "history.json"
    os.mkfifo(fifo, 0o600)
    with pytest.raises(StoreOddFile) as caught:
        without_hanging(lambda: FileHistoryStore.open(folder, now=clock), fifo)
    assert "is a named pipe (FIFO), not a file" in str(caught.value)
    with pytest.raises(StoreOddFile):
        without_hanging(lambda: read_bytes(fifo), fifo)
    code, text = without_hanging(lambda: doctor(folder), fifo)
    assert code == 1 and "named pipe (FIFO)" in text and "All good" not in text
    assert fifo.is_fifo()


def test_a_socket_named_history_json_is_explained(unix_socket: Path, clock: FixedClock) -> None:
    with pytest.raises(StoreOddFile, match="is a socket, not a file"):
        FileHistoryStore.open(unix_socket.parent, now=clock)
    assert unix_socket.is_socket()


def test_a_link_to_a_device_is_explained_and_never_written(folder: Path, clock: FixedClock) -> None:
    (folder / "history.json").symlink_to("/dev/null")
    with pytest.raises(StoreOddFile, match="/dev/null, which is a character device"):
        FileHistoryStore.open(folder, now=clock)
    with pytest.raises(StoreOddFile):
        write_atomic(folder / "history.json", b"{}")
    assert (folder / "history.json").is_symlink()


def test_writing_over_a_folder_is_refused_plainly(folder: Path) -> None:
    (folder / "years").mkdir()
    with pytest.raises(StoreOddFile, match="is a folder, not a file"):
        write_atomic(folder / "years", b"{}")
    assert (folder / "years").is_dir()
    assert [path.name for path in folder.iterdir()] == ["years"]  # no temp file left


def test_a_history_kept_on_another_disk_through_a_link_keeps_receiving_sessions(
    tmp_path: Path, folder: Path, clock: FixedClock
) -> None:
    other_disk = tmp_path / "other-disk"
    other_disk.mkdir(mode=0o700)
    first = FileHistoryStore.open(other_disk, now=clock)
    earlier = session_record(0)
    first.save_session(earlier)
    (folder / "history.json").symlink_to(other_disk / "history.json")
    store = FileHistoryStore.open(folder, now=clock)
    second = session_record(1)
    store.save_session(second)
    store.save_checkpoint({"id": "running", "started_at": "2026-03-16T19:30:00+00:00"})
    assert (folder / "history.json").is_symlink()
    assert os.readlink(folder / "history.json") == str(other_disk / "history.json")
    on_the_other_disk = FileHistoryStore.open(other_disk, now=clock)
    assert on_the_other_disk.sessions() == [second, earlier]
    assert on_the_other_disk.load_checkpoint() == {"id": "running", "started_at": "2026-03-16T19:30:00+00:00"}
    assert history_home(folder) == other_disk
    assert store.lock.path == other_disk / "history.json.lock"  # one lock, whichever way it is reached
    assert not [path for path in folder.iterdir() if ".tmp-" in path.name]
    assert not [path for path in other_disk.iterdir() if ".tmp-" in path.name]


def test_a_dangling_link_names_the_missing_target_and_writes_nothing(
    tmp_path: Path, folder: Path, clock: FixedClock
) -> None:
    unmounted = tmp_path / "usb-drive" / "hearthside" / "history.json"
    (folder / "history.json").symlink_to(unmounted)
    with pytest.raises(StoreOddFile) as caught:
        FileHistoryStore.open(folder, now=clock)
    assert f"it is a link to {unmounted}, which does not exist" in str(caught.value)
    assert "mount" in caught.value.fix.lower()
    with pytest.raises(StoreOddFile):
        read_bytes(folder / "history.json")
    with pytest.raises(StoreOddFile):
        history_home(folder)
    assert (folder / "history.json").is_symlink() and not unmounted.exists()
    assert not (tmp_path / "usb-drive").exists()
    code, text = doctor(folder)
    assert code == 1 and str(unmounted) in text and "All good" not in text


def test_a_link_in_a_loop_is_explained(folder: Path, clock: FixedClock) -> None:
    (folder / "history.json").symlink_to(folder / "other.json")
    (folder / "other.json").symlink_to(folder / "history.json")
    with pytest.raises(StoreOddFile, match="loop"):
        FileHistoryStore.open(folder, now=clock)
    code, text = doctor(folder)
    assert code == 1 and "loop" in text


def test_a_symlinked_data_folder_keeps_working(tmp_path: Path, clock: FixedClock) -> None:
    real = tmp_path / "real-folder"
    real.mkdir(mode=0o700)
    linked = tmp_path / "linked-folder"
    linked.symlink_to(real)
    store = FileHistoryStore.open(linked, now=clock)
    record = session_record(0)
    store.save_session(record)
    assert linked.is_symlink()
    assert FileHistoryStore.open(real, now=clock).sessions() == [record]
    assert history_home(linked) == linked
    code, text = doctor(linked)
    assert code == 0, text


def test_a_dangling_data_folder_link_is_explained(tmp_path: Path, clock: FixedClock) -> None:
    linked = tmp_path / "linked-folder"
    linked.symlink_to(tmp_path / "unmounted")
    with pytest.raises(StoreOddFile, match="which does not exist"):
        FileHistoryStore.open(linked, now=clock)
    assert not (tmp_path / "unmounted").exists()
    code, text = doctor(linked)
    assert code == 1 and str(tmp_path / "unmounted") in text


def test_a_folder_where_the_lock_file_should_be_is_explained(folder: Path, clock: FixedClock) -> None:
    (folder / "history.json.lock").mkdir()
    with pytest.raises(StoreOddFile, match="is a folder, not a file"):
        FileHistoryStore.open(folder, now=clock)
    code, text = doctor(folder)
    assert code == 1 and "history.json.lock" in text and "Traceback" not in text
