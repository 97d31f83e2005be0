"""The deck format's `opt_in` field: any true/false is read as written (absent is false), anything else
is a one-line problem naming the field; and the couple's setting for such decks survives the store."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.problems import ScriptError
from tui.core.script_loader import build_deck
from tui.core.settings import OPT_IN_DECKS_KEY, Settings
from tui.core.toml_files import parse_toml_bytes

QUESTION = '\n[[questions]]\ntext = "What made you smile today?"\n'
toml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
not_a_bool = st.one_of(
    st.integers(), toml_text, st.lists(st.integers(), max_size=3), st.floats(allow_nan=False)
)


def deck_bytes(opt_in_line: str) -> bytes:
    """A small valid deck whose header carries `opt_in_line` (or nothing)."""
    header = f'[deck]\nid = "a-deck"\ntitle = "A deck"\n{opt_in_line}\n'
    return (header + QUESTION).encode("utf-8")


def toml_value(value: Any) -> str:
    """A Python value written as TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return repr(value)


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.none(), st.booleans()))
def test_opt_in_is_read_as_written_and_false_when_absent(value: bool | None) -> None:
    line = "" if value is None else f"opt_in = {toml_value(value)}"
    deck = build_deck(parse_toml_bytes(deck_bytes(line), "a-deck.toml"))
    assert deck.opt_in is bool(value)


@settings(max_examples=120, deadline=None)
@given(not_a_bool)
def test_opt_in_that_is_not_true_or_false_is_one_clear_problem(value: Any) -> None:
    raw = deck_bytes(f"opt_in = {toml_value(value)}")
    with pytest.raises(ScriptError) as caught:
        build_deck(parse_toml_bytes(raw, "a-deck.toml"))
    problems = caught.value.problems
    assert [problem.place for problem in problems] == ["deck.opt_in"]
    assert "\n" not in problems[0].message


def test_the_setting_is_off_at_first_and_survives_the_store() -> None:
    assert Settings().opt_in_decks is False
    chosen = Settings()
    chosen.opt_in_decks = True
    assert Settings.from_dict(chosen.to_dict()).opt_in_decks is True
    assert chosen.to_dict()["extra"][OPT_IN_DECKS_KEY] is True


@pytest.mark.parametrize("stored", ["yes", 1, None, [True], {"on": True}])
def test_a_damaged_setting_reads_as_off(stored: Any) -> None:
    assert Settings.from_dict({"extra": {OPT_IN_DECKS_KEY: stored}}).opt_in_decks is False
