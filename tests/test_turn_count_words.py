"""The line above the clock says where a turns step has got to in the couple's words: pieces when one
partner holds the floor, turns (and rounds) when the two take turns."""

from __future__ import annotations

import pytest
from engine_support import advance, script_from, started_session

from tui.core.events import Continue
from tui.core.runners.base import DONE
from tui.core.runners.turns import TurnsRunner
from tui.widgets.steps.turn import DEFAULT_LISTENER_GUIDES, turn_count_words


def words_through_the_step(speakers: str, rounds: int) -> list[str]:
    """The count's words at the start of each turn of one turns step, run to its end."""
    session = started_session(
        script_from(
            f'[[steps]]\nkind = "turns"\ntitle = "The floor"\nspeakers = "{speakers}"\nminutes = 1\n'
            f'rounds = {rounds}\nreflect = "none"\n',
            "unequal = true",  # one partner speaking alone, as in the floor's practice steps
        )
    )
    seen: list[str] = []
    while isinstance(session.runner, TurnsRunner) and session.runner.phase != DONE:
        seen.append(turn_count_words(session.runner))
        assert session.handle(Continue())  # the clock starts
        advance(session, 61)
        assert session.handle(Continue())  # the time is up: on to the next
    return seen


@pytest.mark.parametrize(
    ("speakers", "rounds", "expected"),
    [
        ("first", 3, ["piece 1 of 3", "piece 2 of 3", "piece 3 of 3"]),
        ("second", 2, ["piece 1 of 2", "piece 2 of 2"]),
        ("first", 1, [""]),
        ("both", 1, ["turn 1 of 2", "turn 2 of 2"]),
        ("both", 2, ["turn 1 of 4, round 1 of 2", "turn 2 of 4, round 1 of 2", "turn 3 of 4, round 2 of 2",
                     "turn 4 of 4, round 2 of 2"]),
    ],
)
def test_the_count_names_pieces_turns_and_rounds(speakers: str, rounds: int, expected: list[str]) -> None:
    """One partner speaking three times has three pieces of one floor, not "turn 2 of 3"."""
    assert words_through_the_step(speakers, rounds) == expected


def test_the_listener_guides_invite_rather_than_order() -> None:
    """Each default guide says what a listener does (listens without interrupting, no advice, no defending)
    as an invitation: no "Only listen", no bare "No fixing"."""
    for guide in DEFAULT_LISTENER_GUIDES.values():
        assert guide.startswith("Listen to understand, without interrupting.")
        assert "no need to advise or defend" in guide
        assert "Only listen" not in guide and "No fixing" not in guide
