"""Helpers for asserting a built-in script's shape against its method, and a program's schedule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from library_support import builtin_library

from tui.core.programs import Program
from tui.core.script_model import (
    CaptureStep,
    PartnerId,
    ReviewStep,
    Script,
    Step,
    TurnsStep,
    resolve_first,
    speakers_for,
)

REVIEWED_KINDS = ("promise", "request")  # wishes are kept for the long run, not checked within days
REVIEW_WITHIN_DAYS = 4


def script(script_id: str) -> Script:
    """A built-in script by id, failing the test clearly when it is missing."""
    found = builtin_library().find(script_id)
    assert found is not None, f'no built-in script "{script_id}"'
    return found


def steps_of(found: Script, kind: type[Step]) -> list:
    """The steps of one kind, in order."""
    return [step for step in found.steps if isinstance(step, kind)]


def index_of(found: Script, predicate: Callable[[Step], bool]) -> int:
    """The position of the first step that matches, failing when none does."""
    for index, step in enumerate(found.steps):
        if predicate(step):
            return index
    raise AssertionError(f"{found.id}: no step matches")


def titled(word: str) -> Callable[[Step], bool]:
    """A predicate for a step whose title contains `word`."""
    return lambda step: word in step.title.casefold()


def speaking_minutes_each(found: Script) -> float:
    """Planned speaking minutes for one partner (the scripts are equal, so either will do)."""
    return found.turn_seconds_by_partner("a")["a"] / 60


def turn_order(found: Script, session_first: PartnerId = "a") -> list[tuple[PartnerId, str]]:
    """Every protected turn of the script in order, as (speaker, what follows it)."""
    order: list[tuple[PartnerId, str]] = []
    for step in steps_of(found, TurnsStep):
        speakers = speakers_for(step.speakers, resolve_first(step.first, session_first))
        order += [(speaker, step.reflect) for _ in range(step.rounds) for speaker in speakers]
    return order


def floors(found: Script, session_first: PartnerId = "a") -> list[tuple[PartnerId, int]]:
    """Each time the floor is held: who held it and how many paraphrased pieces before it passed."""
    held: list[tuple[PartnerId, int]] = []
    for speaker, reflect in turn_order(found, session_first):
        pieces = 1 if reflect == "paraphrase" else 0
        if held and held[-1][0] == speaker:
            held[-1] = (speaker, held[-1][1] + pieces)
        else:
            held.append((speaker, pieces))
    return held


def answerer(step: Step, session_first: PartnerId = "a") -> PartnerId:
    """Who answers (first) in a step with a `first` setting."""
    return resolve_first(getattr(step, "first", "rotate"), session_first)


@dataclass(frozen=True)
class Sitting:
    """One suggested session of a program: its day from the start and its script."""

    day: int
    script: Script


def sittings(program: Program) -> list[Sitting]:
    """The program's sessions on their suggested days, in order."""
    day = 0
    found: list[Sitting] = []
    for part in program.parts:
        for sitting in range(part.times):
            found.append(Sitting(day + sitting * part.every_days, script(part.script)))
        day += part.days
    return found


def captured_kinds(found: Script) -> set[str]:
    """The promise and request kinds a script asks for (wishes are left out)."""
    kinds = {kind for step in steps_of(found, CaptureStep) for kind in step.kinds}
    return kinds & set(REVIEWED_KINDS)


def reviewed_kinds(found: Script) -> set[str]:
    """The follow-up kinds a script looks back at."""
    return {kind for step in steps_of(found, ReviewStep) for kind in step.kinds}


def unreviewed(program: Program, within_days: int = REVIEW_WITHIN_DAYS) -> list[str]:
    """Each promise or request a program asks for that no later sitting looks at within `within_days`."""
    plan = sittings(program)
    problems = []
    for index, sitting in enumerate(plan):
        for kind in sorted(captured_kinds(sitting.script)):
            later = [s for s in plan[index + 1 :] if kind in reviewed_kinds(s.script)]
            if not later or later[0].day - sitting.day > within_days:
                when = f"looked at on day {later[0].day}" if later else "never looked at"
                problems.append(
                    f"{program.id}: {sitting.script.id} on day {sitting.day} asks a {kind}; {when}"
                )
    return problems
