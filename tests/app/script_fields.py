"""Every field a script can set, and how the couple meets it; the words a step must show right now."""

from __future__ import annotations

from tui.app import HearthsideApp
from tui.core.runners.turns import GOING_ON, READY, SPEAKING
from tui.core.script_model import (
    AppreciationStep,
    CaptureStep,
    CheckinStep,
    CloseStep,
    QuestionsStep,
    RevealStep,
    TurnsStep,
)

ON_SCREEN = "its words are on screen"

# Each field of the script model -> how it reaches the couple. A new field fails the coverage test
# until it is given a place here (and, if it is words, a check in `words_the_step_must_show`).
SHOWN_FIELDS: dict[str, str] = {
    "Script.id": "how `run` and programs name it; never shown as words",
    "Script.title": ON_SCREEN,  # picker list, preview and the session header
    "Script.summary": ON_SCREEN,  # picker preview
    "Script.method": ON_SCREEN,  # picker preview: "Follows: ..."
    "Script.tags": ON_SCREEN,  # picker preview and the tag filter
    "Script.intensity": ON_SCREEN,  # picker list
    "Script.notes": ON_SCREEN,  # picker preview
    "Script.themes": ON_SCREEN,  # picker preview: "Ideas: ..."
    "Script.unequal": "the equal-time check lets unequal turns through",
    "Script.remember_when": "one past appreciation is shown above the first step",
    "Script.gentler": ON_SCREEN,  # the low check-in offer names the gentler script's title
    "Script.steps": "one view per step, in order",
    "Script.source_path": "set by the loader, not by the script",
    "Script.content_hash": "set by the loader, not by the script",
    "Step.kind": "which view shows the step",
    "Step.title": ON_SCREEN,
    "Step.text": ON_SCREEN,
    "NoteStep.minutes": "the gentle timer under the note",
    "CheckinStep.question": ON_SCREEN,
    "CheckinStep.low": "the scale's words beside 1",
    "CheckinStep.high": "the scale's words beside 5",
    "CheckinStep.low_at": "a rating at or below it brings the gentle offer",
    "CheckinStep.offer_gentler": "whether the gentle offer is made",
    "TurnsStep.minutes": "the countdown and 'Press Enter to start Maya's 2 minutes'",
    "TurnsStep.rounds": "'turn 3 of 4, round 2 of 2' or, one partner alone, 'piece 2 of 3' above the clock",
    "TurnsStep.first": "whose name the banner shows first",
    "TurnsStep.speakers": "whose turns the banner shows",
    "TurnsStep.warn_seconds": "'Almost time: begin to round off.'",
    "TurnsStep.reflect": "the say-back and 'is there more?' phases, and the default listener guide",
    "TurnsStep.speaker_guide": ON_SCREEN,
    "TurnsStep.listener_guide": ON_SCREEN,
    "TurnsStep.topic": ON_SCREEN,
    "AppreciationStep.each": "'Appreciation 1 of 6'",
    "AppreciationStep.save": "the typing line is there only when the words are kept",
    "AppreciationStep.first": "whose name comes first",
    "AppreciationStep.starters": ON_SCREEN,  # one starter with each appreciation
    "QuestionsStep.deck": "where the cards come from",
    "QuestionsStep.questions": ON_SCREEN,  # one card at a time
    "QuestionsStep.count": "'Question 1 of 5'",
    "QuestionsStep.answer": "'Maya answers first, then Jonah.' or one name per card",
    "QuestionsStep.intensity": "which of a deck's cards are drawn",
    "QuestionsStep.first": "whose name comes first",
    "QuestionsStep.shuffle": "the order of the cards",
    "QuestionsStep.favourites": "recent favourite cards are drawn first",
    "RevealStep.prompt": ON_SCREEN,
    "RevealStep.first": "who writes first",
    "CaptureStep.prompt": ON_SCREEN,
    "CaptureStep.kinds": "the p / r / w choices offered",
    "CaptureStep.each": "whether the second partner is asked too",
    "CaptureStep.first": "who is asked first",
    "ReviewStep.kinds": "which earlier follow-ups come back",
    "CloseStep.ritual": ON_SCREEN,
}


def words_the_step_must_show(app: HearthsideApp) -> list[tuple[str, str]]:
    """(field, words) pairs the current step and phase must have on screen, from the script itself."""
    session = app.sessions.active_session
    assert session is not None and session.runner is not None
    runner = session.runner
    step = runner.step
    phase = runner.phase
    shown: list[tuple[str, str]] = [("title", step.title)]
    if isinstance(step, TurnsStep):
        if phase in (READY, SPEAKING, GOING_ON):
            shown += [("text", step.text), ("speaker_guide", step.speaker_guide)]
            shown += [("listener_guide", step.listener_guide)]
        if phase in (READY, SPEAKING):
            shown.append(("topic", step.topic))
    else:
        shown.append(("text", step.text))
    if isinstance(step, CheckinStep) and phase == "rating":
        shown += [("question", step.question), ("low", f"1 {step.low}"), ("high", f"5 {step.high}")]
    if isinstance(step, AppreciationStep):
        starter = runner.starter
        assert not step.starters or starter in step.starters, f"{starter!r} is not one of the script's"
        shown.append(("starters", starter))
    if isinstance(step, QuestionsStep):
        assert not step.questions or runner.card in step.questions
        shown.append(("questions", runner.card))
    if isinstance(step, RevealStep | CaptureStep):
        shown.append(("prompt", step.prompt))
    if isinstance(step, CloseStep):
        shown.append(("ritual", step.ritual))
    return [(name, words) for name, words in shown if words.strip()]
