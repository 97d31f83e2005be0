"""`pending.json`, the redo log: written before a change that touches several files, removed after the
last one (the live file) is written; found at the next change, the operation in it is run again."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from tui.store.errors import StoreCorrupt
from tui.store.files import fsync_folder, read_bytes, write_atomic
from tui.store.history_json import HistoryDamaged, decode_history, encode_history
from tui.store.layout import pending_path

PENDING_TABLE = "pending"


def write_pending(history: Path, entry: dict[str, Any]) -> None:
    """Log the operation (plain TinyDB-shaped JSON) before any of its files is written."""
    write_atomic(pending_path(history), encode_history({PENDING_TABLE: {"1": entry}}))


def read_pending(history: Path) -> dict[str, Any] | None:
    """The logged operation still to finish, or None."""
    path = pending_path(history)
    raw = read_bytes(path)
    if raw is None:
        return None
    try:
        data = decode_history(raw)
    except HistoryDamaged as damage:
        # write_atomic makes a torn pending.json impossible; a damaged one was changed by hand
        raise StoreCorrupt(path, damage.reason, []) from None
    return next(iter(data.get(PENDING_TABLE, {}).values()), None)


def clear_pending(history: Path) -> None:
    """The change is complete: remove the log, durably."""
    path = pending_path(history)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    fsync_folder(path.parent)
