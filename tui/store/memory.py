"""An in-memory history, used by tests and demos: it keeps nothing once the process ends."""

from __future__ import annotations

import copy
import threading
from typing import Any

from tui.store.records import summary_of


class InMemoryStore:
    """The history store's interface kept in a dict; clearly not durable, for tests and screenshots."""

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, dict[str, Any]] = {}
        self._follow_ups: dict[str, dict[str, Any]] = {}
        self._checkpoints: dict[str, dict[str, Any]] = {}
        self._settings: dict[str, Any] = dict(settings or {})
        self.warnings: list[str] = []

    def save_session(self, record: dict[str, Any]) -> None:
        """Keep a record (upsert by id), its follow-ups and reviews; drop its checkpoint."""
        with self._lock:
            self._sessions[record["id"]] = copy.deepcopy(record)
            for follow_up in record.get("follow_ups", []):
                self._follow_ups.setdefault(follow_up["id"], copy.deepcopy(follow_up))
            for review in record.get("reviews", []):
                target = self._follow_ups.get(review.get("follow_up_id", ""))
                if target is not None and review["status"] in ("kept", "let_go"):
                    target["status"] = review["status"]
                    target["status_changed_at"] = review.get("at", "")
            self._checkpoints.pop(record["id"], None)

    def sessions(self) -> list[dict[str, Any]]:
        """Every kept record, newest first."""
        with self._lock:
            records = [copy.deepcopy(record) for record in self._sessions.values()]
        return sorted(records, key=lambda record: record.get("started_at", ""), reverse=True)

    def session_summaries(self) -> list[dict[str, Any]]:
        """A light line per session, newest first, exactly as the durable store gives it."""
        return [summary_of(record) for record in self.sessions()]

    def session_count(self, finished_only: bool = True) -> int:
        """How many sessions the couple has had (finished ones, by default)."""
        counted = ("finished", "ended_early")
        with self._lock:
            return sum(1 for r in self._sessions.values() if not finished_only or r.get("status") in counted)

    def last_first_speaker(self) -> str | None:
        """Who started the most recent session, for rotation."""
        records = self.sessions()
        return records[0].get("first_speaker") if records else None

    def open_follow_ups(self) -> list[dict[str, Any]]:
        """Follow-ups still open, oldest first."""
        with self._lock:
            items = [copy.deepcopy(f) for f in self._follow_ups.values() if f.get("status") == "open"]
        return sorted(items, key=lambda item: item.get("created_at", ""))

    def set_follow_up_status(self, follow_up_id: str, status: str) -> None:
        """Mark a follow-up kept, let go or open."""
        with self._lock:
            if follow_up_id in self._follow_ups:
                self._follow_ups[follow_up_id]["status"] = status

    def load_settings(self) -> dict[str, Any]:
        """The saved settings."""
        with self._lock:
            return dict(self._settings)

    def save_settings(self, settings: dict[str, Any]) -> None:
        """Replace the saved settings."""
        with self._lock:
            self._settings = dict(settings)

    def save_checkpoint(self, snapshot: dict[str, Any]) -> None:
        """Keep the running session's snapshot."""
        with self._lock:
            self._checkpoints[snapshot["id"]] = copy.deepcopy(snapshot)

    def load_checkpoint(self) -> dict[str, Any] | None:
        """The newest unfinished session's snapshot, if any."""
        with self._lock:
            if not self._checkpoints:
                return None
            newest = max(self._checkpoints.values(), key=lambda snap: snap.get("saved_at", ""))
            return copy.deepcopy(newest)

    def discard_checkpoint(self, session_id: str) -> None:
        """Forget a checkpoint."""
        with self._lock:
            self._checkpoints.pop(session_id, None)

    def keep_unfinished(self, record: dict[str, Any]) -> None:
        """Keep an unfinished session in history and drop its checkpoint."""
        self.save_session(record)
