"""Clocks injected into the engine so that tests move time instead of sleeping."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """A source of monotonic seconds (for durations) and wall-clock time (for records)."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards."""
        ...

    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware in UTC."""
        ...


class SystemClock:
    """The real clock: `time.monotonic` and the UTC wall clock."""

    def monotonic(self) -> float:
        """Seconds from `time.monotonic`."""
        return time.monotonic()

    def now(self) -> datetime:
        """The current UTC time."""
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to, for tests, snapshots and demos."""

    def __init__(self, start: datetime | None = None, monotonic_start: float = 1000.0) -> None:
        self._monotonic_seconds = monotonic_start
        self._wall_start = start or datetime(2026, 3, 14, 19, 30, tzinfo=UTC)
        self._monotonic_origin = monotonic_start

    def monotonic(self) -> float:
        """The current manual monotonic reading."""
        return self._monotonic_seconds

    def now(self) -> datetime:
        """Wall time that advances together with the monotonic reading."""
        return self._wall_start + timedelta(seconds=self._monotonic_seconds - self._monotonic_origin)

    def advance(self, seconds: float) -> None:
        """Move both clocks forward by `seconds` (never backwards)."""
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._monotonic_seconds += seconds


def isoformat(moment: datetime) -> str:
    """A compact ISO 8601 UTC string for records."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")
