"""TurnTimer on a manual clock: deadlines, pauses, overtime, one-shot cues and snapshots."""

from __future__ import annotations

import pytest
from engine_support import through_json

from tui.core.clock import ManualClock
from tui.core.timer import TIME_UP, WARNING, TurnTimer


def started_timer(duration: float = 600, warn: float = 60) -> tuple[TurnTimer, ManualClock]:
    """A timer started at the clock's current reading."""
    clock = ManualClock()
    timer = TurnTimer(duration, clock, warn)
    timer.start()
    return timer, clock


def test_a_timer_that_has_not_started_shows_the_full_time_and_cues_nothing() -> None:
    clock = ManualClock()
    timer = TurnTimer(600, clock, 60)
    clock.advance(1000)
    assert (timer.remaining_seconds(), timer.is_time_up(), timer.poll()) == (600, False, [])
    assert timer.display_seconds() == 600


def test_remaining_time_is_the_deadline_minus_now() -> None:
    timer, clock = started_timer()
    clock.advance(0.4)
    assert timer.display_seconds() == 600  # rounded up: a full second is not yet gone
    clock.advance(0.6)
    assert timer.display_seconds() == 599
    clock.advance(599)
    assert timer.is_time_up()
    assert timer.display_seconds() == 0
    clock.advance(61.75)
    assert (timer.overtime_seconds(), timer.display_seconds()) == (61.75, 61)


def test_cues_come_once_each_in_order() -> None:
    timer, clock = started_timer()
    clock.advance(540)
    assert timer.poll() == [WARNING]
    assert timer.poll() == []
    clock.advance(60)
    assert timer.poll() == [TIME_UP]
    clock.advance(60)
    assert timer.poll() == []


def test_a_warning_passed_over_in_one_jump_is_never_reported_late() -> None:
    timer, clock = started_timer()
    clock.advance(700)
    assert timer.poll() == [TIME_UP]
    assert timer.poll() == []


def test_no_warning_when_warn_seconds_is_zero() -> None:
    timer, clock = started_timer(warn=0)
    clock.advance(599)
    assert timer.poll() == []
    assert not timer.in_warning()


def test_a_pause_moves_the_deadline_by_its_length() -> None:
    timer, clock = started_timer()
    clock.advance(100)
    timer.pause()
    clock.advance(90)
    assert timer.pause_seconds() == 90
    assert timer.remaining_seconds() == 500
    assert timer.resume() == 90
    assert timer.resume() == 0  # not paused any more
    clock.advance(500)
    assert timer.poll() == [TIME_UP]  # at 690 s on the clock


def test_stop_freezes_the_elapsed_time_and_a_paused_stop_drops_the_pause() -> None:
    timer, clock = started_timer()
    clock.advance(120)
    timer.pause()
    clock.advance(30)
    timer.stop()
    clock.advance(1000)
    assert (timer.stopped, timer.paused, timer.elapsed_seconds()) == (True, False, 120)
    assert timer.poll() == []


def test_a_snapshot_restores_on_a_clock_with_another_origin() -> None:
    timer, clock = started_timer()
    clock.advance(560)
    assert timer.poll() == [WARNING]
    later = ManualClock(monotonic_start=987_654.0)
    again = TurnTimer.restore(through_json(timer.snapshot()), later)
    assert again.remaining_seconds() == 40
    assert again.poll() == []
    later.advance(40)
    assert again.poll() == [TIME_UP]


def test_a_paused_snapshot_restores_paused_with_the_pause_so_far() -> None:
    timer, clock = started_timer()
    clock.advance(200)
    timer.pause()
    clock.advance(45)
    later = ManualClock(monotonic_start=5.0)
    again = TurnTimer.restore(through_json(timer.snapshot()), later)
    assert (again.paused, again.pause_seconds(), again.remaining_seconds()) == (True, 45, 400)
    later.advance(15)
    assert again.resume() == 60
    assert again.remaining_seconds() == 400


def test_a_stopped_snapshot_stays_stopped() -> None:
    timer, clock = started_timer()
    clock.advance(650)
    timer.stop()
    later = ManualClock(monotonic_start=3.0)
    again = TurnTimer.restore(through_json(timer.snapshot()), later)
    later.advance(100)
    assert (again.stopped, again.elapsed_seconds(), again.overtime_seconds()) == (True, 650, 50)


def test_the_manual_clock_never_goes_backwards() -> None:
    clock = ManualClock()
    with pytest.raises(ValueError):
        clock.advance(-1)
    assert clock.monotonic() == 1000.0


@pytest.mark.parametrize("duration", [600, 6.5])
def test_the_next_change_is_when_the_shown_second_changes(duration: float) -> None:
    """The screen redraws on the second's boundary: waiting `seconds_to_next_change` changes the face,
    a hair less does not, the last wait lands on time up, and overtime changes on whole seconds after it."""
    timer, clock = started_timer(duration, warn=0)
    clock.advance(0.3)
    for _ in range(int(duration) + 3):
        shown = timer.display_seconds()
        wait = timer.seconds_to_next_change()
        assert wait is not None and 0 < wait <= 1
        clock.advance(wait - 1e-6)
        assert timer.display_seconds() == shown
        clock.advance(1e-6)
        assert timer.display_seconds() != shown or timer.elapsed_seconds() == pytest.approx(duration)
    assert timer.is_time_up()


def test_a_paused_or_stopped_timer_has_no_next_change() -> None:
    clock = ManualClock()
    timer = TurnTimer(600, clock, 60)
    assert timer.seconds_to_next_change() is None  # not started
    timer.start()
    timer.pause()
    assert timer.seconds_to_next_change() is None
    timer.resume()
    clock.advance(0.25)
    assert timer.seconds_to_next_change() == pytest.approx(0.75)
    timer.stop()
    assert timer.seconds_to_next_change() is None
