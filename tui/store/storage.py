"""`HistoryStorage`, our TinyDB `Storage`: plain TinyDB-shaped JSON via orjson, atomic writes, one lock."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.store.backups import list_backups
from tui.store.errors import StoreCorrupt
from tui.store.files import lock_path, read_bytes, write_atomic
from tui.store.history_json import Data, DocumentEncoder, HistoryDamaged, decode_history, encode_history
from tui.store.locking import StoreLock
from tui.store.record_schema import Unusable, split_history

DEFAULT_LOCK_TIMEOUT = 10.0


class NoChange(Exception):
    """Raised inside `transaction()` to leave the file as it is (nothing needed changing)."""


def corrupt_error(path: Path, damage: HistoryDamaged) -> StoreCorrupt:
    """The user-facing error for a damaged file, listing the backups that exist."""
    return StoreCorrupt(
        path, damage.reason, list_backups(path), extra_data_recoverable=damage.extra_data_recoverable
    )


class HistoryStorage(Storage):
    """A TinyDB storage that reads fresh by path, writes atomically, and locks every read-modify-write.

    It remembers one parsed copy of the file (`shared()`), reused only while the bytes on disk are the
    very bytes it was parsed from; that copy is never changed in place (writers copy what they change).
    """

    def __init__(
        self, path: str | Path, lock: StoreLock | None = None, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    ) -> None:
        self.path = Path(path)
        self.lock = lock or StoreLock(lock_path(self.path))
        self.lock_timeout = lock_timeout
        self._remembered: tuple[bytes, Data, list[Unusable]] | None = None
        self._encoder = DocumentEncoder()

    def read(self) -> Data | None:
        """A fresh parse of the file, the caller's to change (None when there is no file); StoreCorrupt if
        damaged."""
        raw = read_bytes(self.path)
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
        """Replace the whole file with `data`, under the lock, only if the file on disk is not damaged."""
        with self.lock.hold(self.lock_timeout):
            self.shared()
            raw = encode_history(data)
            write_atomic(self.path, raw)
            self._remembered = None  # TinyDB keeps changing its own dict

    def close(self) -> None:
        """Nothing stays open between calls."""

    @contextlib.contextmanager
    def transaction(self, timeout: float | None = None) -> Iterator[Data]:
        """Yield the current data under the lock (each table a fresh dict; replace documents, never change
        them in place) and write it atomically after the block; an error writes nothing."""
        with self.lock.hold(self.lock_timeout if timeout is None else timeout):
            data = {name: dict(table) for name, table in self.shared().items()}
            try:
                yield data
            except NoChange:
                return
            except BaseException:
                self._remembered = None  # in case the block broke the copy-on-write rule
                self._encoder.forget()
                raise
            raw = self._encoder.encode(data)
            write_atomic(self.path, raw)
            self._remembered = (raw, data, [])
