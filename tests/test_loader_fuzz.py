"""Fuzzing the script and deck loaders: whatever the input, the only error is a `ScriptError`."""

from __future__ import annotations

import math
import string
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.events import Start
from tui.core.partners import Partners
from tui.core.problems import ScriptError
from tui.core.schema import Field
from tui.core.script_loader import (
    DECK_FIELDS,
    QUESTION_FIELDS,
    SCRIPT_FIELDS,
    build_deck,
    parse_script_bytes,
)
from tui.core.script_model import Deck, DeckQuestion, Script
from tui.core.step_kinds import step_kind, step_kind_names
from tui.core.toml_files import parse_toml_bytes

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SMALL_DECK = Deck(
    id="fuzz-deck",
    title="Fuzz deck",
    summary="",
    questions=(DeckQuestion("What made you laugh?"), DeckQuestion("What hurt most?", "deep")),
)


def find_deck(deck_id: str) -> Deck | None:
    """A deck lookup that knows one small deck."""
    return SMALL_DECK if deck_id == SMALL_DECK.id else None


# -- a tiny TOML writer ------------------------------------------------------------------------------
def toml_string(text: str) -> str:
    """A basic TOML string with every character TOML forbids escaped."""
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def toml_key(key: str) -> str:
    """A bare key when it can be one, else a quoted key."""
    bare = key and all(char in string.ascii_letters + string.digits + "_-" for char in key)
    return key if bare else toml_string(key)


def toml_value(value: Any) -> str:
    """One value written inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(key)} = {toml_value(item)}" for key, item in value.items()) + "}"
    raise TypeError(type(value))


def is_table_array(value: Any) -> bool:
    """Whether a value is written as [[name]] headers."""
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def toml_document(data: dict[str, Any]) -> str:
    """A whole document: plain keys first, then [tables], then [[arrays of tables]]."""
    lines = [
        f"{toml_key(key)} = {toml_value(value)}"
        for key, value in data.items()
        if not isinstance(value, dict) and not is_table_array(value)
    ]
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"[{toml_key(key)}]")
            lines.extend(f"{toml_key(inner)} = {toml_value(item)}" for inner, item in value.items())
    for key, value in data.items():
        if is_table_array(value):
            for table in value:
                lines.append(f"[[{toml_key(key)}]]")
                lines.extend(f"{toml_key(inner)} = {toml_value(item)}" for inner, item in table.items())
    return "\n".join(lines) + "\n"


# -- strategies ----------------------------------------------------------------------------------------
printable_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
scalars = st.one_of(
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    printable_text,
)
any_value = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(printable_text, inner, max_size=3),
    max_leaves=8,
)


def valid_value(spec: Field) -> st.SearchStrategy[Any]:
    """A value the field accepts on its own (cross-field checks may still fail)."""
    if spec.type == "choice":
        return st.sampled_from(spec.choices)
    if spec.type == "choice_list":
        return st.lists(st.sampled_from(spec.choices), min_size=1, max_size=3)
    if spec.type == "text_list":
        return st.lists(st.sampled_from(["What made you laugh?", "What hurt most?", "daily"]), min_size=1)
    if spec.type == "int":
        return st.integers(min_value=int(spec.minimum or 0), max_value=int(min(spec.maximum or 100, 100)))
    if spec.type == "number":
        return st.floats(min_value=spec.minimum or 0, max_value=spec.maximum or 100)
    if spec.type == "bool":
        return st.booleans()
    return st.sampled_from(["fuzz-deck", "evening-talk", "Talk it over"])


def plausible_value(spec: Field) -> st.SearchStrategy[Any]:
    """Mostly valid values for a field, with edge values and wrong types mixed in."""
    if spec.type == "choice":
        return st.sampled_from(spec.choices) | printable_text | any_value
    if spec.type == "choice_list":
        return st.lists(st.sampled_from(spec.choices) | printable_text, max_size=4) | any_value
    if spec.type == "text_list":
        return st.lists(printable_text, max_size=6) | any_value
    if spec.type in ("int", "number"):
        low = spec.minimum if spec.minimum is not None else -100
        high = spec.maximum if spec.maximum is not None else 100
        near = st.integers(min_value=int(low) - 2, max_value=int(high) + 2)
        floats = st.floats(min_value=low - 1, max_value=high + 1)
        return near | floats | any_value
    if spec.type == "bool":
        return st.booleans() | any_value
    return st.sampled_from(["fuzz-deck", "evening-talk", "Talk it over", ""]) | printable_text | any_value


def plausible_table(fields: dict[str, Field], extra: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy:
    """A table with a random subset of the known keys, plausible values, and sometimes a stray key."""
    known = {key: plausible_value(spec) for key, spec in fields.items()}
    return st.fixed_dictionaries(
        {},
        optional={**known, **extra, "stray_key": any_value},
    )


def valid_table(fields: dict[str, Field]) -> st.SearchStrategy[dict[str, Any]]:
    """A table with every required key and some optional ones, each valid on its own."""
    required = {key: valid_value(spec) for key, spec in fields.items() if spec.required}
    optional = {key: valid_value(spec) for key, spec in fields.items() if not spec.required}
    return st.fixed_dictionaries(required, optional=optional)


def step_tables(table: Any) -> st.SearchStrategy[dict[str, Any]]:
    """Steps of every kind, built by `table` from that kind's fields."""
    return st.sampled_from(step_kind_names()).flatmap(
        lambda kind: table({**step_kind(kind).fields, "title": Field("text"), "text": Field("text")}).map(
            lambda values, kind=kind: {**values, "kind": kind}
        )
    )


wild_scripts = st.fixed_dictionaries(
    {
        "script": plausible_table(SCRIPT_FIELDS, {}),
        "steps": st.lists(step_tables(lambda fields: plausible_table(fields, {})), min_size=1, max_size=4),
    },
    optional={"deck": any_value, "extra": any_value},
)
nearly_valid_scripts = st.fixed_dictionaries(
    {
        "script": valid_table({**SCRIPT_FIELDS, "id": Field("choice", True, ("evening-talk",))}),
        "steps": st.lists(step_tables(valid_table), min_size=1, max_size=4),
    }
)
script_dicts = wild_scripts | nearly_valid_scripts
deck_dicts = st.fixed_dictionaries(
    {
        "deck": plausible_table(DECK_FIELDS, {}),
        "questions": st.lists(plausible_table(QUESTION_FIELDS, {}), min_size=1, max_size=4),
    },
    optional={"script": any_value},
)
TOML_TOKENS = [*"[]{}=\"'#.,\n =-_\\abcdeikmnprstuxy0123456789", "[[steps]]", "[script]", '"""', "\t"]
TOML_TOKENS += ["kind", "minutes", "rounds", "turns", "note", "text", "title", "id", "1e999", "inf", "nan"]
toml_ish_text = st.lists(st.sampled_from(TOML_TOKENS), max_size=120).map("".join)


def accepts_or_reports(raw: bytes) -> Script | None:
    """Load script bytes; a `ScriptError` is fine, and must carry at least one problem."""
    try:
        return parse_script_bytes(raw, "fuzz.toml", find_deck)
    except ScriptError as error:
        assert error.problems
        assert all(problem.message for problem in error.problems)
        return None


def deck_accepts_or_reports(raw: bytes) -> Deck | None:
    """Load deck bytes; a `ScriptError` is fine, and must carry at least one problem."""
    try:
        return build_deck(parse_toml_bytes(raw, "fuzz-deck.toml"))
    except ScriptError as error:
        assert error.problems
        return None


def assert_runnable(script: Script) -> None:
    """A script the loader accepts can be started and has an honest, finite length."""
    assert script.steps
    assert math.isfinite(script.total_minutes())
    session = Session(script, Partners("Maya", "Jonah"), ManualClock(), decks={SMALL_DECK.id: SMALL_DECK})
    assert session.handle(Start())


# -- the properties ------------------------------------------------------------------------------------
@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_script_error(raw: bytes) -> None:
    accepts_or_reports(raw)
    deck_accepts_or_reports(raw)


@FUZZ
@given(toml_ish_text)
def test_toml_ish_text_raises_only_script_error(text: str) -> None:
    accepts_or_reports(text.encode("utf-8"))
    deck_accepts_or_reports(text.encode("utf-8"))


@FUZZ
@given(script_dicts)
def test_script_shaped_documents_raise_only_script_error(data: dict[str, Any]) -> None:
    script = accepts_or_reports(toml_document(data).encode("utf-8"))
    event("accepted" if script is not None else "rejected")
    if script is not None:
        assert_runnable(script)


@FUZZ
@given(deck_dicts)
def test_deck_shaped_documents_raise_only_script_error(data: dict[str, Any]) -> None:
    deck = deck_accepts_or_reports(toml_document(data).encode("utf-8"))
    if deck is not None:
        assert deck.questions


def test_the_writer_round_trips_a_script_the_loader_accepts() -> None:
    data = {
        "script": {"id": "fuzz", "title": 'Fuzz "quoted"\n', "summary": "s", "method": "m"},
        "steps": [{"kind": "turns", "minutes": 0.5, "warn_seconds": 10}, {"kind": "close"}],
    }
    script = accepts_or_reports(toml_document(data).encode("utf-8"))
    assert script is not None
    assert script.title == 'Fuzz "quoted"\n'
    assert [step.kind for step in script.steps] == ["turns", "close"]
