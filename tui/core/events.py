"""The explicit events that drive a session; screens turn key presses into these."""

from __future__ import annotations

from tui.core.frozen import frozen
from tui.core.script_model import PartnerId


@frozen
class Event:
    """Base class of everything a session can be told."""


@frozen
class Start(Event):
    """Begin the session at its first step."""


@frozen
class Continue(Event):
    """The deliberate "move on" (Enter): start a turn, leave a finished one, go to the next step."""


@frozen
class RequestTimeOut(Event):
    """Someone asks for a time-out: the clock stops at once, before anyone is named."""


@frozen
class CallTimeOut(Event):
    """A partner calls the time-out (the one just requested, or a new one): it lasts until `Resume`."""

    by: PartnerId


@frozen
class CancelTimeOut(Event):
    """Nobody calls the requested time-out after all: the clock goes on with no time lost."""


@frozen
class Resume(Event):
    """End the time-out and continue the same turn."""


@frozen
class EndTurnEarly(Event):
    """The speaker is done before the time is up (the screen asks first)."""


@frozen
class Rate(Event):
    """The current partner's check-in rating, 1 to 5."""

    value: int


@frozen
class ChooseGentler(Event):
    """After a low check-in, the couple picks a gentler script instead."""


@frozen
class GiveAppreciation(Event):
    """The current partner gave an appreciation, spoken aloud and optionally typed; `by` is whose words."""

    text: str = ""
    by: PartnerId | None = None  # None: whoever's turn it is; otherwise refused unless it is theirs


@frozen
class Answer(Event):
    """The current partner answered a question card or wrote their private reveal answer; `by` as above."""

    text: str = ""
    by: PartnerId | None = None


@frozen
class SkipQuestion(Event):
    """Put the current question card aside."""


@frozen
class ToggleFavourite(Event):
    """Keep (or stop keeping) the current question as a favourite."""


@frozen
class ReflectionConfirmed(Event):
    """The speaker says the listener got it."""


@frozen
class NotQuite(Event):
    """The speaker says the listener did not quite get it; they try again."""


@frozen
class ThereIsMore(Event):
    """In a mirroring loop, the speaker has more to say."""


@frozen
class NoMore(Event):
    """In a mirroring loop, the speaker has said all of it."""


@frozen
class CaptureFollowUp(Event):
    """A promise, request or wish to carry forward; `owner` is a partner or "both"."""

    kind: str
    text: str
    owner: str = ""
    by: PartnerId | None = None  # who wrote it; refused unless it is their turn


@frozen
class SkipCapture(Event):
    """The current partner has nothing to carry forward this time."""


@frozen
class ReviewDecision(Event):
    """How an open follow-up went: kept, not_yet or let_go."""

    status: str


@frozen
class UndoReview(Event):
    """Take back the last decision of this review step: that follow-up is asked about again."""


@frozen
class Finish(Event):
    """End the session now, on purpose, keeping everything done so far."""


@frozen
class Abandon(Event):
    """Quit the session; what was done is kept, marked unfinished."""
