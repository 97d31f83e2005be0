"""A turn's countdown: a deadline on a monotonic clock, pauses that shift it, and one-shot cues."""

from __future__ import annotations

import math
from typing import Any

from tui.core.clock import Clock
from tui.core.frozen import frozen


@frozen
class TimerCue:
    """Something the timer reports exactly once: the gentle warning or the end of the time."""

    name: str  # "warning" | "time_up"


WARNING = TimerCue("warning")
TIME_UP = TimerCue("time_up")


class TurnTimer:
    """Counts down `duration_seconds` from a monotonic start; never counts ticks.

    Remaining time is always `deadline - now`; a pause (a time-out) moves the deadline by its length.
    """

    def __init__(self, duration_seconds: float, clock: Clock, warn_seconds: float = 0.0) -> None:
        self.duration_seconds = float(duration_seconds)
        self.warn_seconds = float(warn_seconds)
        self._clock = clock
        self._started_at: float | None = None
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._stopped_at: float | None = None
        self._warning_reported = False
        self._time_up_reported = False

    # -- state ---------------------------------------------------------------------------------
    @property
    def started(self) -> bool:
        """Whether the countdown has begun."""
        return self._started_at is not None

    @property
    def paused(self) -> bool:
        """Whether the countdown is held by a time-out."""
        return self._paused_at is not None

    @property
    def stopped(self) -> bool:
        """Whether the turn has been closed; elapsed time is frozen."""
        return self._stopped_at is not None

    @property
    def in_progress(self) -> bool:
        """Whether the countdown has begun and the turn is not closed (a time-out's pause included)."""
        return self.started and not self.stopped

    def _reading(self) -> float:
        if self._stopped_at is not None:
            return self._stopped_at
        if self._paused_at is not None:
            return self._paused_at
        return self._clock.monotonic()

    def elapsed_seconds(self) -> float:
        """Seconds counted so far (time-outs excluded), including any overtime."""
        if self._started_at is None:
            return 0.0
        return max(0.0, self._reading() - self._started_at - self._paused_total)

    def remaining_seconds(self) -> float:
        """Seconds left before the end; zero once time is up."""
        return max(0.0, self.duration_seconds - self.elapsed_seconds())

    def overtime_seconds(self) -> float:
        """Seconds past the end of the turn."""
        return max(0.0, self.elapsed_seconds() - self.duration_seconds)

    def is_time_up(self) -> bool:
        """Whether the full duration has been counted."""
        return self.started and self.elapsed_seconds() >= self.duration_seconds

    def in_warning(self) -> bool:
        """Whether the gentle cue before the end applies now."""
        return (
            self.warn_seconds > 0
            and self.started
            and not self.is_time_up()
            and self.remaining_seconds() <= self.warn_seconds
        )

    def display_seconds(self) -> int:
        """Whole seconds to show: remaining time rounded up, or overtime rounded down after the end."""
        if self.is_time_up():
            return math.floor(self.overtime_seconds())
        return math.ceil(self.remaining_seconds() - 1e-9)

    def seconds_to_next_change(self) -> float | None:
        """Seconds until `display_seconds` next changes (the bell's moment included), or None while the
        countdown is not running: the screen redraws then, on the second's boundary, not on a fixed beat."""
        if not self.started or self.paused or self.stopped:
            return None
        left = self.duration_seconds - self.elapsed_seconds()
        if left > 0:
            return left - (math.ceil(left - 1e-9) - 1)
        over = -left
        return math.floor(over) + 1 - over

    def pause_seconds(self) -> float:
        """How long the current pause has lasted (zero when not paused)."""
        if self._paused_at is None:
            return 0.0
        return max(0.0, self._clock.monotonic() - self._paused_at)

    # -- transitions -----------------------------------------------------------------------------
    def start(self) -> None:
        """Begin counting now."""
        if self._started_at is None:
            self._started_at = self._clock.monotonic()

    def pause(self) -> None:
        """Hold the countdown (a time-out)."""
        if self.started and not self.paused and not self.stopped:
            self._paused_at = self._clock.monotonic()

    def resume(self) -> float:
        """Continue after a pause; returns how long the pause lasted."""
        if self._paused_at is None:
            return 0.0
        length = max(0.0, self._clock.monotonic() - self._paused_at)
        self._paused_total += length
        self._paused_at = None
        return length

    def stop(self) -> None:
        """Freeze the elapsed time; a paused timer is resumed first so the pause is not counted."""
        if self.paused:
            self.resume()
        if self.started and self._stopped_at is None:
            self._stopped_at = self._clock.monotonic()

    def poll(self) -> list[TimerCue]:
        """Cues that became due since the last poll; each is reported once in the timer's life."""
        cues: list[TimerCue] = []
        if not self.started or self.stopped:
            return cues
        if self.is_time_up():
            if self.warn_seconds > 0 and not self._warning_reported:
                self._warning_reported = True  # passed over in one jump; never report it late
            if not self._time_up_reported:
                self._time_up_reported = True
                cues.append(TIME_UP)
        elif self.in_warning() and not self._warning_reported:
            self._warning_reported = True
            cues.append(WARNING)
        return cues

    # -- snapshots -----------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """A JSON-ready description that survives a restart (monotonic readings do not)."""
        return {
            "duration_seconds": self.duration_seconds,
            "warn_seconds": self.warn_seconds,
            "started": self.started,
            "elapsed_seconds": self.elapsed_seconds(),
            "paused": self.paused,
            "pause_seconds": self.pause_seconds(),
            "stopped": self.stopped,
            "warning_reported": self._warning_reported,
            "time_up_reported": self._time_up_reported,
        }

    @classmethod
    def restore(cls, data: dict[str, Any], clock: Clock) -> TurnTimer:
        """Rebuild a timer from `snapshot()` so it continues with the same remaining time."""
        timer = cls(float(data["duration_seconds"]), clock, float(data.get("warn_seconds", 0.0)))
        timer._warning_reported = bool(data.get("warning_reported"))
        timer._time_up_reported = bool(data.get("time_up_reported"))
        if data.get("started"):
            now = clock.monotonic()
            timer._started_at = now - float(data["elapsed_seconds"])
            if data.get("stopped"):
                timer._stopped_at = now
            elif data.get("paused"):
                timer._paused_at = now - float(data.get("pause_seconds", 0.0))
                # the pause so far lies after the start: move the start back by it too
                timer._started_at -= float(data.get("pause_seconds", 0.0))
                timer._paused_total = 0.0
        return timer
