"""What the couple made that is not on disk yet: session records and checkpoints queued for the store,
by the writer's numbers, so that a save that cannot be done is kept and can be put somewhere else."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SESSION, CHECKPOINT = "session", "checkpoint"
Record = dict[str, Any]


@dataclass
class UnsavedWork:
    """Queued writes that carry the couple's words, until the writer says each one is on disk."""

    _waiting: dict[int, tuple[str, str, Record]] = field(default_factory=dict)  # number: (kind, id, data)

    def queued(self, number: int, kind: str, data: Record) -> None:
        """Write `number` carries a session record or a checkpoint (SESSION or CHECKPOINT)."""
        self._waiting[number] = (kind, str(data.get("id", "")), data)

    def saved(self, number: int) -> None:
        """Write `number` is on disk; earlier writes of the same thing are outdated by it."""
        done = self._waiting.pop(number, None)
        if done is None:
            return
        kind, session_id, _data = done
        for earlier in [n for n, (k, i, _) in self._waiting.items() if n < number and (k, i) == (kind, session_id)]:
            del self._waiting[earlier]
        if kind == SESSION:  # a saved session outdates its checkpoints (the store drops them too)
            self.checkpoint_saved(session_id)

    def checkpoint_saved(self, session_id: str) -> None:
        """A checkpoint of `session_id` was written outside the queue (at hangup): none of it is waiting."""
        for number in [n for n, (k, i, _) in self._waiting.items() if (k, i) == (CHECKPOINT, session_id)]:
            del self._waiting[number]

    def put_elsewhere(self, numbers: list[int]) -> None:
        """These writes' data is kept in a file the couple chose: nothing of them is missing any more."""
        for number in numbers:
            self._waiting.pop(number, None)

    @property
    def numbers(self) -> list[int]:
        """The writes still waiting, oldest first."""
        return sorted(self._waiting)

    def __bool__(self) -> bool:
        return bool(self._waiting)

    def has_checkpoint_of(self, session_id: str) -> bool:
        """Whether a checkpoint of `session_id` is waiting."""
        return any((k, i) == (CHECKPOINT, session_id) for k, i, _ in self._waiting.values())

    def contents(self, running: Record | None = None) -> tuple[list[Record], list[Record]]:
        """The newest record of each unsaved session, and the newest checkpoint of each session with no
        record; `running` (the running session's snapshot now) stands in for its older checkpoints."""
        newest: dict[tuple[str, str], Record] = {}
        for number in sorted(self._waiting):
            kind, session_id, data = self._waiting[number]
            newest[(kind, session_id)] = data
        if running is not None and (CHECKPOINT, str(running.get("id", ""))) in newest:
            newest[(CHECKPOINT, str(running.get("id", "")))] = running
        recorded = {session_id for kind, session_id in newest if kind == SESSION}
        sessions = [data for (kind, _), data in newest.items() if kind == SESSION]
        checkpoints = [
            data for (kind, session_id), data in newest.items() if kind == CHECKPOINT and session_id not in recorded
        ]
        return sessions, checkpoints
