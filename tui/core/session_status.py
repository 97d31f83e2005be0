"""A session's statuses, and the one rule for which kept sessions count as time made together."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

NOT_STARTED = "not_started"
RUNNING = "running"
FINISHED = "finished"  # every step done
ENDED_EARLY = "ended_early"  # ended on purpose before the last step; kept as a real session
ABANDONED = "abandoned"  # quit part-way; kept, marked unfinished
SWITCHED = "switched"  # left for a gentler script after a low check-in
ENDED = (FINISHED, ENDED_EARLY, ABANDONED, SWITCHED)
COUNTED_STATUSES = (FINISHED, ENDED_EARLY)  # what "sessions together" and program progress count


def counts_as_time_together(record: Mapping[str, Any]) -> bool:
    """Whether a kept session (record or summary) counts: finished, or ended early on purpose."""
    return record.get("status") in COUNTED_STATUSES


def count_time_together(records: Iterable[Mapping[str, Any]]) -> int:
    """How many of `records` count as time made together."""
    return sum(1 for record in records if counts_as_time_together(record))
