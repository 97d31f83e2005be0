"""The core's single definitions: the session record builder, which sessions count, how minutes read."""

from __future__ import annotations

import pytest
from engine_support import advance, script_from, started_session, through_json

from tui.core.events import Continue
from tui.core.session_record import RECORD_FORMAT, unfinished_record
from tui.core.session_status import (
    ABANDONED,
    ENDED_EARLY,
    FINISHED,
    RUNNING,
    SWITCHED,
    count_time_together,
    counts_as_time_together,
)
from tui.core.wording import minutes_text

TWO_TURNS = '[[steps]]\nkind = "turns"\nminutes = 10\n\n[[steps]]\nkind = "close"\n'


def test_a_record_from_a_snapshot_has_the_shape_of_a_running_sessions_record() -> None:
    session = started_session(script_from(TWO_TURNS))
    session.handle(Continue())
    advance(session, 620)  # 20 s of overtime
    session.handle(Continue())
    running = session.record()
    record = unfinished_record(through_json(session.snapshot()))
    assert list(record) == list(running)
    assert record["format"] == RECORD_FORMAT and record["status"] == ABANDONED
    for key in ("id", "script_id", "script_hash", "partners", "first_speaker", "started_at", "turns"):
        assert record[key] == running[key]
    assert record["speaking_seconds"] == running["speaking_seconds"]
    assert record["overtime_seconds"] == running["overtime_seconds"]
    assert sum(running["overtime_seconds"].values()) == 20 and len(running["turns"]) == 1
    assert record["ended_at"] == session.snapshot()["saved_at"]


@pytest.mark.parametrize(
    ("status", "counts"),
    [(FINISHED, True), (ENDED_EARLY, True), (ABANDONED, False), (SWITCHED, False), (RUNNING, False)],
)
def test_only_finished_and_ended_early_sessions_count(status: str, counts: bool) -> None:
    assert counts_as_time_together({"status": status}) is counts


def test_counting_time_together() -> None:
    statuses = [FINISHED, ABANDONED, ENDED_EARLY, SWITCHED, None]
    assert count_time_together({"status": status} for status in statuses) == 2


@pytest.mark.parametrize(("minutes", "text"), [(0.05, "1 min"), (1.4, "1 min"), (24.6, "25 min"), (90, "90 min")])
def test_planned_minutes_read_as_whole_minutes(minutes: float, text: str) -> None:
    assert minutes_text(minutes) == text
