"""One runner per step kind: each turns events into state changes for its step."""

from __future__ import annotations

from tui.core.runners.base import RunContext, StepRunner
from tui.core.runners.conversation import AppreciationRunner, CheckinRunner, QuestionsRunner
from tui.core.runners.simple import CloseRunner, NoteRunner
from tui.core.runners.turns import TurnsRunner
from tui.core.runners.writing import CaptureRunner, RevealRunner, ReviewRunner

RUNNERS: dict[str, type[StepRunner]] = {
    "note": NoteRunner,
    "checkin": CheckinRunner,
    "turns": TurnsRunner,
    "appreciation": AppreciationRunner,
    "questions": QuestionsRunner,
    "reveal": RevealRunner,
    "capture": CaptureRunner,
    "review": ReviewRunner,
    "close": CloseRunner,
}

__all__ = ["RUNNERS", "RunContext", "StepRunner"]
