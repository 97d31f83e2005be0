"""One lock for every read-modify-write: a thread lock plus `fcntl.flock` on a lock file never deleted."""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tui.store.errors import StoreBusy, StoreError
from tui.store.files import FILE_MODE, read_bytes
from tui.store.odd_paths import not_a_file, plain_file_or_missing, unwritable

FIRST_RETRY_SECONDS = 0.002
LONGEST_RETRY_SECONDS = 0.025
LOCK_FILE = "history lock file"


class StoreLock:
    """Re-entrant in a thread; excludes other threads and processes; a bounded wait raises StoreBusy."""

    def __init__(self, lock_path: Path) -> None:
        self.path = lock_path
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._descriptor: int | None = None

    @contextlib.contextmanager
    def hold(self, timeout: float | None) -> Iterator[None]:
        """Hold the lock for the block, waiting at most `timeout` seconds (None waits for ever)."""
        started = time.monotonic()
        deadline = None if timeout is None else started + timeout
        if not self._thread_lock.acquire(timeout=-1 if timeout is None else max(timeout, 0.0)):
            raise StoreBusy(self.path, time.monotonic() - started)
        try:
            if self._depth == 0:
                self._descriptor = self._take_file_lock(started, deadline)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._descriptor is not None:
                    os.close(self._descriptor)  # closing releases the flock
                    self._descriptor = None
        finally:
            self._thread_lock.release()

    def _take_file_lock(self, started: float, deadline: float | None) -> int:
        descriptor = open_lock_file(self.path)
        pause = FIRST_RETRY_SECONDS
        try:
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    now = time.monotonic()
                    if deadline is not None and now >= deadline:
                        raise StoreBusy(self.path, now - started, other_holders(self.path)) from None
                    remaining = LONGEST_RETRY_SECONDS if deadline is None else deadline - now
                    time.sleep(min(pause, remaining))
                    pause = min(pause * 2, LONGEST_RETRY_SECONDS)
            note_holder(descriptor)
        except BaseException:
            os.close(descriptor)
            raise
        return descriptor


def open_lock_file(path: Path) -> int:
    """A descriptor of the lock file, made 0600 if missing. In a folder that cannot be written, an existing
    lock file is opened read-only (flock works on it, and nothing can be saved there anyway); when it
    cannot be made at all, StoreUnwritable says why. StoreOddFile when a folder or a FIFO is in its place."""
    plain_file_or_missing(path, LOCK_FILE)  # a folder, FIFO or dangling link: say so before opening
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC, FILE_MODE)
    except OSError as refused:
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            raise unwritable(path.parent, refused) from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise not_a_file(path, path, mode, LOCK_FILE)
    return descriptor


def other_holders(lock_path: Path) -> list[tuple[int, str]]:
    """(pid, command line) of the other processes that have the lock file open (a busy lock's holder)."""
    return [(pid, command) for pid, command in processes_holding_open(lock_path) if pid != os.getpid()]


def note_holder(descriptor: int) -> None:
    """Write our pid into the lock file, so `doctor` can say who last held it (never needed for safety)."""
    with contextlib.suppress(OSError):
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)


def lock_is_free(lock_path: Path, timeout: float) -> bool:
    """Whether the file lock can be taken within `timeout` seconds (taken and released at once)."""
    try:
        descriptor = os.open(lock_path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # flock needs no write
    except FileNotFoundError:
        return True
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(LONGEST_RETRY_SECONDS)
    finally:
        os.close(descriptor)


def last_holder_pid(lock_path: Path) -> int | None:
    """The pid written by the last process that took the lock, if any."""
    try:
        raw = read_bytes(lock_path)
    except (StoreError, OSError):
        return None
    text = (raw or b"").decode("ascii", errors="replace").strip()
    return int(text) if text.isdigit() else None


def processes_holding_open(path: Path) -> list[tuple[int, str]]:
    """(pid, command line) of processes with `path` open, found through /proc on Linux; empty elsewhere."""
    found: list[tuple[int, str]] = []
    target = str(path.resolve())
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            for link in (entry / "fd").iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(link) == target:
                        command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
                        found.append((int(entry.name), command.decode(errors="replace").strip()))
                        break
    return found
