"""A fixed history for "Our time together": a year of sessions played by the real engine up to two days
before the tests' manual clock, a closing check-in added to every third one (the built-in scripts rate
only at the start), and a few follow-ups kept."""

from __future__ import annotations

from typing import Any

from history_support import LAST_DAY

from benchmarks.realistic_history import realistic_records
from tui.store.memory import InMemoryStore

SESSIONS = 240


def with_closing_checkin(record: dict[str, Any], index: int) -> dict[str, Any]:
    """The record with each partner rating again at its end (one higher, at most 5), as a script with a
    closing check-in keeps it."""
    first = {item["partner"]: item for item in reversed(record.get("checkins") or [])}
    step = len(record.get("steps") or [])
    later = [{**item, "step": step, "value": min(5, item["value"] + 1 + index % 2)} for item in first.values()]
    return {**record, "checkins": [*(record.get("checkins") or []), *later]}


def together_store(sessions: int = SESSIONS) -> InMemoryStore:
    """The couple's last year, the same on every run."""
    records = list(realistic_records(sessions, seed=7, years=1.0, last_day=LAST_DAY))
    records = [with_closing_checkin(record, index) if index % 3 == 0 else record for index, record in enumerate(records)]
    store = InMemoryStore()
    store.import_sessions(records)
    return store
