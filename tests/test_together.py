"""Our time together, as pure functions of summaries: totals that only grow, the weeks, the days met, energy
before and after, and speaking time as a shared whole; and the summary's check-ins (tables.checkins_of)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tui.core.together import (
    CALENDAR_WEEKS,
    WEEKS_SHOWN,
    MonthSpeaking,
    monday_of,
    months_back,
    time_together,
)
from tui.store.record_schema import SCHEMAS, document_problem
from tui.store.tables import checkins_of, summary_of

TODAY = date(2026, 3, 14)  # a Saturday


def summary(
    day: date,
    minutes: float = 20,
    status: str = "finished",
    *,
    appreciations: int = 0,
    speaking: dict[str, float] | None = None,
    checkins: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A session's summary as the store keeps it, started at 19:00 UTC on `day`."""
    return {
        "id": f"s-{day}-{minutes}-{status}",
        "status": status,
        "started_at": datetime(day.year, day.month, day.day, 19, tzinfo=UTC).isoformat(),
        "duration_seconds": minutes * 60,
        "counts": {"appreciations": appreciations},
        "speaking_seconds": speaking,
        "checkins": checkins,
    }


def together(summaries: list[dict[str, Any]], follow_ups: list[dict[str, Any]] | None = None) -> Any:
    return time_together(summaries, follow_ups or [], TODAY, UTC)


def test_an_empty_history_is_empty_and_has_nothing_to_draw() -> None:
    shown = together([])
    assert shown.is_empty
    assert shown.totals.sessions == shown.totals.minutes == 0 and shown.totals.since is None
    assert [minutes for _, minutes in shown.weeks] == [0] * WEEKS_SHOWN
    assert shown.days_met == {} and shown.energy == [] and shown.speaking == []


def test_totals_count_sessions_together_minutes_appreciations_and_kept_promises() -> None:
    summaries = [
        summary(TODAY, 30, appreciations=2),
        summary(TODAY - timedelta(days=400), 45, "ended_early", appreciations=1),
        summary(TODAY - timedelta(days=1), 15, "abandoned", appreciations=5),  # not time together
    ]
    follow_ups = [
        {"kind": "promise", "status": "kept"},
        {"kind": "request", "status": "kept"},
        {"kind": "wish", "status": "kept"},  # a wish is not a promise
        {"kind": "promise", "status": "open"},
        {"kind": "promise", "status": "let_go"},
    ]
    totals = together(summaries, follow_ups).totals
    assert (totals.sessions, totals.minutes, totals.appreciations, totals.promises_kept) == (2, 75, 3, 2)
    assert totals.since == TODAY - timedelta(days=400)


def test_weekly_minutes_are_twelve_weeks_monday_to_sunday_ending_this_week() -> None:
    this_monday = monday_of(TODAY)
    summaries = [
        summary(TODAY, 20),
        summary(this_monday, 10),
        summary(this_monday - timedelta(days=1), 25),  # last Sunday: the week before
        summary(this_monday - timedelta(weeks=WEEKS_SHOWN), 99),  # too long ago
    ]
    weeks = together(summaries).weeks
    assert len(weeks) == WEEKS_SHOWN
    assert weeks[-1] == (this_monday, 30)
    assert weeks[-2] == (this_monday - timedelta(weeks=1), 25)
    assert weeks[0][0] == this_monday - timedelta(weeks=WEEKS_SHOWN - 1)
    assert sum(minutes for _, minutes in weeks) == 55


def test_the_calendar_covers_a_year_of_weeks_and_counts_sessions_a_day() -> None:
    summaries = [summary(TODAY), summary(TODAY, 10), summary(TODAY - timedelta(days=3)), summary(TODAY - timedelta(days=800))]
    shown = together(summaries)
    assert shown.calendar_start == monday_of(TODAY) - timedelta(weeks=CALENDAR_WEEKS - 1)
    assert shown.calendar_start.weekday() == 0
    assert shown.days_met == {TODAY: 2, TODAY - timedelta(days=3): 1}


def test_days_are_read_in_the_given_zone() -> None:
    late = {**summary(TODAY), "started_at": "2026-03-13T23:30:00+00:00"}
    assert time_together([late], [], TODAY, UTC).days_met == {date(2026, 3, 13): 1}
    from datetime import timezone

    assert time_together([late], [], TODAY, timezone(timedelta(hours=2))).days_met == {TODAY: 1}


def test_energy_is_the_couples_average_before_and_after_month_by_month() -> None:
    summaries = [
        summary(TODAY, checkins={"before": {"a": 2, "b": 4}, "after": {"a": 4, "b": 5}}),
        summary(TODAY - timedelta(days=1), checkins={"before": {"a": 3, "b": 3}, "after": {}}),
        summary(date(2026, 1, 10), checkins={"before": {"a": 1}, "after": {"a": 2}}),
        summary(date(2026, 2, 10)),  # an older summary without check-ins: left out
    ]
    energy = together(summaries).energy
    assert [item.month for item in energy] == [date(2026, 1, 1), date(2026, 3, 1)]
    assert (energy[0].before, energy[0].after) == (1.0, 2.0)
    assert energy[1].before == 3.0 and energy[1].after == 4.5


def test_speaking_time_is_a_shared_whole_per_month() -> None:
    summaries = [
        summary(TODAY, speaking={"a": 600, "b": 400}),
        summary(TODAY - timedelta(days=2), speaking={"a": 0, "b": 1000}),
        summary(TODAY - timedelta(days=3)),  # no speaking time kept
    ]
    (month,) = together(summaries).speaking
    assert month == MonthSpeaking(date(2026, 3, 1), 600.0, 1400.0)
    assert month.a_share == 0.3
    assert MonthSpeaking(date(2026, 3, 1), 0, 0).a_share == 0.5


def test_months_back_crosses_the_year() -> None:
    assert months_back(date(2026, 2, 27), 3) == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]


def test_odd_summaries_are_skipped_not_fatal() -> None:
    odd = [
        {"status": "finished"},
        {"status": "finished", "started_at": "not a date", "duration_seconds": 60},
        {**summary(TODAY), "duration_seconds": "long", "counts": None, "checkins": "x", "speaking_seconds": []},
        {**summary(TODAY), "duration_seconds": True, "checkins": {"before": {"a": 9, "b": "3"}}},
    ]
    shown = together(odd)
    assert shown.totals.sessions == 2 and shown.totals.minutes == 0
    assert shown.energy == [] and shown.speaking == []


days = st.dates(min_value=date(2020, 1, 1), max_value=TODAY)
statuses = st.sampled_from(["finished", "ended_early", "abandoned", "switched"])


@given(st.lists(st.tuples(days, st.integers(0, 120), statuses), max_size=40), st.tuples(days, st.integers(0, 120), statuses))
def test_totals_only_grow_as_sessions_are_added(sessions: list[tuple[date, int, str]], added: tuple[date, int, str]) -> None:
    before = together([summary(*entry) for entry in sessions]).totals
    after = together([summary(*entry) for entry in [*sessions, added]]).totals
    assert after.sessions >= before.sessions and after.minutes >= before.minutes
    assert after.appreciations >= before.appreciations
    shown = together([summary(*entry) for entry in sessions])
    assert sum(shown.days_met.values()) <= shown.totals.sessions
    assert all(shown.calendar_start <= day <= TODAY for day in shown.days_met)


def test_checkins_of_takes_each_partners_first_and_last_rating() -> None:
    record = {
        "checkins": [
            {"step": 0, "partner": "a", "value": 2},
            {"step": 0, "partner": "b", "value": 3},
            {"step": 4, "partner": "a", "value": 4},
            {"step": 5, "partner": "a", "value": 5},
            {"step": 5, "partner": "x", "value": 5},
            {"step": 5, "partner": "b", "value": True},
            "odd",
        ]
    }
    assert checkins_of(record) == {"before": {"a": 2, "b": 3}, "after": {"a": 5}}
    assert checkins_of({"checkins": []}) is None
    assert checkins_of({}) is None


def test_a_summary_carries_its_checkins_and_fits_the_schema() -> None:
    record = {
        "id": "one",
        "status": "finished",
        "checkins": [{"partner": "a", "value": 3}, {"partner": "b", "value": 4}, {"partner": "a", "value": 5}],
    }
    made = summary_of(record)
    assert made["checkins"] == {"before": {"a": 3, "b": 4}, "after": {"a": 5}}
    assert document_problem(SCHEMAS["summaries"], made) is None
    assert document_problem(SCHEMAS["summaries"], {**made, "checkins": {"before": {"a": "3"}}}) is not None
