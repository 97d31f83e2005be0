"""What the App needs from a history store, and the overview the home screen shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from tui.core.session_status import count_time_together


class HistoryStore(Protocol):
    """What the app needs from a history store: `tui.store.FileHistoryStore`, or `InMemoryStore` in tests."""

    def save_session(self, record: dict[str, Any]) -> None: ...
    def session_summaries(self) -> list[dict[str, Any]]: ...
    def session_count(self, finished_only: bool = True) -> int: ...
    def last_first_speaker(self) -> str | None: ...
    def open_follow_ups(self) -> list[dict[str, Any]]: ...
    def load_settings(self) -> dict[str, Any]: ...
    def save_settings(self, settings: dict[str, Any]) -> None: ...
    def save_checkpoint(self, snapshot: dict[str, Any]) -> None: ...
    def load_checkpoint(self) -> dict[str, Any] | None: ...
    def checkpoints(self) -> list[dict[str, Any]]: ...
    def keep_unfinished(self, record: dict[str, Any]) -> None: ...


@dataclass
class Overview:
    """What the home screen shows, read from the store in a worker."""

    sessions_together: int = 0
    open_follow_ups: int = 0
    follow_ups: list[dict[str, Any]] = field(default_factory=list)
    checkpoint: dict[str, Any] | None = None
    program_sittings_done: int = 0


def read_overview(store: HistoryStore, program_id: str) -> Overview:
    """Counts, open follow-ups, any checkpoint and program progress (run it in a worker: it reads disk)."""
    done = 0
    if program_id:
        done = count_time_together(
            record for record in store.session_summaries() if record.get("program_id") == program_id
        )
    follow_ups = store.open_follow_ups()
    return Overview(
        program_sittings_done=done,
        sessions_together=store.session_count(finished_only=True),
        open_follow_ups=len(follow_ups),
        follow_ups=follow_ups,
        checkpoint=store.load_checkpoint(),
    )
