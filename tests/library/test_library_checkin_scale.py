"""The built-in check-ins: the words at the ends of each scale agree with the question they answer."""

from __future__ import annotations

import re

import pytest
from library_support import builtin_library

from tui.core.script_model import CheckinStep

DEFAULT = CheckinStep(kind="checkin", title="", text="")
ENDS_IN_QUESTION = re.compile(r"\b1 \(([^)]+)\).*\b5 \(([^)]+)\)")
HOW_WHAT = re.compile(r"^how (\w+)\b", re.IGNORECASE)
AMOUNT_WORDS = ("much", "many", "often", "long")  # "How much energy...": an amount, not a quality


def builtin_checkins() -> list[tuple[str, CheckinStep]]:
    """(where, step) for every check-in in the built-in scripts."""
    found = []
    for entry in builtin_library().scripts():
        for number, step in enumerate(entry.script.steps, start=1):
            if isinstance(step, CheckinStep):
                found.append((f"{entry.script.id}: step {number}", step))
    return found


CHECKINS = builtin_checkins()


def test_the_library_has_check_ins_with_their_own_questions() -> None:
    assert len(CHECKINS) >= 15
    assert [where for where, step in CHECKINS if step.question != DEFAULT.question]


@pytest.mark.parametrize(("where", "step"), CHECKINS, ids=[where for where, _ in CHECKINS])
def test_a_question_that_names_its_ends_has_those_words_on_its_scale(where: str, step: CheckinStep) -> None:
    """ "from 1 (still stirred up) to 5 (calm)": the scale beside 1 and 5 says exactly that."""
    named = ENDS_IN_QUESTION.search(step.question)
    if named:
        assert (step.low, step.high) == named.groups(), where


@pytest.mark.parametrize(("where", "step"), CHECKINS, ids=[where for where, _ in CHECKINS])
def test_a_question_of_its_own_has_scale_words_of_its_own(where: str, step: CheckinStep) -> None:
    """The default words fit the default question; any other question chooses its own ends."""
    if step.question != DEFAULT.question:
        assert step.low != DEFAULT.low and step.high != DEFAULT.high, f"{where}: {step.question!r}"


@pytest.mark.parametrize(("where", "step"), CHECKINS, ids=[where for where, _ in CHECKINS])
def test_a_how_calm_question_rises_to_calm(where: str, step: CheckinStep) -> None:
    """ "How ready..." and "How calm..." ask for a quality: 5 is that quality, and 1 is not it."""
    asked = HOW_WHAT.match(step.question)
    if asked and asked.group(1).casefold() not in AMOUNT_WORDS:
        quality = asked.group(1).casefold()
        assert quality in step.high.casefold(), f"{where}: 5 is {step.high!r} for {step.question!r}"
        assert step.low.casefold() != quality, where


@pytest.mark.parametrize(("where", "step"), CHECKINS, ids=[where for where, _ in CHECKINS])
def test_the_two_ends_differ_and_fit_beside_their_number(where: str, step: CheckinStep) -> None:
    assert step.low.strip() and step.high.strip(), where
    assert step.low.casefold() != step.high.casefold(), where
    assert len(step.low) <= 40 and len(step.high) <= 40, where
