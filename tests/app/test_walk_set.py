"""The scripts the app walks hold every step kind and every shape of step of the built-in library."""

from __future__ import annotations

from walk_set import TYPING_KINDS, TYPING_SCRIPT_IDS, WALKED_SCRIPT_IDS, shapes_of

from tui.core.library import Library
from tui.core.step_kinds import step_kind_names


def test_the_walked_scripts_hold_every_step_shape_of_the_library(library: Library) -> None:
    every = {entry.script.id: shapes_of(entry.script, library) for entry in library.scripts()}
    walked = set().union(*(every[script_id] for script_id in WALKED_SCRIPT_IDS))
    assert walked == set().union(*every.values())
    assert len(WALKED_SCRIPT_IDS) < len(every)  # the point of the set: fewer walks than scripts


def test_the_walked_scripts_hold_every_step_kind(library: Library) -> None:
    walked = [entry.script for entry in library.scripts() if entry.script.id in WALKED_SCRIPT_IDS]
    kinds = {step.kind for script in walked for step in script.steps}
    assert kinds == set(step_kind_names())


def test_the_tab_walk_holds_every_shape_of_a_typing_step(library: Library) -> None:
    every = {entry.script.id: shapes_of(entry.script, library, TYPING_KINDS) for entry in library.scripts()}
    walked = set().union(*(every[script_id] for script_id in TYPING_SCRIPT_IDS))
    assert walked == set().union(*every.values())
    assert {shape[0] for shape in walked} == TYPING_KINDS
