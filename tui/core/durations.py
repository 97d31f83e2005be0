"""How lengths of time are written for people: one formatter for planned minutes."""

from __future__ import annotations


def minutes_text(minutes: float) -> str:
    """A planned length in whole minutes, at least one: "25 min"."""
    return f"{max(1, round(minutes))} min"
