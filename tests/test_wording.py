"""Durations, counts and dates in the words a person would say."""

from __future__ import annotations

from datetime import UTC, date, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.wording import count_of, date_in_words, duration_in_words, local_date


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "0 seconds"),
        (1, "1 second"),
        (3, "3 seconds"),
        (6, "6 seconds"),
        (60, "1 minute"),
        (90, "1 minute 30 seconds"),
        (121, "2 minutes 1 second"),
        (600, "10 minutes"),
        (3600, "1 hour"),
        (3725, "1 hour 2 minutes 5 seconds"),
        (2.4, "2 seconds"),
        (2.6, "3 seconds"),
    ],
)
def test_durations_read_as_words(seconds: float, words: str) -> None:
    assert duration_in_words(seconds) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(40, "40 seconds"), (59.6, "1 minute"), (90, "2 minutes"), (725, "12 minutes"), (3725, "1 hour 2 minutes")],
)
def test_rough_durations_stop_at_minutes(seconds: float, words: str) -> None:
    assert duration_in_words(seconds, rough=True) == words


@given(st.floats(min_value=0, max_value=100_000, allow_nan=False))
def test_no_duration_says_one_in_the_plural_or_shows_a_fraction(seconds: float) -> None:
    words = duration_in_words(seconds)
    assert "." not in words
    pieces = words.split()
    for number, unit in zip(pieces[::2], pieces[1::2], strict=True):
        assert unit.endswith("s") == (number != "1"), words


@pytest.mark.parametrize(
    ("count", "singular", "plural", "words"),
    [
        (0, "open follow-up", None, "0 open follow-ups"),
        (1, "open follow-up", None, "1 open follow-up"),
        (2, "backup", None, "2 backups"),
        (1, "backup", None, "1 backup"),
        (1, "problem", None, "1 problem"),
        (3, "person", "people", "3 people"),
        (1200, "byte", None, "1,200 bytes"),
    ],
)
def test_counts_have_real_plurals(count: int, singular: str, plural: str | None, words: str) -> None:
    assert count_of(count, singular, plural) == words


TUESDAY = date(2026, 3, 10)  # a Tuesday


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (TUESDAY, "today"),
        (TUESDAY - timedelta(days=1), "yesterday"),
        (TUESDAY - timedelta(days=2), "last Sunday"),
        (TUESDAY - timedelta(days=6), "last Wednesday"),
        (TUESDAY - timedelta(days=7), "3 March"),
        (date(2025, 12, 3), "3 December 2025"),
        (date(2026, 1, 1), "1 January"),
        (TUESDAY + timedelta(days=1), "tomorrow"),
        (date(2026, 4, 2), "2 April"),
    ],
)
def test_dates_read_as_words(day: date, words: str) -> None:
    assert date_in_words(day, TUESDAY) == words


@given(st.dates(), st.dates())
def test_every_date_has_words_without_digits_of_a_machine(day: date, today: date) -> None:
    words = date_in_words(day, today)
    assert "-" not in words and "/" not in words
    assert words


def test_local_date_reads_an_iso_moment_and_tolerates_junk() -> None:
    assert local_date("2026-03-07T19:30:00+00:00", UTC) == date(2026, 3, 7)
    assert local_date("2026-03-07", UTC) == date(2026, 3, 7)
    assert local_date("not a date", UTC) is None
    assert local_date("", UTC) is None
    two_hours_east = timezone(timedelta(hours=2))
    assert local_date("2026-03-07T23:30:00+00:00", two_hours_east) == date(2026, 3, 8)
