"""sessions/README.md documents every field of the script and deck formats, and its examples load."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.core.library import load_library
from tui.core.script_loader import (
    DECK_FIELDS,
    QUESTION_FIELDS,
    SCRIPT_FIELDS,
    build_deck,
    parse_script_bytes,
)
from tui.core.script_model import THEMES
from tui.core.step_kinds import step_kind_names, step_kinds
from tui.core.toml_files import parse_toml_bytes

README = Path(__file__).resolve().parent.parent / "sessions" / "README.md"
TEXT = README.read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```toml\n(.*?)```", TEXT, flags=re.DOTALL)
HEADER = '[script]\nid = "readme-example"\ntitle = "Example"\nsummary = "From the README."\nmethod = "none"\n'


def documented_names() -> set[str]:
    """Every name written in backticks in the README."""
    return set(re.findall(r"`([a-z_-]+)`", TEXT))


def test_every_field_kind_and_theme_is_documented() -> None:
    kinds = step_kind_names()
    names = set(SCRIPT_FIELDS) | set(DECK_FIELDS) | set(QUESTION_FIELDS) | set(kinds) | set(THEMES)
    for kind in step_kinds():
        names |= set(kind.fields)
    assert sorted(names - documented_names()) == []
    for kind in kinds:
        assert f"### `{kind}`" in TEXT


def test_there_is_an_example_for_every_step_kind() -> None:
    kinds = {kind for example in EXAMPLES for kind in re.findall(r'^kind = "(\w+)"', example, re.MULTILINE)}
    assert kinds == set(step_kind_names())


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.split("\n")[1][:30])
def test_every_example_loads(example: str) -> None:
    library = load_library(user_dir=None)
    if example.startswith("[deck]"):
        deck = build_deck(parse_toml_bytes(example.encode(), "README.md"))
        assert deck.questions
        return
    raw = example if example.startswith("[script]") else HEADER + "\n" + example
    script = parse_script_bytes(raw.encode(), "README.md", library.find_deck)
    assert script.steps
