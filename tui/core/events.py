"""The explicit events that drive a session; screens turn key presses into these."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.script_model import PartnerId


@dataclass(frozen=True)
class Event:
    """Base class of everything a session can be told."""


@dataclass(frozen=True)
class Start(Event):
    """Begin the session at its first step."""


@dataclass(frozen=True)
class Continue(Event):
    """The deliberate "move on" (Enter): start a turn, leave a finished one, go to the next step."""


@dataclass(frozen=True)
class RequestTimeOut(Event):
    """Someone asks for a time-out: the clock stops at once, before anyone is named."""


@dataclass(frozen=True)
class CallTimeOut(Event):
    """A partner calls the time-out (the one just requested, or a new one): it lasts until `Resume`."""

    by: PartnerId


@dataclass(frozen=True)
class CancelTimeOut(Event):
    """Nobody calls the requested time-out after all: the clock goes on with no time lost."""


@dataclass(frozen=True)
class Resume(Event):
    """End the time-out and continue the same turn."""


@dataclass(frozen=True)
class EndTurnEarly(Event):
    """The speaker is done before the time is up (the screen asks first)."""


@dataclass(frozen=True)
class Rate(Event):
    """The current partner's check-in rating, 1 to 5."""

    value: int


@dataclass(frozen=True)
class ChooseGentler(Event):
    """After a low check-in, the couple picks a gentler script instead."""


@dataclass(frozen=True)
class GiveAppreciation(Event):
    """The current partner gave an appreciation, spoken aloud and optionally typed; `by` is whose words."""

    text: str = ""
    by: PartnerId | None = None  # None: whoever's turn it is; otherwise refused unless it is theirs


@dataclass(frozen=True)
class Answer(Event):
    """The current partner answered a question card or wrote their private reveal answer; `by` as above."""

    text: str = ""
    by: PartnerId | None = None


@dataclass(frozen=True)
class SkipQuestion(Event):
    """Put the current question card aside."""


@dataclass(frozen=True)
class ToggleFavourite(Event):
    """Keep (or stop keeping) the current question as a favourite."""


@dataclass(frozen=True)
class ReflectionConfirmed(Event):
    """The speaker says the listener got it."""


@dataclass(frozen=True)
class NotQuite(Event):
    """The speaker says the listener did not quite get it; they try again."""


@dataclass(frozen=True)
class ThereIsMore(Event):
    """In a mirroring loop, the speaker has more to say."""


@dataclass(frozen=True)
class NoMore(Event):
    """In a mirroring loop, the speaker has said all of it."""


@dataclass(frozen=True)
class CaptureFollowUp(Event):
    """A promise, request or wish to carry forward; `owner` is a partner or "both"."""

    kind: str
    text: str
    owner: str = ""
    by: PartnerId | None = None  # who wrote it; refused unless it is their turn


@dataclass(frozen=True)
class SkipCapture(Event):
    """The current partner has nothing to carry forward this time."""


@dataclass(frozen=True)
class ReviewDecision(Event):
    """How an open follow-up went: kept, not_yet or let_go."""

    status: str


@dataclass(frozen=True)
class UndoReview(Event):
    """Take back the last decision of this review step: that follow-up is asked about again."""


@dataclass(frozen=True)
class Finish(Event):
    """End the session now, on purpose, keeping everything done so far."""


@dataclass(frozen=True)
class Abandon(Event):
    """Quit the session; what was done is kept, marked unfinished."""
