"""What the App needs from a history store, and the overview the home screen shows."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from tui.core.frozen import frozen
from tui.core.wording import date_in_words, local_date

CONTINUE_IT, KEEP_FOR_LATER, START_FRESH = "continue", "later", "fresh"  # answers about an unfinished one
MAX_CONTINUE_LINES = 2  # home lists this many unfinished sessions, then "and N more" (it fits at 80x24)


class HistoryStore(Protocol):
    """What the app needs from a history store: `tui.store.FileHistoryStore`, or `InMemoryStore` in tests."""

    def save_session(self, record: dict[str, Any]) -> None: ...
    def session_summaries(self) -> list[dict[str, Any]]: ...
    def session_count(self, finished_only: bool = True) -> int: ...
    def program_sittings(self, program_id: str) -> int: ...
    def last_first_speaker(self) -> str | None: ...
    def open_follow_ups(self) -> list[dict[str, Any]]: ...
    def follow_ups(self) -> list[dict[str, Any]]: ...
    def summaries_and_follow_ups_by_year(self) -> Iterator[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]]: ...
    def set_follow_up_status(self, follow_up_id: str, status: str) -> None: ...
    def load_settings(self) -> dict[str, Any]: ...
    def save_settings(self, settings: dict[str, Any]) -> None: ...
    def save_checkpoint(self, snapshot: dict[str, Any]) -> None: ...
    def load_checkpoint(self) -> dict[str, Any] | None: ...
    def checkpoints(self) -> list[dict[str, Any]]: ...
    def keep_unfinished(self, record: dict[str, Any]) -> None: ...
    def session(self, session_id: str, started_at: str | None = None) -> dict[str, Any] | None: ...
    def session_detail(
        self, session_id: str, started_at: str | None = None
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]: ...
    def search(self, text: str) -> Iterator[list[dict[str, Any]]]: ...
    def prepare_search(self) -> int: ...
    def summaries_by_year(self) -> Iterator[list[dict[str, Any]]]: ...
    def delete_session(self, session_id: str) -> bool: ...
    def questions_seen_since(self, since: str) -> dict[str, list[str]]: ...
    def a_past_appreciation(self, rng: random.Random) -> dict[str, Any] | None: ...


@dataclass
class Overview:
    """What the home screen shows, read from the store in a worker."""

    sessions_together: int = 0
    open_follow_ups: int = 0
    follow_ups: list[dict[str, Any]] = field(default_factory=list)
    checkpoints: list[dict[str, Any]] = field(
        default_factory=list
    )  # one per unfinished session, newest first
    program_sittings_done: int = 0
    remembered: dict[str, Any] | None = None  # one past appreciation, chosen at random (remember when)

    @property
    def checkpoint(self) -> dict[str, Any] | None:
        """The newest unfinished session's checkpoint, if there is one."""
        return self.checkpoints[0] if self.checkpoints else None

    def forget_checkpoint(self, session_id: str) -> None:
        """Stop offering one unfinished session (it is being continued, or is kept in history now)."""
        self.checkpoints = [snapshot for snapshot in self.checkpoints if snapshot.get("id") != session_id]


@frozen
class Unfinished:
    """An unfinished session as the couple knows it: the script's title and when they left it."""

    session_id: str
    title: str
    left: str  # "today at 21:40", "last Tuesday at 9:05"
    step: int = 1  # the step they were at, counted from 1


def left_when(saved_at: str, now: datetime) -> str:
    """When a session was left, in words and local time ("today at 21:40"); "some time ago" if unknown."""
    day = local_date(saved_at)
    if day is None:
        return "some time ago"
    moment = datetime.fromisoformat(saved_at)
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return f"{date_in_words(day, now.astimezone().date())} at {local.hour}:{local.minute:02d}"


def unfinished_of(snapshot: dict[str, Any], title: str, now: datetime) -> Unfinished:
    """How to name one checkpoint's session: `title` is its script's title."""
    step = snapshot.get("step_index")
    return Unfinished(
        str(snapshot.get("id", "")),
        title,
        left_when(str(snapshot.get("saved_at") or ""), now),
        step + 1 if isinstance(step, int) and step >= 0 else 1,
    )


def read_overview(store: HistoryStore, program_id: str, rng: random.Random | None = None) -> Overview:
    """Counts, open follow-ups, every unfinished session's checkpoint and program progress, all from the
    store's live part, and with `rng` one past appreciation (one index and one year file; run it in a
    worker: it reads disk)."""
    done = store.program_sittings(program_id) if program_id else 0
    follow_ups = store.open_follow_ups()
    return Overview(
        remembered=store.a_past_appreciation(rng) if rng is not None else None,
        program_sittings_done=done,
        sessions_together=store.session_count(finished_only=True),
        open_follow_ups=len(follow_ups),
        follow_ups=follow_ups,
        checkpoints=store.checkpoints(),
    )
