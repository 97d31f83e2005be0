"""One view per step kind; each renders engine state and posts engine events."""

from __future__ import annotations

from tui.widgets.steps.base import StepView
from tui.widgets.steps.conversation import AppreciationView, CheckinView, QuestionsView
from tui.widgets.steps.simple import CloseView, NoteView
from tui.widgets.steps.turn import TurnView
from tui.widgets.steps.writing import CaptureView, RevealView, ReviewView

VIEWS: dict[str, type[StepView]] = {
    "note": NoteView,
    "checkin": CheckinView,
    "turns": TurnView,
    "appreciation": AppreciationView,
    "questions": QuestionsView,
    "reveal": RevealView,
    "capture": CaptureView,
    "review": ReviewView,
    "close": CloseView,
}

__all__ = ["VIEWS", "StepView"]
