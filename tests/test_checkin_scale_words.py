"""A check-in's scale words: set per step, with defaults that fit the default question, checked like any field."""

from __future__ import annotations

import pytest
from engine_support import script_from

from tui.core.problems import ScriptError
from tui.core.script_model import CheckinStep

CLOSE = '[[steps]]\nkind = "close"\n'


def checkin_with(lines: str) -> str:
    """A check-in step with extra `key = value` lines, then a close."""
    return '[[steps]]\nkind = "checkin"\n' + lines + "\n" + CLOSE


def problems_of(lines: str) -> list[str]:
    """The problem messages for a check-in with these lines (the script must not load)."""
    with pytest.raises(ScriptError) as error:
        script_from(checkin_with(lines))
    return [str(problem) for problem in error.value.problems]


def test_the_default_words_fit_the_default_energy_question() -> None:
    step = script_from(checkin_with("")).steps[0]
    assert isinstance(step, CheckinStep)
    assert step.question == "How much energy do you have for this right now?"
    assert (step.low, step.high) == ("very little", "a lot")


def test_a_step_sets_its_own_end_words() -> None:
    step = script_from(checkin_with('low = "still stirred up"\nhigh = "calm"')).steps[0]
    assert isinstance(step, CheckinStep)
    assert (step.low, step.high) == ("still stirred up", "calm")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("low = 1", "steps[1].low: must be text in quotes, got a whole number"),
        ("high = true", "steps[1].high: must be text in quotes, got true/false"),
        (f'low = "{"x" * 41}"', "steps[1].low: is 41 characters long; at most 40 fit"),
        ('high = "  "', "steps[1].high: must not be blank"),
        ('low = "calm"\nhigh = "Calm"', "steps[1].high: the two ends of the scale need different words"),
        ('hihg = "calm"', 'unknown key "hihg" (did you mean "high"?)'),
    ],
)
def test_scale_words_are_checked_like_every_field(lines: str, expected: str) -> None:
    assert any(expected in problem for problem in problems_of(lines)), problems_of(lines)
