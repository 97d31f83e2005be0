"""An in-memory history, used by tests and demos: it keeps nothing once the process ends.

It holds the same tables as `history.json` and changes them through the same functions (`tui.store.tables`)
as `FileHistoryStore`, so what the app sees here is what the real store would do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import tui.store.tables as tables
from tui.core.clock import SystemClock, isoformat
from tui.store.errors import StoreNotFound
from tui.store.history_json import Data

WALL_CLOCK = SystemClock().now


class InMemoryStore:
    """The history store's interface kept in a dict; clearly not durable, for tests and screenshots."""

    def __init__(
        self, settings: dict[str, Any] | None = None, *, now: Callable[[], datetime] = WALL_CLOCK
    ) -> None:
        self._lock = threading.Lock()
        self._data: Data = {}
        self._now = now
        self.warnings: list[str] = []
        if settings:
            tables.replace_settings(self._data, tables.json_copy(settings, "settings"))

    def _now_iso(self) -> str:
        return isoformat(self._now())

    # -- sessions --------------------------------------------------------------------------------
    def save_session(self, record: dict[str, Any]) -> None:
        """Upsert a finished session by its "id", with its follow-ups and reviews, and drop its checkpoint."""
        document = tables.own_copy(record, "session record")
        with self._lock:
            tables.store_session(self._data, document)

    def keep_unfinished(self, record: dict[str, Any]) -> None:
        """Keep a session the couple left part-way in history, marked abandoned, and drop its checkpoint."""
        document = tables.own_copy(record, "session record")
        tables.mark_unfinished(document, self._now_iso())
        with self._lock:
            tables.store_session(self._data, document)

    def import_sessions(self, records: Iterable[dict[str, Any]]) -> int:
        """Upsert many session records at once; returns how many."""
        documents = [tables.own_copy(record, "session record") for record in records]
        with self._lock:
            for document in documents:
                tables.store_session(self._data, document)
        return len(documents)

    def sessions(self) -> list[dict[str, Any]]:
        """Every session kept, newest first (unfinished ones too); copies, the caller's to change."""
        with self._lock:
            return tables.detached(tables.sessions_newest_first(self._data))

    def session_summaries(self) -> list[dict[str, Any]]:
        """A light line per session, newest first, exactly as the durable store gives it."""
        with self._lock:
            return tables.summaries_newest_first(self._data)

    def session(self, session_id: str) -> dict[str, Any] | None:
        """One session by its id."""
        with self._lock:
            found = tables.find_session(self._data, session_id)
            return None if found is None else tables.detached(found)

    def session_count(self, finished_only: bool = True) -> int:
        """How many sessions: those that count as time made together (finished, ended early), or all."""
        with self._lock:
            return tables.session_count(self._data, finished_only)

    def last_first_speaker(self) -> str | None:
        """Who spoke first in the most recent session ("a" or "b"), for rotating who starts."""
        with self._lock:
            return tables.last_first_speaker(self._data)

    def delete_session(self, session_id: str) -> bool:
        """Delete one session, its checkpoint and the follow-ups it made; False if it was not there."""
        return self.delete_sessions([session_id]) == 1

    def delete_sessions(self, session_ids: Iterable[str]) -> int:
        """Delete sessions with their checkpoints and follow-ups; returns how many were found."""
        with self._lock:
            found, _removed_other = tables.delete_sessions(self._data, list(dict.fromkeys(session_ids)))
        return found

    # -- follow-ups ------------------------------------------------------------------------------
    def follow_ups(self) -> list[dict[str, Any]]:
        """Every follow-up, oldest first."""
        with self._lock:
            return tables.detached(tables.follow_ups_oldest_first(self._data))

    def open_follow_ups(self) -> list[dict[str, Any]]:
        """Promises, requests and wishes still open, oldest first."""
        return [item for item in self.follow_ups() if tables.is_open(item)]

    def set_follow_up_status(self, follow_up_id: str, status: str) -> None:
        """Mark a follow-up open, kept or let_go; not_yet keeps it open and notes that it was looked at."""
        with self._lock:
            if not tables.set_follow_up_status(self._data, follow_up_id, status, self._now_iso()):
                raise StoreNotFound(f"There is no follow-up {follow_up_id} in this in-memory history.")

    # -- settings --------------------------------------------------------------------------------
    def load_settings(self) -> dict[str, Any]:
        """The saved settings; empty when none yet."""
        with self._lock:
            return tables.detached(tables.settings_of(self._data))

    def save_settings(self, settings: dict[str, Any]) -> None:
        """Replace the saved settings with `settings`."""
        document = tables.json_copy(settings, "settings")
        with self._lock:
            tables.replace_settings(self._data, document)

    # -- the in-progress checkpoint ---------------------------------------------------------------
    def save_checkpoint(self, snapshot: dict[str, Any]) -> bool:
        """Upsert a running session's snapshot by its "id"; False (ignored) if it is already in history."""
        document = tables.own_copy(snapshot, "checkpoint")
        with self._lock:
            return tables.store_checkpoint(self._data, document)

    def load_checkpoint(self) -> dict[str, Any] | None:
        """The newest checkpoint of a session not yet in history, or None."""
        with self._lock:
            newest = tables.newest_checkpoint(self._data)
            return None if newest is None else tables.detached(newest)

    def checkpoints(self) -> list[dict[str, Any]]:
        """Every checkpoint of a session not yet in history (one per unfinished session), newest first."""
        with self._lock:
            return tables.detached(tables.checkpoints_newest_first(self._data))

    def discard_checkpoint(self, session_id: str) -> bool:
        """Forget the checkpoint of `session_id`; False if there was none."""
        with self._lock:
            return tables.discard_checkpoint(self._data, session_id)
