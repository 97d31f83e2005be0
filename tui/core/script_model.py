"""The script and deck models that the loader builds from TOML and the engine runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any, Literal

from tui.core.frozen import frozen
from tui.core.schema import Field, Reporter
from tui.core.step_kinds import Step, StepKind, declare_step_kind

PartnerId = Literal["a", "b"]
PARTNERS: tuple[PartnerId, PartnerId] = ("a", "b")

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


FIRST = ("rotate", "other", "a", "b")  # other: the partner who is not the session's starter
MINUTES = Field("number", minimum=0.05, maximum=120, unit="minutes")
COUNT = Field("int", minimum=1, maximum=20)
GUIDE = Field("text", max_length=400)
DeckLookup = Callable[[str], "Deck | None"]
DEFAULT_QUESTION_COUNT = 5  # cards drawn when a questions step gives no `count` (fewer if fewer exist)
REFLECTION_MINUTES = {"none": 0.0, "paraphrase": 2.0, "mirror": 4.0}


@frozen
class NoteStep(Step):
    """Words to read together, optionally with a gentle timer (a quiet minute, a hug)."""

    minutes: float | None = None

    def estimated_minutes(self) -> float:
        """The gentle timer's length, or a minute to read."""
        return self.minutes if self.minutes is not None else super().estimated_minutes()


def _check_note(values: dict[str, Any], place: str, report: Reporter, find_deck: DeckLookup | None) -> None:
    if not values["text"].strip():
        report(f"{place}.text", "a note step needs some text to show")


NOTE = declare_step_kind(
    StepKind("note", NoteStep, "A moment", {"minutes": MINUTES}, untimed_minutes=1.0, check=_check_note)
)


@frozen
class CheckinStep(Step):
    """Each partner rates their energy 1-5; a low rating offers a gentler script."""

    question: str = "How much energy do you have for this right now?"
    low: str = "very little"  # the words beside 1 on the scale; the defaults fit the default question
    high: str = "a lot"  # the words beside 5
    low_at: int = 2
    offer_gentler: bool = True


SCALE_WORDS = Field("text", max_length=40)  # beside its number on one line of the scale


def _check_checkin(values: dict[str, Any], place: str, report: Reporter, find_deck: DeckLookup | None) -> None:
    for end in ("low", "high"):
        if end in values and not values[end].strip():
            report(f"{place}.{end}", "must not be blank: these are the words beside 1 or 5 on the scale")
    low = values.get("low", CheckinStep.low).strip().casefold()
    high = values.get("high", CheckinStep.high).strip().casefold()
    if low and low == high:
        report(f"{place}.high", "the two ends of the scale need different words (low is beside 1, high beside 5)")


CHECKIN = declare_step_kind(
    StepKind(
        "checkin",
        CheckinStep,
        "Check-in",
        {
            "question": Field("text", max_length=200),
            "low": SCALE_WORDS,
            "high": SCALE_WORDS,
            "low_at": Field("int", minimum=1, maximum=4),
            "offer_gentler": Field("bool"),
        },
        check=_check_checkin,
    )
)


@frozen
class TurnsStep(Step):
    """Protected speaker/listener turns; a round gives each speaker one turn."""

    minutes: float = 10.0
    rounds: int = 1
    first: str = "rotate"  # rotate | other | a | b
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

    def estimated_minutes(self) -> float:
        """Exact: every turn, plus the time its reflection usually takes."""
        turns = self.rounds * len(speakers_for(self.speakers, "a"))
        return turns * (self.minutes + REFLECTION_MINUTES.get(self.reflect, 0.0))


def _check_turns(values: dict[str, Any], place: str, report: Reporter, find_deck: DeckLookup | None) -> None:
    minutes = values.get("minutes")
    turn_seconds = None if minutes is None else round(minutes * 60.0, 3)
    warn = values.get("warn_seconds", 60 if turn_seconds is None or turn_seconds > 60 else 0)
    if turn_seconds is not None and warn >= turn_seconds:
        report(
            f"{place}.warn_seconds",
            f"the warning ({warn} s) must come before the end of a {minutes:g}-minute turn "
            f"({turn_seconds:g} s); use a smaller number or 0 for none",
        )
    values["warn_seconds"] = warn


TURNS = declare_step_kind(
    StepKind(
        "turns",
        TurnsStep,
        "Turns",
        {
            "minutes": Field("number", required=True, minimum=0.05, maximum=120, unit="minutes"),
            "rounds": COUNT,
            "first": Field("choice", choices=FIRST),
            "speakers": Field("choice", choices=("both", "first", "second")),
            "warn_seconds": Field("int", minimum=0, maximum=7200, unit="seconds"),
            "reflect": Field("choice", choices=("none", "paraphrase", "mirror")),
            "speaker_guide": GUIDE,
            "listener_guide": GUIDE,
            "topic": Field("text", max_length=300),
        },
        check=_check_turns,
    )
)


@frozen
class AppreciationStep(Step):
    """Alternating appreciations, `each` per partner, optionally typed and saved."""

    each: int = 3
    save: bool = True
    first: str = "rotate"
    starters: tuple[str, ...] = ()

    def estimated_minutes(self) -> float:
        """About 45 seconds per appreciation."""
        return self.each * 2 * 0.75


APPRECIATION = declare_step_kind(
    StepKind(
        "appreciation",
        AppreciationStep,
        "Appreciations",
        {
            "each": COUNT,
            "save": Field("bool"),
            "first": Field("choice", choices=FIRST),
            "starters": Field("text_list", max_length=120),
        },
    )
)


@frozen
class QuestionsStep(Step):
    """Question cards from a deck or an inline list; both answer each card or they alternate."""

    deck: str = ""
    questions: tuple[str, ...] = ()
    count: int = 5
    answer: str = "alternate"  # alternate | both
    intensity: tuple[str, ...] = ()
    first: str = "rotate"
    shuffle: bool = True
    favourites: bool = False  # the couple's recent favourite questions first, asked again on purpose

    def estimated_minutes(self) -> float:
        """A minute and a half per card, two when both answer it."""
        per_card = 2.0 if self.answer == "both" else 1.5
        return self.count * per_card


def _check_questions(
    values: dict[str, Any], place: str, report: Reporter, find_deck: DeckLookup | None
) -> None:
    deck_id = values.get("deck", "")
    inline = values.get("questions", ())
    count_given = "count" in values
    count = values.get("count", DEFAULT_QUESTION_COUNT)
    if deck_id and inline:
        report(place, 'give either "deck" or "questions", not both')
        return
    if not deck_id and not inline:
        report(place, 'needs a "deck" (a deck id) or "questions" (a list of questions)')
        return
    wanted = set(values.get("intensity", ())) or set(INTENSITIES)
    if inline:
        if not count_given:
            values["count"] = min(DEFAULT_QUESTION_COUNT, len(inline))  # a short list is not a mistake
        elif count > len(inline):
            report(f"{place}.count", f"asks for {count} questions but only {len(inline)} are listed")
        return
    if find_deck is None:
        return
    deck = find_deck(deck_id)
    if deck is None:
        report(f"{place}.deck", f'no deck with id "{deck_id}" was found in sessions/decks/')
        return
    available = sum(1 for question in deck.questions if question.intensity in wanted)
    if not count_given and available > 0:
        values["count"] = min(DEFAULT_QUESTION_COUNT, available)
    elif count > available:
        report(f"{place}.count", f'asks for {count} questions but deck "{deck_id}" has {available} that fit')


QUESTIONS = declare_step_kind(
    StepKind(
        "questions",
        QuestionsStep,
        "Questions",
        {
            "deck": Field("text"),
            "questions": Field("text_list", max_length=300),
            "count": COUNT,
            "answer": Field("choice", choices=("alternate", "both")),
            "intensity": Field("choice_list", choices=INTENSITIES),
            "first": Field("choice", choices=FIRST),
            "shuffle": Field("bool"),
            "favourites": Field("bool"),
        },
        check=_check_questions,
    )
)


@frozen
class RevealStep(Step):
    """Each partner writes privately; then both answers show together."""

    prompt: str = ""
    first: str = "rotate"


REVEAL = declare_step_kind(
    StepKind(
        "reveal",
        RevealStep,
        "Write, then reveal",
        {"prompt": Field("text", required=True, max_length=300), "first": Field("choice", choices=FIRST)},
        untimed_minutes=4.0,
    )
)


@frozen
class CaptureStep(Step):
    """A promise, request or wish that outlives the session as a follow-up."""

    prompt: str = ""
    kinds: tuple[str, ...] = FOLLOW_UP_KINDS
    each: bool = True
    first: str = "rotate"


CAPTURE = declare_step_kind(
    StepKind(
        "capture",
        CaptureStep,
        "Something to carry forward",
        {
            "prompt": Field("text", max_length=300),
            "kinds": Field("choice_list", choices=FOLLOW_UP_KINDS, minimum=1),
            "each": Field("bool"),
            "first": Field("choice", choices=FIRST),
        },
        untimed_minutes=3.0,
    )
)


@frozen
class ReviewStep(Step):
    """Revisit the open follow-ups from earlier sessions: kept, not yet, or let go."""

    kinds: tuple[str, ...] = FOLLOW_UP_KINDS


REVIEW = declare_step_kind(
    StepKind(
        "review",
        ReviewStep,
        "Looking back at follow-ups",
        {"kinds": Field("choice_list", choices=FOLLOW_UP_KINDS, minimum=1)},
        untimed_minutes=3.0,
    )
)


@frozen
class CloseStep(Step):
    """The ending: what the couple did together, and an optional closing ritual."""

    ritual: str = ""


CLOSE = declare_step_kind(
    StepKind("close", CloseStep, "Closing", {"ritual": Field("text", max_length=300)}, untimed_minutes=2.0)
)


@frozen
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
    remember_when: bool = False  # show one past appreciation at the session's start
    source_path: str = ""
    content_hash: str = ""

    def total_minutes(self) -> float:
        """The planned length in minutes, computed from the steps (turns, notes and estimates)."""
        return sum(step.estimated_minutes() for step in self.steps)

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


@frozen
class DeckQuestion:
    """One open-ended question card."""

    text: str
    intensity: str = "light"


@frozen
class Deck:
    """A named set of question cards."""

    id: str
    title: str
    summary: str
    questions: tuple[DeckQuestion, ...] = field(default_factory=tuple)
    tags: tuple[str, ...] = ()
    source_path: str = ""
    opt_in: bool = False  # drawn only once the couple turns such decks on in Settings


def resolve_first(setting: str, session_first: PartnerId) -> PartnerId:
    """Who starts a step: the session's starter for `rotate`, the other partner for `other`, else the named one."""
    if setting == "other":
        return other(session_first)
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
