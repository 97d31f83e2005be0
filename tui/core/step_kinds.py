"""What a step kind is, declared once: its name, model, fields, default title and untimed length.

Every table that used to be keyed by a kind's name (the loader's fields, classes and titles, the
picker's estimates, the engine's runners, the screen's views) is read from these declarations.
A kind is declared with `declare_step_kind` next to its model (tui/core/script_model.py); its runner
names it with `class MyRunner(StepRunner, kind="my-kind")`, its view with `class MyView(StepView,
kind="my-kind")`. Declaration order is the order the kinds are listed in messages and docs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field
from typing import Any, Generic, TypeVar

from tui.core.frozen import frozen
from tui.core.schema import Field, Reporter

TITLE = Field("text", max_length=60)
TEXT = Field("text", max_length=2000)
COMMON_STEP_FIELDS: dict[str, Field] = {"kind": Field("text", required=True), "title": TITLE, "text": TEXT}

# A kind's own checks beyond its fields: (valid values, place such as "steps[2]", report, deck lookup).
# It may fill in defaults in `values`; it reports problems instead of raising.
StepCheck = Callable[[dict[str, Any], str, Reporter, Callable[[str], Any] | None], None]


@frozen
class Step:
    """One part of a script; `kind` says which of the step models this is."""

    kind: str
    title: str
    text: str

    def estimated_minutes(self) -> float:
        """Planned minutes for this step: its kind's fair estimate unless the model knows better."""
        return step_kind(self.kind).untimed_minutes


@frozen
class StepKind:
    """Everything the core knows about one step kind; runners and views register against its name."""

    name: str
    model: type[Step]
    default_title: str
    fields: Mapping[str, Field] = field(default_factory=dict)
    untimed_minutes: float = 1.0  # a rough length, so a script's length is honest in the picker
    check: StepCheck | None = None

    def all_fields(self) -> dict[str, Field]:
        """The keys a `[[steps]]` table of this kind may hold (the common ones included)."""
        return {**COMMON_STEP_FIELDS, **self.fields}


class UnknownStepKind(KeyError):
    """A step kind was asked for that no module declared (a programming error, not a user's)."""


_KINDS: dict[str, StepKind] = {}


def declare_step_kind(kind: StepKind) -> StepKind:
    """Add a kind to the catalogue (once per name); returns it, so a module can keep a name for it."""
    if kind.name in _KINDS:
        raise ValueError(f"the step kind {kind.name!r} is declared twice")
    _KINDS[kind.name] = kind
    return kind


def step_kind(name: str) -> StepKind:
    """The declared kind called `name`."""
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownStepKind(f"no step kind {name!r} is declared; known: {', '.join(_KINDS)}") from None


def step_kinds() -> tuple[StepKind, ...]:
    """Every declared kind, in declaration order."""
    return tuple(_KINDS.values())


def step_kind_names() -> tuple[str, ...]:
    """The names of every declared kind, in declaration order."""
    return tuple(_KINDS)


T = TypeVar("T")


class KindRegistry(Generic[T]):
    """Classes registered by step-kind name (the runners, the views), checked against the catalogue."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._classes: dict[str, type[T]] = {}

    def register(self, kind: str, cls: type[T]) -> None:
        """Say that `cls` is the `what` for `kind` (a kind must be declared first, and has one)."""
        step_kind(kind)
        if kind in self._classes:
            raise ValueError(f"the step kind {kind!r} has two {self.what}s: {self._classes[kind]} and {cls}")
        self._classes[kind] = cls

    def unregister(self, kind: str) -> None:
        """Forget the class for `kind` (for a kind that is being taken away again)."""
        self._classes.pop(kind, None)

    def __getitem__(self, kind: str) -> type[T]:
        try:
            return self._classes[kind]
        except KeyError:
            raise UnknownStepKind(f"the step kind {kind!r} has no {self.what}") from None

    def __contains__(self, kind: object) -> bool:
        return kind in self._classes

    def missing(self) -> list[str]:
        """Declared kinds that have no class here yet."""
        return [name for name in step_kind_names() if name not in self._classes]


def forget_step_kind(name: str) -> None:
    """Take a declared kind out of the catalogue again (a kind a test declared for itself)."""
    _KINDS.pop(name, None)
