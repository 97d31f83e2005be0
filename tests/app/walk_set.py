"""The built-in scripts the app walks (tests/app/test_app_walk.py, test_app_walk_typing.py): the fewest
scripts that hold every shape of step the library has, so each shape is driven through the real screens
once. The engine walks every script (tests/test_engine_rules.py); test_step_shapes.py checks the cover."""

from __future__ import annotations

import dataclasses
from typing import Any

from tui.core.library import Library, load_library
from tui.core.script_model import Script

# Fields whose value changes what the couple sees or presses (who starts, how a turn is reflected, ...);
# the other fields count only as set or empty, and numbers as 0, 1 or more.
FLOW_FIELDS = frozenset(
    {"first", "answer", "reflect", "speakers", "kinds", "save", "offer_gentler", "favourites", "shuffle"}
    | {"intensity"}
)


def shape_value(name: str, value: Any) -> Any:
    """The part of a field's value that makes a step a different shape."""
    if name in FLOW_FIELDS or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return min(value, 2) if value >= 0 else value
    return bool(value)


def step_shape(step: Any, library: Library) -> tuple[Any, ...]:
    """A step's kind, its flow fields' values, which texts it sets, and whether its deck is opt-in."""
    shape: list[Any] = [step.kind]
    for field in dataclasses.fields(step):
        if field.name != "kind":
            shape.append((field.name, shape_value(field.name, getattr(step, field.name))))
    if step.kind == "questions" and step.deck:
        deck = library.find_deck(step.deck)
        shape.append(("opt_in_deck", bool(deck and deck.opt_in)))
    return tuple(shape)


TYPING_KINDS = frozenset({"appreciation", "reveal", "capture"})
"""The step kinds where a partner types words that are saved with their name."""


def shapes_of(script: Script, library: Library, kinds: frozenset[str] | None = None) -> set[tuple[Any, ...]]:
    """Every step shape in a script (only of steps of `kinds`, when given)."""
    return {step_shape(step, library) for step in script.steps if kinds is None or step.kind in kinds}


def covering_scripts(library: Library, kinds: frozenset[str] | None = None) -> list[str]:
    """The ids of a small set of built-in scripts that together hold every step shape (of `kinds`, when
    given; greedy, in a fixed order: the script adding the most shapes first, the shorter one on a tie)."""
    scripts = sorted((entry.script for entry in library.scripts()), key=lambda script: script.id)
    left = set().union(*(shapes_of(script, library, kinds) for script in scripts))
    chosen: list[str] = []
    while left:
        best = max(
            scripts, key=lambda script: (len(shapes_of(script, library, kinds) & left), -len(script.steps))
        )
        chosen.append(best.id)
        left -= shapes_of(best, library, kinds)
    return chosen


WALKED_SCRIPT_IDS = covering_scripts(load_library())
TYPING_SCRIPT_IDS = covering_scripts(load_library(), TYPING_KINDS)
"""The scripts the Tab walk takes: every shape of a typing step at least once."""
