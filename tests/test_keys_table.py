"""The README's key table and the help are made from the bindings; the README is kept in step."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

from tui.keys import KEY_TABLE, key_rows, keys_for, keys_help, with_readme_table

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_key_table_matches_the_bindings() -> None:
    readme = README.read_text(encoding="utf-8")
    assert readme == with_readme_table(readme), "run `python -m tui.keys --readme`"


def test_every_row_names_keys_that_are_bound() -> None:
    assert len(key_rows()) == len(KEY_TABLE)
    for row in KEY_TABLE:
        for action in row.actions:
            assert keys_for(row.owner, action)


def test_a_key_table_row_without_a_binding_fails_loudly() -> None:
    class Quiet(DOMNode):
        BINDINGS = [Binding("a", "something_else", "Else")]

    with pytest.raises(LookupError):
        keys_for(Quiet, "time_out")


def test_changing_a_binding_changes_the_help() -> None:
    class Moved(DOMNode):
        BINDINGS = [Binding("ctrl+y", "time_out", "Time-out"), Binding("5", "rate(5)", "5")]

    assert keys_for(Moved, "time_out") == ["ctrl+y"]
    assert keys_for(Moved, "rate") == ["5"]
    assert "ctrl+t" in keys_help()


def test_an_action_with_its_parameters_names_one_key() -> None:
    """ "decide('kept')" is the review's k alone; "decide" is all three of its keys."""
    from tui.widgets.steps.writing import ReviewView

    assert keys_for(ReviewView, "decide('kept')") == ["k"]
    assert keys_for(ReviewView, "decide") == ["k", "n", "l"]
