"""What every step runner shares: its context, phase, snapshot and the clock it may pause."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from tui.core.clock import Clock, isoformat
from tui.core.events import Event
from tui.core.partners import Partners
from tui.core.script_model import Deck, PartnerId, Step, other, resolve_first
from tui.core.session_log import SessionLog
from tui.core.step_kinds import KindRegistry
from tui.core.timer import TimerCue, TurnTimer

DONE = "done"


@dataclass
class RunContext:
    """What a runner may use: the clock, the log, the partners, and lookups given to the session."""

    clock: Clock
    log: SessionLog
    partners: Partners
    session_first: PartnerId
    session_id: str
    script_id: str
    seed: int
    decks: dict[str, Deck] = field(default_factory=dict)
    open_follow_ups: list[dict[str, Any]] = field(default_factory=list)
    gentler_script_id: str = ""
    prefilled_checkins: dict[str, int] = field(default_factory=dict)
    recent_questions: frozenset[str] = frozenset()  # cards the couple saw lately: a deck draws them last
    favourite_questions: tuple[str, ...] = ()  # cards kept as favourites lately: `favourites = true` asks them first
    opt_in_decks: bool = False  # whether decks marked `opt_in` may be drawn (a setting, off by default)

    def now_iso(self) -> str:
        """The wall-clock time for a record entry."""
        return isoformat(self.clock.now())

    def rng_for(self, step_index: int) -> random.Random:
        """A random source that gives the same choices for the same session and step."""
        return random.Random(f"{self.seed}:{step_index}")


class StepRunner:
    """Runs one step: `start()`, then `handle()` events until `phase` is `done`.

    A subclass names the step kind it runs (`class NoteRunner(StepRunner, kind="note")`), which puts it
    in `RUNNERS`. It says which events apply now in `accepts()` (a question only: the views ask it to
    decide which keys are live) and changes its state in `apply()`; `handle()` joins the two.
    """

    def __init_subclass__(cls, kind: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if kind is not None:
            RUNNERS.register(kind, cls)

    def __init__(self, step: Step, index: int, context: RunContext) -> None:
        self.step = step
        self.index = index
        self.context = context
        self.phase = "ready"
        self.switch_requested = False

    @property
    def done(self) -> bool:
        """Whether the step is complete."""
        return self.phase == DONE

    def order(self) -> tuple[PartnerId, PartnerId]:
        """The two partners in the order this step takes them (its `first` setting)."""
        first = resolve_first(getattr(self.step, "first", "rotate"), self.context.session_first)
        return (first, other(first))

    @property
    def author(self) -> PartnerId | None:
        """Whose words typing would be now (None when nobody is asked to write or answer)."""
        return None

    def written_by_author(self, by: PartnerId | None) -> bool:
        """Whether words said to be `by` someone (None: by whoever's turn it is) belong to the author now."""
        return self.author is not None and by in (None, self.author)

    def start(self) -> None:
        """Begin the step (the session calls this once)."""

    def accepts(self, event: Event) -> bool:
        """Whether `event` applies now (asking changes nothing)."""
        return False

    def apply(self, event: Event) -> None:
        """Change the step's state for an event that `accepts()` allowed."""

    def handle(self, event: Event) -> bool:
        """Apply `event`; return False (and change nothing) when it does not apply now."""
        if not self.accepts(event):
            return False
        self.apply(event)
        return True

    def interrupt(self) -> None:
        """The session ends while this step is under way: keep whatever it was in the middle of."""

    @property
    def countdown(self) -> TurnTimer | None:
        """This step's clock, if it has one (shown before it starts; a time-out pauses it while it runs)."""
        return None

    def poll(self) -> list[TimerCue]:
        """Timer cues that became due (each reported once)."""
        timer = self.countdown
        return timer.poll() if timer else []

    def outcome(self) -> dict[str, Any]:
        """What this step produced, for the record's `steps` list."""
        return {}

    def snapshot(self) -> dict[str, Any]:
        """Everything needed to continue this step after a restart."""
        return {"phase": self.phase}

    def restore(self, data: dict[str, Any]) -> None:
        """Continue from `snapshot()` data."""
        self.phase = data["phase"]


RUNNERS: KindRegistry[StepRunner] = KindRegistry("runner")
