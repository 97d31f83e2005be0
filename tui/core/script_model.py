"""The script and deck models that the loader builds from TOML and the engine runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PartnerId = Literal["a", "b"]
PARTNERS: tuple[PartnerId, PartnerId] = ("a", "b")

STEP_KINDS = (
    "note",
    "checkin",
    "turns",
    "appreciation",
    "questions",
    "reveal",
    "capture",
    "review",
    "close",
)
INTENSITIES = ("light", "medium", "deep")
FOLLOW_UP_KINDS = ("promise", "request", "wish")
THEMES = (
    "naming-burnout",
    "small-promises",
    "talking-without-pressure",
    "old-hurts",
    "small-acts",
    "personal-wellbeing",
    "curiosity",
    "shared-goals",
    "affection",
    "celebrating-progress",
)


def other(partner: PartnerId) -> PartnerId:
    """The partner who is not `partner`."""
    return "b" if partner == "a" else "a"


@dataclass(frozen=True)
class Step:
    """One part of a script; `kind` says which of the step models this is."""

    kind: str
    title: str
    text: str


@dataclass(frozen=True)
class NoteStep(Step):
    """Words to read together, optionally with a gentle timer (a quiet minute, a hug)."""

    minutes: float | None = None


@dataclass(frozen=True)
class CheckinStep(Step):
    """Each partner rates their energy 1-5; a low rating offers a gentler script."""

    question: str = "How much energy do you have for this right now?"
    low_at: int = 2
    offer_gentler: bool = True


@dataclass(frozen=True)
class TurnsStep(Step):
    """Protected speaker/listener turns; a round gives each speaker one turn."""

    minutes: float = 10.0
    rounds: int = 1
    first: str = "rotate"  # rotate | a | b
    speakers: str = "both"  # both | first | second
    warn_seconds: int = 60
    reflect: str = "none"  # none | paraphrase | mirror
    speaker_guide: str = ""
    listener_guide: str = ""
    topic: str = ""

    @property
    def turn_seconds(self) -> float:
        """Length of one protected turn in seconds (to the millisecond, so 0.05 minutes is exactly 3 s)."""
        return round(self.minutes * 60.0, 3)


@dataclass(frozen=True)
class AppreciationStep(Step):
    """Alternating appreciations, `each` per partner, optionally typed and saved."""

    each: int = 3
    save: bool = True
    first: str = "rotate"
    starters: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionsStep(Step):
    """Question cards from a deck or an inline list; both answer each card or they alternate."""

    deck: str = ""
    questions: tuple[str, ...] = ()
    count: int = 5
    answer: str = "alternate"  # alternate | both
    intensity: tuple[str, ...] = ()
    first: str = "rotate"
    shuffle: bool = True


@dataclass(frozen=True)
class RevealStep(Step):
    """Each partner writes privately; then both answers show together."""

    prompt: str = ""
    first: str = "rotate"


@dataclass(frozen=True)
class CaptureStep(Step):
    """A promise, request or wish that outlives the session as a follow-up."""

    prompt: str = ""
    kinds: tuple[str, ...] = FOLLOW_UP_KINDS
    each: bool = True
    first: str = "rotate"


@dataclass(frozen=True)
class ReviewStep(Step):
    """Revisit the open follow-ups from earlier sessions: kept, not yet, or let go."""

    kinds: tuple[str, ...] = FOLLOW_UP_KINDS


@dataclass(frozen=True)
class CloseStep(Step):
    """The ending: what the couple did together, and an optional closing ritual."""

    ritual: str = ""


@dataclass(frozen=True)
class Script:
    """A session's plan: metadata and ordered steps, with where it came from."""

    id: str
    title: str
    summary: str
    method: str
    steps: tuple[Step, ...]
    tags: tuple[str, ...] = ()
    intensity: str = "light"
    notes: str = ""
    themes: tuple[str, ...] = ()
    unequal: bool = False
    gentler: str = ""
    source_path: str = ""
    content_hash: str = ""

    def total_minutes(self) -> float:
        """The planned length in minutes, computed from the steps (turns, notes and estimates)."""
        return sum(estimated_step_minutes(step) for step in self.steps)

    def turn_seconds_by_partner(self, session_first: PartnerId) -> dict[PartnerId, float]:
        """Planned speaking seconds per partner when `session_first` starts rotating steps."""
        totals: dict[PartnerId, float] = {"a": 0.0, "b": 0.0}
        for step in self.steps:
            if not isinstance(step, TurnsStep):
                continue
            first = resolve_first(step.first, session_first)
            speakers = speakers_for(step.speakers, first)
            for speaker in speakers:
                totals[speaker] += step.turn_seconds * step.rounds
        return totals


@dataclass(frozen=True)
class DeckQuestion:
    """One open-ended question card."""

    text: str
    intensity: str = "light"


@dataclass(frozen=True)
class Deck:
    """A named set of question cards."""

    id: str
    title: str
    summary: str
    questions: tuple[DeckQuestion, ...] = field(default_factory=tuple)
    tags: tuple[str, ...] = ()
    source_path: str = ""


def resolve_first(setting: str, session_first: PartnerId) -> PartnerId:
    """Who starts a step: the session's starter for `rotate`, else the named partner."""
    if setting == "a":
        return "a"
    if setting == "b":
        return "b"
    return session_first


def speakers_for(setting: str, first: PartnerId) -> tuple[PartnerId, ...]:
    """The speakers of one round, in order, for a turns step's `speakers` setting."""
    if setting == "first":
        return (first,)
    if setting == "second":
        return (other(first),)
    return (first, other(first))


# Rough minutes for untimed steps, so a script's length is honest in the picker.
UNTIMED_STEP_MINUTES = {
    "note": 1.0,
    "checkin": 1.0,
    "reveal": 4.0,
    "capture": 3.0,
    "review": 3.0,
    "close": 2.0,
}
REFLECTION_MINUTES = {"none": 0.0, "paraphrase": 2.0, "mirror": 4.0}


def estimated_step_minutes(step: Step) -> float:
    """Planned minutes for one step: exact for timed turns, a fair estimate otherwise."""
    if isinstance(step, TurnsStep):
        turns = step.rounds * len(speakers_for(step.speakers, "a"))
        return turns * (step.minutes + REFLECTION_MINUTES.get(step.reflect, 0.0))
    if isinstance(step, NoteStep) and step.minutes is not None:
        return step.minutes
    if isinstance(step, AppreciationStep):
        return step.each * 2 * 0.75
    if isinstance(step, QuestionsStep):
        per_card = 2.0 if step.answer == "both" else 1.5
        return step.count * per_card
    return UNTIMED_STEP_MINUTES.get(step.kind, 1.0)
