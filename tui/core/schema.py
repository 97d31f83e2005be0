"""A small declarative checker for TOML tables: types, ranges, choices and unknown keys."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from typing import Any

from tui.core.frozen import frozen
from tui.core.problems import Problem

Report = Callable[[str, str], None]  # (place, message)


@frozen
class Field:
    """What one key of a table may hold."""

    type: str  # text | int | number | bool | text_list | choice | choice_list
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    unit: str = ""


def type_name(value: Any) -> str:
    """A plain-words name for a TOML value's type."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def suggestion(key: str, known: list[str]) -> str:
    """A ' (did you mean "x"?)' hint for a misspelt key, or nothing."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _format_number(value: float) -> str:
    if isinstance(value, int) and abs(value) >= 10**15:
        return "a number far too large"  # `:g` cannot format ints beyond a float's range
    return f"{value:g}"


def check_table(
    table: dict[str, Any], fields: dict[str, Field], place: str, report: Report
) -> dict[str, Any]:
    """Validate `table` against `fields`, report each problem, and return the keys that are valid."""
    clean: dict[str, Any] = {}
    prefix = f"{place}." if place else ""
    for key in table:
        if key not in fields:
            known = ", ".join(sorted(fields))
            report(
                f"{prefix}{key}",
                f'unknown key "{key}"{suggestion(key, list(fields))}; known keys: {known}',
            )
    for key, spec in fields.items():
        where = f"{prefix}{key}"
        if key not in table:
            if spec.required:
                report(where, f'missing "{key}", which is required')
            continue
        value = _check_value(table[key], spec, where, report)
        if value is not None:
            clean[key] = value
    return clean


def _check_value(value: Any, spec: Field, where: str, report: Report) -> Any:
    if spec.type == "text":
        if not isinstance(value, str):
            report(where, f"must be text in quotes, got {type_name(value)}")
            return None
        if spec.required and not value.strip():
            report(where, "must not be empty")
            return None
        if spec.max_length is not None and len(value) > spec.max_length:
            report(where, f"is {len(value)} characters long; at most {spec.max_length} fit")
            return None
        return value
    if spec.type == "bool":
        if not isinstance(value, bool):
            report(where, f"must be true or false, got {type_name(value)}")
            return None
        return value
    if spec.type in ("int", "number"):
        return _check_number(value, spec, where, report)
    if spec.type == "choice":
        if not isinstance(value, str) or value not in spec.choices:
            shown = f'"{value}"' if isinstance(value, str) else type_name(value)
            options = " | ".join(spec.choices)
            hint = suggestion(value, list(spec.choices)) if isinstance(value, str) else ""
            report(where, f"must be one of {options}; got {shown}{hint}")
            return None
        return value
    if spec.type in ("text_list", "choice_list"):
        return _check_list(value, spec, where, report)
    raise ValueError(f"unknown field type {spec.type}")  # a programming error, not a user's


def _check_number(value: Any, spec: Field, where: str, report: Report) -> Any:
    if spec.type == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        report(where, f"must be a whole number, got {type_name(value)}")
        return None
    if spec.type == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
        report(where, f"must be a number, got {type_name(value)}")
        return None
    if isinstance(value, float) and not math.isfinite(value):
        report(where, "must be a finite number")
        return None
    low, high = spec.minimum, spec.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        unit = f" {spec.unit}" if spec.unit else ""
        span = f"between {_format_number(low or 0)} and {_format_number(high or 0)}{unit}"
        if high is None:
            span = f"at least {_format_number(low or 0)}{unit}"
        report(where, f"must be {span}, got {_format_number(value)}")
        return None
    return value


def _check_list(value: Any, spec: Field, where: str, report: Report) -> Any:
    if not isinstance(value, list):
        report(where, f'must be a list like ["..."], got {type_name(value)}')
        return None
    items: list[str] = []
    for index, item in enumerate(value, start=1):
        if not isinstance(item, str):
            report(f"{where}[{index}]", f"must be text in quotes, got {type_name(item)}")
            return None
        if spec.type == "choice_list" and item not in spec.choices:
            options = " | ".join(spec.choices)
            hint = suggestion(item, list(spec.choices))
            report(f"{where}[{index}]", f'must be one of {options}; got "{item}"{hint}')
            return None
        if spec.max_length is not None and len(item) > spec.max_length:
            report(f"{where}[{index}]", f"is {len(item)} characters long; at most {spec.max_length} fit")
            return None
        items.append(item)
    if spec.minimum is not None and len(items) < spec.minimum:
        report(where, f"must list at least {_format_number(spec.minimum)} item(s)")
        return None
    return tuple(items)


class Reporter:
    """Collects `Problem`s for one file, adding a line number where one is known."""

    def __init__(self, path: str, line_for: Callable[[str], int | None]) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._line_for = line_for

    def __call__(self, place: str, message: str) -> None:
        """Record one problem at `place`."""
        self.problems.append(Problem(self.path, place, message, self._line_for(place)))

    @property
    def count(self) -> int:
        """How many problems have been recorded so far."""
        return len(self.problems)
