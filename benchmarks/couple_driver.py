"""Plays one session of a real script through the real engine on a manual clock, as a couple would."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from benchmarks.realistic_words import CoupleWords
from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.events import (
    Abandon,
    Answer,
    CallTimeOut,
    CaptureFollowUp,
    ChooseGentler,
    Continue,
    EndTurnEarly,
    Event,
    Finish,
    GiveAppreciation,
    NoMore,
    NotQuite,
    Rate,
    ReflectionConfirmed,
    RequestTimeOut,
    Resume,
    ReviewDecision,
    SkipCapture,
    SkipQuestion,
    Start,
    ThereIsMore,
    ToggleFavourite,
)
from tui.core.partners import Partners
from tui.core.runners.base import StepRunner
from tui.core.runners.conversation import DECK_OFF, AppreciationRunner, CheckinRunner, QuestionsRunner
from tui.core.runners.simple import NoteRunner
from tui.core.runners.turns import TurnsRunner
from tui.core.runners.writing import REVIEWED, CaptureRunner, RevealRunner, ReviewRunner
from tui.core.script_model import Deck, Script

MAX_EVENTS = 5_000  # a script that never ends would be a bug in the driver or the engine: fail loudly
ENDED_EARLY_SHARE = 0.03  # sessions ended on purpose part-way (`x`)
ABANDONED_SHARE = 0.01  # sessions quit and never continued
TIME_OUT_SHARE = 0.04  # turns interrupted by a time-out
RECENT = timedelta(days=4)  # a follow-up this young is often given more time at a review ("not yet")


def seeded_uuid(rng: random.Random) -> str:
    """A version-4 UUID drawn from `rng`, so the same seed gives the same ids."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


class CoupleDriver:
    """Chooses each event a couple would send, with the time it takes them, until the session ends."""

    def __init__(self, session: Session, clock: ManualClock, rng: random.Random, words: CoupleWords) -> None:
        self.session = session
        self.clock = clock
        self.rng = rng
        self.words = words
        self.stop_after = self._planned_stop()

    def _planned_stop(self) -> tuple[int, Event] | None:
        roll = self.rng.random()
        if roll < ENDED_EARLY_SHARE:
            return self.rng.randint(2, 12), Finish()
        if roll < ENDED_EARLY_SHARE + ABANDONED_SHARE:
            return self.rng.randint(2, 20), Abandon()
        return None

    def wait(self, low: float, high: float) -> None:
        """Let some seconds pass on the session's clock."""
        self.clock.advance(round(self.rng.uniform(low, high), 3))

    def send(self, event: Event) -> None:
        """Hand one event to the session; the driver only ever sends events the session allows."""
        if not self.session.handle(event):
            raise RuntimeError(f"the engine refused {event!r} at step {self.session.step_index}")

    def play(self) -> None:
        """From Start to the end of the session (finished, switched, ended early or abandoned)."""
        self.send(Start())
        for count in range(MAX_EVENTS):
            if not self.session.is_running:
                return
            if self.stop_after is not None and count == self.stop_after[0]:
                self.send(self.stop_after[1])
                return
            runner = self.session.runner
            assert runner is not None
            self.step(runner)
        raise RuntimeError(f"{self.session.script.id} did not end within {MAX_EVENTS} events")

    def step(self, runner: StepRunner) -> None:
        """The next thing the couple does in this step."""
        if isinstance(runner, CheckinRunner):
            self.checkin(runner)
        elif isinstance(runner, AppreciationRunner):
            self.wait(20, 90)
            self.send(GiveAppreciation(self.words.appreciation()))
        elif isinstance(runner, QuestionsRunner):
            self.questions(runner)
        elif isinstance(runner, TurnsRunner):
            self.turns(runner)
        elif isinstance(runner, RevealRunner):
            self.reveal(runner)
        elif isinstance(runner, CaptureRunner):
            self.capture(runner)
        elif isinstance(runner, ReviewRunner):
            self.review(runner)
        elif isinstance(runner, NoteRunner) and runner.countdown is not None:
            self.clock.advance(round(runner.countdown.duration_seconds * self.rng.uniform(0.6, 1.1), 3))
            self.send(Continue())
        else:  # a note without a timer, the close
            self.wait(10, 60)
            self.send(Continue())

    def checkin(self, runner: CheckinRunner) -> None:
        """Energy 1-5, now and then low; after a low pair, usually carry on, sometimes go gentler."""
        self.wait(5, 25)
        if runner.phase == "rating":
            self.send(Rate(self.rng.choices((1, 2, 3, 4, 5), weights=(2, 6, 30, 40, 22))[0]))
        else:
            self.send(ChooseGentler() if self.rng.random() < 0.25 else Continue())

    def questions(self, runner: QuestionsRunner) -> None:
        """Mostly answered in words; sometimes kept as a favourite first, sometimes put aside (a step whose
        deck stays off until the couple turns it on only says so: Enter goes on)."""
        if runner.phase == DECK_OFF:
            self.send(Continue())
            return
        roll = self.rng.random()
        if roll < 0.08 and not runner.is_favourite:
            self.send(ToggleFavourite())
        elif roll < 0.16:
            self.wait(3, 10)
            self.send(SkipQuestion())
        else:
            self.wait(30, 150)
            self.send(Answer(self.words.answer()))

    def turns(self, runner: TurnsRunner) -> None:
        """A protected turn: started with Enter, spoken (maybe with a time-out), then reflected on."""
        phase = runner.phase
        if phase == "ready":
            self.wait(3, 20)
            self.send(Continue())
        elif phase == "speaking":
            self.speak(runner)
        elif phase == "reflect":
            self.wait(20, 75)
            self.send(NotQuite() if runner.reflection_attempts < 2 and self.rng.random() < 0.15 else ReflectionConfirmed())
        elif phase == "more":
            self.send(ThereIsMore() if runner.more_count < 2 and self.rng.random() < 0.2 else NoMore())
        else:  # going on: the rest is said, untimed
            self.wait(30, 120)
            self.send(Continue())

    def speak(self, runner: TurnsRunner) -> None:
        """Speak for about the planned time: a little short (ending early) or a little over."""
        planned = runner.countdown.duration_seconds
        spoken = planned * self.rng.uniform(0.7, 1.15)
        if self.rng.random() < TIME_OUT_SHARE:
            self.clock.advance(round(spoken * self.rng.uniform(0.1, 0.6), 3))
            self.send(RequestTimeOut())
            self.send(CallTimeOut(self.rng.choice(("a", "b"))))
            self.wait(30, 600)
            self.send(Resume())
        self.clock.advance(round(max(0.0, spoken - runner.countdown.elapsed_seconds()), 3))
        self.send(Continue() if runner.countdown.is_time_up() else EndTurnEarly())

    def reveal(self, runner: RevealRunner) -> None:
        """Each writes privately in turn; then the answers are shown together."""
        if runner.phase == "writing":
            self.wait(60, 240)
            self.send(Answer(self.words.reveal()))
        else:
            self.wait(10, 90)
            self.send(Continue())

    def capture(self, runner: CaptureRunner) -> None:
        """A promise, request or wish about half the time; otherwise nothing this time."""
        self.wait(20, 90)
        if self.rng.random() < 0.5:
            kind = self.rng.choice(sorted(runner.step.kinds))
            owner = self.rng.choice((runner.capturer, runner.capturer, "both"))
            self.send(CaptureFollowUp(kind, self.words.follow_up(kind), owner))
        else:
            self.send(SkipCapture())

    def review(self, runner: ReviewRunner) -> None:
        """Earlier follow-ups: most kept or let go; one from the last few days is often left for later. Once
        each has its answer, Enter at once (no time, no draw: the histories stay those of older versions)."""
        if runner.phase == REVIEWED:
            self.send(Continue())
            return
        self.wait(10, 45)
        if runner.phase != "reviewing" or runner.item is None:
            self.send(Continue())
            return
        made = datetime.fromisoformat(str(runner.item.get("created_at") or "2000-01-01T00:00:00+00:00"))
        recent = self.clock.now() - made < RECENT
        weights = (35, 15, 50) if recent else (60, 30, 10)
        self.send(ReviewDecision(self.rng.choices(("kept", "let_go", "not_yet"), weights=weights)[0]))


def played_record(
    script: Script,
    partners: Partners,
    start: datetime,
    rng: random.Random,
    words: CoupleWords,
    *,
    decks: dict[str, Deck],
    first_speaker: str,
    open_follow_ups: list[dict[str, Any]],
    gentler_script_id: str,
    prefilled_checkins: dict[str, int] | None = None,
    program_id: str = "",
) -> dict[str, Any]:
    """The record `Session.record()` gives after a couple played `script` starting at `start` (follow-up
    ids redrawn from `rng`, so the same seed gives the same history)."""
    clock = ManualClock(start=start)
    session = Session(
        script,
        partners,
        clock,
        first_speaker=first_speaker,  # type: ignore[arg-type]
        decks=decks,
        open_follow_ups=open_follow_ups,
        gentler_script_id=gentler_script_id,
        prefilled_checkins=prefilled_checkins,
        session_id=seeded_uuid(rng),
        seed=rng.getrandbits(31),
        program_id=program_id,
    )
    CoupleDriver(session, clock, rng, words).play()
    record = session.record()
    for follow_up in record["follow_ups"]:
        follow_up["id"] = seeded_uuid(rng)
    return record
