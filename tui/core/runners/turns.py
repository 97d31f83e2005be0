"""Protected speaker/listener turns: a countdown that never moves on by itself, then reflection."""

from __future__ import annotations

from typing import Any

from tui.core.events import (
    Continue,
    EndTurnEarly,
    Event,
    NoMore,
    NotQuite,
    ReflectionConfirmed,
    ThereIsMore,
)
from tui.core.runners.base import DONE, StepRunner
from tui.core.script_model import PartnerId, TurnsStep, other, speakers_for
from tui.core.timer import TurnTimer

READY = "ready"  # whose turn is next is shown; Enter starts the clock
SPEAKING = "speaking"  # the clock runs; after zero it counts overtime and waits
REFLECT = "reflect"  # the listener says back what they heard; the speaker confirms
MORE = "more"  # mirror only: "is there more?"
GOING_ON = "going_on"  # mirror only: the speaker says the rest (untimed); then the listener mirrors again


class TurnsRunner(StepRunner, kind="turns"):
    """Runs `rounds` x speakers protected turns of `minutes` each, in order."""

    step: TurnsStep

    def __init__(self, step: TurnsStep, index: int, context: Any) -> None:
        super().__init__(step, index, context)
        first = self.order()[0]
        speakers = speakers_for(step.speakers, first)
        self.speakers: list[PartnerId] = [speaker for _ in range(step.rounds) for speaker in speakers]
        self.turn_index = 0
        self.reflection_attempts = 0
        self.more_count = 0
        self._timer = self._new_timer()

    def _new_timer(self) -> TurnTimer:
        return TurnTimer(self.step.turn_seconds, self.context.clock, self.step.warn_seconds)

    # -- what the screen shows -------------------------------------------------------------------
    @property
    def speaker(self) -> PartnerId:
        """Who holds the floor in the current turn."""
        return self.speakers[min(self.turn_index, len(self.speakers) - 1)]

    @property
    def listener(self) -> PartnerId:
        """Who listens in the current turn."""
        return other(self.speaker)

    @property
    def total_turns(self) -> int:
        """How many turns this step has."""
        return len(self.speakers)

    @property
    def round_number(self) -> int:
        """The 1-based round of the current turn."""
        per_round = len(self.speakers) // self.step.rounds
        return self.turn_index // per_round + 1

    @property
    def countdown(self) -> TurnTimer:
        """The current turn's timer (also before it starts, to show the full time)."""
        return self._timer

    # -- events ----------------------------------------------------------------------------------
    def accepts(self, event: Event) -> bool:
        """Only deliberate events, each in its phase. Once the time is up the turn is simply continued
        with Enter, so ending it "early" is no longer on offer."""
        if self.phase == READY:
            return isinstance(event, Continue)
        if self.phase == SPEAKING:
            time_up = self._timer.is_time_up()
            return (isinstance(event, Continue) and time_up) or (isinstance(event, EndTurnEarly) and not time_up)
        if self.phase == REFLECT:
            return isinstance(event, ReflectionConfirmed | NotQuite)
        if self.phase == MORE:
            return isinstance(event, ThereIsMore | NoMore)
        if self.phase == GOING_ON:
            return isinstance(event, Continue)
        return False

    def apply(self, event: Event) -> None:
        """Move the turn along."""
        if self.phase == READY:
            self._timer.start()
            self.phase = SPEAKING
        elif self.phase == SPEAKING:
            self._end_turn(ended_early=isinstance(event, EndTurnEarly))
        elif self.phase == GOING_ON:
            self.reflection_attempts = 0
            self.phase = REFLECT
        elif isinstance(event, ReflectionConfirmed):
            self._current_turn_entry()["reflection"] = "confirmed"
            if self.step.reflect == "mirror":
                self.phase = MORE
            else:
                self._next_turn()
        elif isinstance(event, NotQuite):
            self.reflection_attempts += 1
            self._current_turn_entry()["reflection_retries"] = self.reflection_attempts
        elif isinstance(event, ThereIsMore):
            self.more_count += 1
            entry = self._current_turn_entry()
            entry["more_loops"] = self.more_count
            entry["reflection"] = "pending"  # the new piece has yet to be mirrored and confirmed
            self.phase = GOING_ON
        else:
            self._next_turn()

    def interrupt(self) -> None:
        """A turn being spoken when the session ends is kept, with the time actually spoken."""
        if self.phase == SPEAKING:
            self._end_turn(ended_early=not self._timer.is_time_up())
            self._current_turn_entry()["interrupted"] = True

    def _end_turn(self, ended_early: bool) -> None:
        self._timer.stop()
        elapsed = self._timer.elapsed_seconds()
        self.context.log.turns.append(
            {
                "step": self.index,
                "turn": self.turn_index + 1,
                "round": self.round_number,
                "speaker": self.speaker,
                "listener": self.listener,
                "planned_seconds": self.step.turn_seconds,
                "spoken_seconds": round(elapsed, 3),
                "overtime_seconds": round(self._timer.overtime_seconds(), 3),
                "ended_early": ended_early,
                "reflection": "none" if self.step.reflect == "none" else "pending",
                "reflection_retries": 0,
                "more_loops": 0,
                "ended_at": self.context.now_iso(),
            }
        )
        if self.step.reflect == "none":
            self._next_turn()
        else:
            self.reflection_attempts = 0
            self.more_count = 0
            self.phase = REFLECT

    def _current_turn_entry(self) -> dict[str, Any]:
        return self.context.log.turns[-1]

    def _next_turn(self) -> None:
        self.turn_index += 1
        if self.turn_index >= len(self.speakers):
            self.turn_index = len(self.speakers)
            self.phase = DONE
            return
        self._timer = self._new_timer()
        self.phase = READY

    # -- record and snapshot ---------------------------------------------------------------------
    def outcome(self) -> dict[str, Any]:
        """How many turns were spoken in this step."""
        spoken = [turn for turn in self.context.log.turns if turn["step"] == self.index]
        return {"turns_spoken": len(spoken), "turns_planned": len(self.speakers)}

    def snapshot(self) -> dict[str, Any]:
        """Phase, turn position, reflection loop counts and the timer."""
        return {
            "phase": self.phase,
            "turn_index": self.turn_index,
            "reflection_attempts": self.reflection_attempts,
            "more_count": self.more_count,
            "timer": self._timer.snapshot(),
        }

    def restore(self, data: dict[str, Any]) -> None:
        """Continue the same turn with the same remaining time."""
        super().restore(data)
        self.turn_index = int(data["turn_index"])
        self.reflection_attempts = int(data.get("reflection_attempts", 0))
        self.more_count = int(data.get("more_count", 0))
        self._timer = TurnTimer.restore(data["timer"], self.context.clock)
