"""Durations, counts and dates in the words a person would say ("1 minute 30 seconds", "last Tuesday")."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def count_of(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 backup", "2 backups", "3 people" (pass `plural` when adding an s is wrong)."""
    word = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {word}"


def minutes_text(minutes: float) -> str:
    """A planned length for a listing, in whole minutes and at least one: "25 min" (sentences use
    `duration_in_words`)."""
    return f"{max(1, round(minutes))} min"


def duration_in_words(seconds: float, rough: bool = False) -> str:
    """ "6 seconds", "10 minutes", "1 minute 30 seconds"; `rough` rounds to minutes from one minute up."""
    total = max(0, round(seconds))
    if rough and total >= 60:
        total = round(total / 60) * 60
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        count_of(amount, unit)
        for amount, unit in ((hours, "hour"), (minutes, "minute"), (secs, "second"))
        if amount
    ]
    return " ".join(parts) if parts else count_of(0, "second")


def date_in_words(day: date, today: date) -> str:
    """ "today", "yesterday", "last Tuesday" within the week, else "3 December" (with the year if not this one)."""
    days_ago = (today - day).days
    if days_ago == 0:
        return "today"
    if days_ago == 1:
        return "yesterday"
    if days_ago == -1:
        return "tomorrow"
    if 2 <= days_ago <= 6:
        return f"last {WEEKDAYS[day.weekday()]}"
    words = f"{day.day} {MONTHS[day.month - 1]}"
    return words if day.year == today.year else f"{words} {day.year}"


def local_date(moment: str, zone: tzinfo | None = None) -> date | None:
    """The calendar day of an ISO moment in `zone` (the local zone when None); None when it is not a date."""
    try:
        parsed = datetime.fromisoformat(moment)
    except (TypeError, ValueError):
        return None
    if parsed.tzinfo is None:
        return parsed.date()
    return parsed.astimezone(zone).date()
