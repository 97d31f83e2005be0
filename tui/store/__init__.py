"""The history store: the only code that touches `history.json` (sessions, follow-ups, settings)."""

from __future__ import annotations

from tui.store.errors import (
    StoreBusy,
    StoreConflict,
    StoreCorrupt,
    StoreError,
    StoreInvalidRecord,
    StoreNewerVersion,
    StoreNotFound,
    StoreOddFile,
    StoreReadOnly,
    StoreUnwritable,
)
from tui.store.file_store import FileHistoryStore
from tui.store.storage import HistoryStorage

__all__ = [
    "FileHistoryStore",
    "HistoryStorage",
    "StoreBusy",
    "StoreConflict",
    "StoreCorrupt",
    "StoreError",
    "StoreInvalidRecord",
    "StoreNewerVersion",
    "StoreNotFound",
    "StoreOddFile",
    "StoreReadOnly",
    "StoreUnwritable",
]
