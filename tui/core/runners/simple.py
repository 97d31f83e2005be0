"""The note step (words, maybe a gentle timer) and the closing step."""

from __future__ import annotations

from typing import Any

from tui.core.events import Continue, Event
from tui.core.runners.base import DONE, StepRunner
from tui.core.script_model import NoteStep
from tui.core.timer import TurnTimer

SHOWING = "showing"


class NoteRunner(StepRunner, kind="note"):
    """Shows words; a timed note counts down for the couple but Enter may move on at any time."""

    step: NoteStep

    def __init__(self, step: NoteStep, index: int, context: Any) -> None:
        super().__init__(step, index, context)
        self._timer: TurnTimer | None = None
        if step.minutes is not None:
            self._timer = TurnTimer(round(step.minutes * 60.0, 3), context.clock)

    def start(self) -> None:
        """Show the note and start its timer, if it has one."""
        self.phase = SHOWING
        if self._timer is not None:
            self._timer.start()

    @property
    def countdown(self) -> TurnTimer | None:
        """The note's timer, if it is timed."""
        return self._timer

    def accepts(self, event: Event) -> bool:
        """Enter moves on at any time, timer or not."""
        return self.phase == SHOWING and isinstance(event, Continue)

    def apply(self, event: Event) -> None:
        """Keep how long a timed note was shown, and move on."""
        if self._timer is not None:
            self._timer.stop()
            self.context.log.notes.append({"step": self.index, "seconds": round(self._timer.elapsed_seconds(), 3)})
        self.phase = DONE

    def snapshot(self) -> dict[str, Any]:
        """Phase and timer."""
        return {"phase": self.phase, "timer": self._timer.snapshot() if self._timer else None}

    def restore(self, data: dict[str, Any]) -> None:
        """Continue the note with the same time left."""
        super().restore(data)
        if data.get("timer") is not None:
            self._timer = TurnTimer.restore(data["timer"], self.context.clock)


class CloseRunner(StepRunner, kind="close"):
    """The ending: the screen shows what the couple did; Enter finishes the session."""

    def start(self) -> None:
        """Show the closing."""
        self.phase = SHOWING

    def accepts(self, event: Event) -> bool:
        """Enter finishes."""
        return self.phase == SHOWING and isinstance(event, Continue)

    def apply(self, event: Event) -> None:
        """The session is done."""
        self.phase = DONE
