"""What a session has produced so far: the material of its record, plain and JSON-ready."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class SessionLog:
    """Lists of plain dicts that runners append to; it becomes part of the session record."""

    turns: list[dict[str, Any]] = field(default_factory=list)
    time_outs: list[dict[str, Any]] = field(default_factory=list)
    checkins: list[dict[str, Any]] = field(default_factory=list)
    appreciations: list[dict[str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    favourites: list[dict[str, Any]] = field(default_factory=list)
    reveals: list[dict[str, Any]] = field(default_factory=list)
    follow_ups: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        """A deep, JSON-ready copy."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionLog:
        """Rebuild from `to_dict()`; unknown keys are ignored so old snapshots stay readable."""
        known = {name: [dict(item) for item in data.get(name, [])] for name in cls.__dataclass_fields__}
        return cls(**known)
