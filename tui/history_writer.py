"""Store writes run one at a time, in order, in a Textual thread worker; a failing write is kept and retried."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from textual.message import Message

from tui.store import StoreInvalidRecord, StoreReadOnly
from tui.store.writable import cannot_write_now, plain_reason

SAVE_RETRY_SECONDS = (0.2, 0.5, 1.0, 2.0, 4.0, 8.0)
SAVING_NOTICE_SECONDS = 1.0  # a write pending this long shows "saving..."; quicker ones pass unseen


class WriteDone(Message):
    """Write `number` is safely on disk; `then` runs next on the UI side."""

    def __init__(self, what: str, then: Callable[[], None] | None = None, number: int = 0) -> None:
        super().__init__()
        self.what = what
        self.then = then
        self.number = number


class WriteTrouble(Message):
    """Write `number` cannot be done now (it is kept and retried), or cannot succeed at all (`final`);
    `problem` is the error's own words, `reason` a few plain ones ("the disk is full")."""

    def __init__(self, what: str, problem: str, final: bool = False, number: int = 0, reason: str = "") -> None:
        super().__init__()
        self.what = what
        self.problem = problem
        self.final = final
        self.number = number
        self.reason = reason or problem


SAVED, REFUSED, CLOSING = "saved", "refused", "closing"
PERMANENT_ERRORS = (StoreReadOnly, StoreInvalidRecord)  # the same write would fail the same way again
QUICK_TRIES_FOR_A_REFUSING_DISK = 2  # a full or read-only disk is said after this many tries, not ~16 s
Write = tuple[int, str, Callable[..., None], tuple[Any, ...], Callable[[], None] | None]


class HistoryWriter:
    """Queues writes from the UI thread and drains them in one worker at a time, so a checkpoint never
    lands after its session was saved and the countdown never waits for the disk."""

    def __init__(
        self, start_worker: Callable[[Callable[[], None]], object], post: Callable[[Message], object]
    ) -> None:
        self._start_worker = start_worker
        self._post = post
        self._queue: deque[Write] = deque()
        self._lock = threading.Lock()
        self._running = False
        self._closing = threading.Event()
        self.pending = 0
        self.numbered = 0  # how many writes were ever queued: each write's number
        self._pending_since: float | None = None
        self.retry_seconds: tuple[float, ...] = SAVE_RETRY_SECONDS
        self.notice_after = SAVING_NOTICE_SECONDS

    @property
    def has_pending(self) -> bool:
        """Whether any write has not reached the disk yet."""
        return self.pending > 0

    @property
    def saving(self) -> bool:
        """Whether a write has waited long enough to say "saving..."."""
        if self.pending == 0 or self._pending_since is None:
            return False
        return time.monotonic() - self._pending_since >= self.notice_after

    def write(
        self, what: str, call: Callable[..., None], *args: Any, then: Callable[[], None] | None = None
    ) -> int:
        """Queue `call(*args)` (from the UI thread); a worker starts if none is draining. Returns the
        write's number, which its `WriteDone` or `WriteTrouble` carries."""
        if self.pending == 0:
            self._pending_since = time.monotonic()
        self.pending += 1
        self.numbered += 1
        number = self.numbered
        with self._lock:
            self._queue.append((number, what, call, args, then))
            if not self._running:
                self._running = True
                self._start_worker(self._drain)
        return number

    def finished(self) -> None:
        """Count one write as done (the UI thread calls this on `WriteDone`)."""
        self.pending = max(0, self.pending - 1)
        self._pending_since = time.monotonic() if self.pending else None

    def _drain(self) -> None:
        """Run queued writes in order, then end (so waiting for workers never waits forever)."""
        while True:
            with self._lock:
                if not self._queue or self._closing.is_set():
                    self._running = False
                    return
                number, what, call, args, then = self._queue.popleft()
            outcome = self._attempt(number, what, call, args)
            if outcome == CLOSING:
                return
            if outcome == SAVED:
                self._post(WriteDone(what, then, number))

    def _attempt(self, number: int, what: str, call: Callable[..., None], args: tuple[Any, ...]) -> str:
        """Try one write until it succeeds (SAVED), cannot succeed (REFUSED) or the app closes (CLOSING)."""
        attempt = 0
        told = False
        while True:
            try:
                call(*args)
                return SAVED
            except PERMANENT_ERRORS as error:  # retrying cannot help: say so once, go on
                problem = str(error) or type(error).__name__
                self._post(WriteTrouble(what, problem, final=True, number=number, reason=plain_reason(error)))
                return REFUSED
            except Exception as error:  # a busy lock or a failing disk: keep the data and try again
                pauses = self.retry_seconds
                quick_tries = QUICK_TRIES_FOR_A_REFUSING_DISK if cannot_write_now(error) else len(pauses) + 1
                if not told and attempt + 1 >= min(quick_tries, len(pauses) + 1):  # tell once; keep trying
                    told = True
                    problem = str(error) or type(error).__name__
                    self._post(WriteTrouble(what, problem, number=number, reason=plain_reason(error)))
                if self._closing.wait(pauses[min(attempt, len(pauses) - 1)]):
                    return CLOSING  # the last checkpoint on disk stands
                attempt += 1

    def restart(self) -> None:
        """The draining worker died (the App saw it fail): let the queued writes start again."""
        with self._lock:
            self._running = bool(self._queue) and not self._closing.is_set()
            if self._running:
                self._start_worker(self._drain)

    def close(self) -> None:
        """Stop retrying (the app is ending); a write in progress finishes, queued ones are not begun."""
        self._closing.set()
        with self._lock:
            self._queue.clear()
