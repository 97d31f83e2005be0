"""Our time together: totals that only grow, minutes per week, the days met, energy before and after, and
how the speaking time was shared. Pure functions of the store's session summaries and follow-ups."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import date, timedelta, tzinfo
from typing import Any

from tui.core.follow_ups import ASKS
from tui.core.frozen import frozen
from tui.core.session_status import COUNTED_STATUSES
from tui.core.wording import local_date

WEEKS_SHOWN = 12  # the bar chart: minutes together in each of the last 12 weeks
CALENDAR_WEEKS = 53  # the heat map: a year of weeks, ending with this one (as GitHub draws it)
MONTHS_SHOWN = 12  # energy and speaking time: month by month, the last 12 months


@frozen
class Totals:
    """Counts that only grow: sessions that count as time together, their minutes, appreciations given,
    promises and requests kept, and the first day they met here (None before any session)."""

    sessions: int = 0
    minutes: int = 0
    appreciations: int = 0
    promises_kept: int = 0
    since: date | None = None


@frozen
class MonthEnergy:
    """The couple's average check-in (1-5, both partners together) before and after their sessions in one
    month; None where nobody rated at that point."""

    month: date
    before: float | None
    after: float | None


@frozen
class MonthSpeaking:
    """How one month's speaking time was shared: each partner's seconds (a whole of two parts)."""

    month: date
    a_seconds: float
    b_seconds: float

    @property
    def a_share(self) -> float:
        """Partner a's part of the whole, 0 to 1."""
        whole = self.a_seconds + self.b_seconds
        return self.a_seconds / whole if whole else 0.5


@frozen
class TimeTogether:
    """Everything the screen shows, for `today`."""

    today: date
    totals: Totals
    weeks: list[tuple[date, int]] = field(default_factory=list)  # (Monday, minutes), oldest first
    days_met: dict[date, int] = field(default_factory=dict)  # sessions per day in the calendar's span
    calendar_start: date = date.min  # the Monday the heat map starts on
    energy: list[MonthEnergy] = field(default_factory=list)  # months with a rating, oldest first
    speaking: list[MonthSpeaking] = field(default_factory=list)  # months with speaking time, oldest first

    @property
    def is_empty(self) -> bool:
        """No session counts yet."""
        return self.totals.sessions == 0


def monday_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def month_of(day: date) -> date:
    """The first of `day`'s month."""
    return day.replace(day=1)


def months_back(today: date, count: int) -> list[date]:
    """The firsts of the last `count` months, oldest first, ending with today's month."""
    months = [month_of(today)]
    while len(months) < count:
        previous = months[-1] - timedelta(days=1)
        months.append(previous.replace(day=1))
    return months[::-1]


def number(value: object) -> float | None:
    """A JSON number as a float, or None (true/false are not numbers)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def minutes_of(summary: Mapping[str, Any]) -> float:
    """A session's length in minutes (0 when unknown or odd)."""
    seconds = number(summary.get("duration_seconds"))
    return max(seconds, 0.0) / 60 if seconds is not None else 0.0


def counted(
    summaries: Iterable[Mapping[str, Any]], zone: tzinfo | None, exact_from: date = date.min
) -> list[tuple[date, Mapping[str, Any]]]:
    """The sessions that count as time together, each with its day (those without a date left out): in
    `zone` from `exact_from` on; before then the day as written, which only the totals' "since" reads (a
    local day costs ten times as much, and 10,000 sessions are read each time the screen opens)."""
    cutoff = (exact_from - timedelta(days=2)).isoformat() if exact_from > date.min + timedelta(days=2) else ""
    found = []
    for summary in summaries:
        if summary.get("status") not in COUNTED_STATUSES:
            continue
        started = summary.get("started_at")
        if not isinstance(started, str):
            continue
        day: date | None
        if started[:10] < cutoff:
            try:
                day = date.fromisoformat(started[:10])
            except ValueError:
                day = None
        else:
            day = local_date(started, zone)
        if day is not None:
            found.append((day, summary))
    return found


def totals_of(sessions: list[tuple[date, Mapping[str, Any]]], follow_ups: Iterable[Mapping[str, Any]]) -> Totals:
    """The counts that only grow, from the counted sessions and every follow-up."""
    appreciations, minutes = 0, 0.0
    for _day, summary in sessions:
        counts = summary.get("counts")
        given = counts.get("appreciations") if type(counts) is dict else None
        if type(given) is int and given > 0:
            appreciations += given
        seconds = summary.get("duration_seconds")
        if type(seconds) in (int, float) and seconds > 0:
            minutes += seconds / 60
    kept = sum(1 for item in follow_ups if item.get("status") == "kept" and item.get("kind", "promise") in ASKS)
    return Totals(
        sessions=len(sessions),
        minutes=round(minutes),
        appreciations=appreciations,
        promises_kept=kept,
        since=min((day for day, _summary in sessions), default=None),
    )


def weekly_minutes(sessions: list[tuple[date, Mapping[str, Any]]], today: date, weeks: int = WEEKS_SHOWN) -> list[tuple[date, int]]:
    """Minutes together in each of the last `weeks` weeks (Monday to Sunday), oldest first, ending with
    this week."""
    first = monday_of(today) - timedelta(weeks=weeks - 1)
    minutes = {first + timedelta(weeks=index): 0.0 for index in range(weeks)}
    for day, summary in sessions:
        if first <= day <= today:
            minutes[monday_of(day)] += minutes_of(summary)
    return [(monday, round(total)) for monday, total in minutes.items()]


def days_met(sessions: list[tuple[date, Mapping[str, Any]]], start: date, today: date) -> dict[date, int]:
    """How many sessions there were on each day from `start` to `today` that had one."""
    found: dict[date, int] = {}
    for day, _summary in sessions:
        if start <= day <= today:
            found[day] = found.get(day, 0) + 1
    return found


def mean(values: list[float]) -> float | None:
    """The average, or None for no values."""
    return sum(values) / len(values) if values else None


def monthly_energy(sessions: list[tuple[date, Mapping[str, Any]]], today: date, months: int = MONTHS_SHOWN) -> list[MonthEnergy]:
    """The average rating before and after sessions, month by month over the last `months` months; months
    without a rating and summaries without check-ins (written by older versions) are left out."""
    shown = months_back(today, months)
    ratings: dict[date, tuple[list[float], list[float]]] = {month: ([], []) for month in shown}
    for day, summary in sessions:
        checkins = summary.get("checkins")
        month = month_of(day)
        if not isinstance(checkins, Mapping) or month not in ratings or day > today:
            continue
        for when, found in zip(("before", "after"), ratings[month], strict=True):
            given = checkins.get(when)
            if isinstance(given, Mapping):
                found += [value for value in map(number, given.values()) if value is not None and 1 <= value <= 5]
    energy = [MonthEnergy(month, mean(before), mean(after)) for month, (before, after) in ratings.items()]
    return [item for item in energy if item.before is not None or item.after is not None]


def monthly_speaking(sessions: list[tuple[date, Mapping[str, Any]]], today: date, months: int = MONTHS_SHOWN) -> list[MonthSpeaking]:
    """Each partner's speaking seconds, month by month over the last `months` months (months with no
    speaking time left out)."""
    shown = months_back(today, months)
    seconds: dict[date, list[float]] = {month: [0.0, 0.0] for month in shown}
    for day, summary in sessions:
        speaking = summary.get("speaking_seconds")
        month = month_of(day)
        if not isinstance(speaking, Mapping) or month not in seconds or day > today:
            continue
        for index, partner in enumerate(("a", "b")):
            value = number(speaking.get(partner))
            seconds[month][index] += max(value, 0.0) if value is not None else 0.0
    return [MonthSpeaking(month, a, b) for month, (a, b) in seconds.items() if a + b > 0]


def charts_start(today: date) -> date:
    """The first day any chart shows: sessions before it only add to the totals."""
    calendar = monday_of(today) - timedelta(weeks=CALENDAR_WEEKS - 1)
    return min(calendar, months_back(today, MONTHS_SHOWN)[0], monday_of(today) - timedelta(weeks=WEEKS_SHOWN - 1))


def time_together(
    summaries: Iterable[Mapping[str, Any]],
    follow_ups: Iterable[Mapping[str, Any]],
    today: date,
    zone: tzinfo | None = None,
) -> TimeTogether:
    """Everything "Our time together" shows, from the summaries and follow-ups, for `today` (days are
    read in `zone`, the local zone when None)."""
    start = monday_of(today) - timedelta(weeks=CALENDAR_WEEKS - 1)
    horizon = charts_start(today)
    sessions = counted(summaries, zone, exact_from=horizon)
    recent = [(day, summary) for day, summary in sessions if day >= horizon]  # the charts' year: a few hundred
    return TimeTogether(
        today=today,
        totals=totals_of(sessions, follow_ups),
        weeks=weekly_minutes(recent, today),
        days_met=days_met(recent, start, today),
        calendar_start=start,
        energy=monthly_energy(recent, today),
        speaking=monthly_speaking(recent, today),
    )
