"""The kinds a field of a JSON document can have (text, a number, a list of objects, an object with
given fields), each with a check that says in plain words what is wrong, and any value told in a few words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tui.core.frozen import frozen

Check = Callable[[Any], "str | None"]  # None when the value fits, else where inside it and what it is


# -- describing a value in a few words ------------------------------------------------------------
PREVIEW_LENGTH = 40


def preview(value: object, room: int = PREVIEW_LENGTH) -> str:
    """A short JSON-like rendering that never walks more than `room` characters of a value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value) if abs(value) < 10**30 else f"{value:.3g}"
    elif isinstance(value, str):
        text = '"' + value[:room] + ('..."' if len(value) > room else '"')
    elif isinstance(value, list | dict) and room < 6:
        text = "[...]" if isinstance(value, list) else "{...}"
    elif isinstance(value, list):
        parts = []
        for item in value[:3]:
            parts.append(preview(item, room // 3))
        text = "[" + ", ".join(parts) + (", ...]" if len(value) > 3 else "]")
    elif isinstance(value, dict):
        parts = [
            f'"{str(key)[: room // 4]}": {preview(item, room // 4)}' for key, item in list(value.items())[:2]
        ]
        text = "{" + ", ".join(parts) + (", ...}" if len(value) > 2 else "}")
    else:
        text = type(value).__name__
    return text if len(text) <= room + 8 else text[: room + 4] + "..."


def kind_of(value: object) -> str:
    """What a JSON value is, in words: "a number (42)", "text ("Maya")", "a list ([...])"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"true/false ({preview(value)})"
    if isinstance(value, int | float):
        return f"a number ({preview(value)})"
    if isinstance(value, str):
        return f"text ({preview(value)})"
    if isinstance(value, list):
        return f"a list ({preview(value)})"
    if isinstance(value, dict):
        return f"an object ({preview(value)})"
    return f"a {type(value).__name__}"


# -- the kinds a field can have ------------------------------------------------------------------
@frozen
class Kind:
    """A field's type: its name in words and a check that says what is wrong (None when it fits).

    `plain`: value types that fit with nothing inside to look at, tested first (10,000 sessions are
    checked each time the file is parsed, so the common case must cost one set lookup)."""

    words: str
    check: Check
    plain: frozenset[type] = frozenset()

    def fits(self, value: object) -> bool:
        """Whether `value` is of this kind."""
        return type(value) in self.plain or self.check(value) is None

    def problem(self, name: str, value: object) -> str:
        """The plain reason `value` does not fit as field `name`."""
        return f"its {name}{self.check(value)}"


def simple(words: str, fits: Callable[[Any], bool], plain: frozenset[type] = frozenset()) -> Kind:
    """A kind with one test of the whole value."""
    return Kind(words, lambda value: None if fits(value) else f" is {kind_of(value)}, not {words}", plain)


def is_number(value: object) -> bool:
    """A JSON number (true/false are not numbers here)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


TEXT = simple("text", lambda value: isinstance(value, str), frozenset({str}))
NUMBER = simple("a number", is_number, frozenset({int, float}))
WHOLE = simple(
    "a whole number", lambda value: isinstance(value, int) and not isinstance(value, bool), frozenset({int})
)
TRUE_FALSE = simple("true or false", lambda value: isinstance(value, bool), frozenset({bool}))
OBJECT = simple("an object", lambda value: isinstance(value, dict), frozenset({dict}))
LIST = simple("a list", lambda value: isinstance(value, list), frozenset({list}))


def list_of(item: Kind) -> Kind:
    """A list whose every item is of kind `item`."""
    words = f"a list of {item.words.removeprefix('an ').removeprefix('a ')}s"

    def check(value: object) -> str | None:
        if not isinstance(value, list):
            return f" is {kind_of(value)}, not {words}"
        if item.plain and set(map(type, value)) <= item.plain:
            return None  # the common case, without a call per item
        for index, entry in enumerate(value):
            inner = item.check(entry)
            if inner is not None:
                return f"[{index}]{inner}"
        return None

    return Kind(words, check)


def object_with(words: str, fields: Mapping[str, Kind], *, values: Kind | None = None) -> Kind:
    """An object whose listed keys, when present and not null, are of their kinds (other keys: `values`,
    when given, else anything)."""

    def check(value: object) -> str | None:
        if not isinstance(value, dict):
            return f" is {kind_of(value)}, not {words}"
        for key, entry in value.items():
            kind = fields.get(key, values)
            if kind is None or entry is None or type(entry) in kind.plain:
                continue
            inner = kind.check(entry)
            if inner is not None:
                return f".{key}{inner}"
        return None

    return Kind(words, check)
