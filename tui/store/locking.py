"""One lock for every read-modify-write: a thread lock plus `fcntl.flock` on a lock file never deleted."""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tui.store.errors import StoreBusy
from tui.store.files import FILE_MODE

FIRST_RETRY_SECONDS = 0.002
LONGEST_RETRY_SECONDS = 0.025


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
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
        pause = FIRST_RETRY_SECONDS
        try:
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    now = time.monotonic()
                    if deadline is not None and now >= deadline:
                        raise StoreBusy(self.path, now - started) from None
                    remaining = LONGEST_RETRY_SECONDS if deadline is None else deadline - now
                    time.sleep(min(pause, remaining))
                    pause = min(pause * 2, LONGEST_RETRY_SECONDS)
            note_holder(descriptor)
        except BaseException:
            os.close(descriptor)
            raise
        return descriptor


def note_holder(descriptor: int) -> None:
    """Write our pid into the lock file, so `doctor` can say who last held it (never needed for safety)."""
    with contextlib.suppress(OSError):
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)


def lock_is_free(lock_path: Path, timeout: float) -> bool:
    """Whether the file lock can be taken within `timeout` seconds (taken and released at once)."""
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CLOEXEC)
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
        text = lock_path.read_text(encoding="ascii", errors="replace").strip()
    except (FileNotFoundError, PermissionError):
        return None
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
