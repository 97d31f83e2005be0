"""`HistoryStorage`, our TinyDB `Storage`: plain TinyDB-shaped JSON via orjson, atomic writes, one lock."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.store.backups import list_backups
from tui.store.errors import StoreConflict, StoreCorrupt
from tui.store.files import lock_path, read_bytes, write_atomic
from tui.store.history_json import Data, DocumentEncoder, HistoryDamaged, decode_history, encode_history
from tui.store.locking import StoreLock
from tui.store.record_schema import Unusable, split_history
from tui.store.set_aside import keep_set_aside

DEFAULT_LOCK_TIMEOUT = 10.0


class NoChange(Exception):
    """Raised by a change to leave the files as they are (nothing needed changing)."""


def keep_beside(path: Path, unusable: list[Unusable]) -> None:
    """Keep records left out of `path` in a set-aside file beside it (when no store asked to be told)."""
    keep_set_aside(path.parent, path.name, unusable, datetime.now(UTC))


def corrupt_error(path: Path, damage: HistoryDamaged) -> StoreCorrupt:
    """The user-facing error for a damaged file, listing the backups that exist."""
    return StoreCorrupt(
        path, damage.reason, list_backups(path), extra_data_recoverable=damage.extra_data_recoverable
    )


class HistoryStorage(Storage):
    """A TinyDB storage that reads fresh by path, writes atomically, and locks every read-modify-write.

    It remembers one parsed copy of the file (`shared()`), reused only while the bytes on disk are the
    very bytes it was parsed from; that copy is never changed in place (writers copy what they change).
    TinyDB reads, changes and writes with no lock in between, so `write` refuses (StoreConflict) when the
    file is no longer what this thread's last `read` saw: a change is saved whole or refused, never lost.
    """

    def __init__(
        self, path: str | Path, lock: StoreLock | None = None, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    ) -> None:
        self.path = Path(path)
        self.lock = lock or StoreLock(lock_path(self.path))
        self.lock_timeout = lock_timeout
        self._remembered: tuple[bytes, Data, list[Unusable]] | None = None
        self._encoder = DocumentEncoder()
        self._seen = threading.local()  # per thread: the bytes the last `read` returned data from
        self.on_set_aside: Callable[[Path, list[Unusable]], None] | None = None  # keeps them first

    def read(self) -> Data | None:
        """A fresh parse of the file, the caller's to change (None when there is no file); StoreCorrupt if
        damaged."""
        raw = read_bytes(self.path)
        self._seen.raw = raw
        if raw is None:
            return None
        try:
            return decode_history(raw)
        except HistoryDamaged as damage:
            raise corrupt_error(self.path, damage) from None

    def shared(self) -> Data:
        """The file's data read fresh by path but parsed only when its bytes changed; never change it.
        Records that do not fit their table's schema are left out (see `unusable_in_shared`)."""
        raw = read_bytes(self.path)
        if raw is None:
            return {}
        remembered = self._remembered
        if remembered is not None and remembered[0] == raw:
            return remembered[1]
        try:
            data, unusable = split_history(decode_history(raw))
        except HistoryDamaged as damage:
            raise corrupt_error(self.path, damage) from None
        self._remembered = (raw, data, unusable)
        return data

    def unusable_in_shared(self) -> list[Unusable]:
        """The records `shared()` last left out of the file's data (to set aside before a rewrite)."""
        remembered = self._remembered
        return [] if remembered is None else remembered[2]

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the whole file with `data`, under the lock, only if the file on disk is not damaged and
        is still what this thread last read (else StoreConflict, nothing written)."""
        with self.lock.hold(self.lock_timeout):
            current = read_bytes(self.path)
            if current != getattr(self._seen, "raw", current):
                raise StoreConflict(self.path)
            self.shared()
            raw = encode_history(data)
            write_atomic(self.path, raw)
            self._seen.raw = raw
            self._remembered = None  # TinyDB keeps changing its own dict

    def close(self) -> None:
        """Nothing stays open between calls."""

    def store(self, data: Data) -> None:
        """Replace the file with `data` (the caller holds the lock), remembered as the shared parse; records
        the last parse left out (`record_schema`) are handed to `on_set_aside` first, never dropped unkept."""
        self._set_aside_left_out()
        raw = self._encoder.encode(data)
        try:
            write_atomic(self.path, raw)
        except BaseException:
            self._encoder.forget()
            raise
        self._remembered = (raw, data, [])

    def _set_aside_left_out(self) -> None:
        """Keep what the file on disk now holds that does not fit: a reader without the lock may have
        remembered its parse of older bytes meanwhile, and then the file (small) is parsed again."""
        raw = read_bytes(self.path)
        remembered = self._remembered
        if raw is None:
            return
        if remembered is not None and remembered[0] == raw:
            unusable = remembered[2]
        else:
            try:
                unusable = split_history(decode_history(raw))[1]
            except HistoryDamaged as damage:
                raise corrupt_error(self.path, damage) from None
        if unusable:
            (self.on_set_aside or keep_beside)(self.path, unusable)
