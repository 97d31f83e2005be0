"""`@frozen`: a frozen dataclass whose methods are made the first time they are needed, not at import.

Python 3.11's `dataclass` compiles six methods a frozen class (about 1.2 ms each class, ~90 ms for the ~75
records every start imported), though a turn's start uses a few of them. A `@frozen` class is the same
frozen dataclass in every way (fields, `replace`, `asdict`, pickling, equality, hashing); `dataclass`
itself makes it on first use: an instance made, compared, hashed or shown, or its fields read.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

ClassT = TypeVar("ClassT", bound=type)

PENDING = "__frozen_pending__"
"""Set in a class's own namespace while its dataclass methods are still to be made."""

# The methods `dataclass(frozen=True)` adds; a class's own definition of one is kept, as dataclass keeps it.
STAND_INS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
_making = threading.RLock()  # a worker thread and the UI may meet a class for the first time together


class _PendingFields:
    """`__dataclass_fields__` of a class not made yet: reading it makes the class (`fields`, `replace`,
    `asdict`, `is_dataclass` and a subclass's dataclass all read it)."""

    def __init__(self, owner: type) -> None:
        self.owner = owner

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        made = make_now(self.owner)
        return made.__dict__["__dataclass_fields__"]


def make_now(cls: ClassT) -> ClassT:
    """Make `cls` the frozen dataclass it stands for (its bases first), once; return it."""
    if PENDING not in cls.__dict__:
        return cls
    with _making:
        if PENDING not in cls.__dict__:  # made by another thread meanwhile
            return cls
        for base in cls.__mro__[1:]:
            make_now(base)
        for name in cls.__dict__[PENDING]:
            delattr(cls, name)
        delattr(cls, "__dataclass_fields__")
        delattr(cls, PENDING)
        dataclasses.dataclass(frozen=True)(cls)  # in place: the class keeps its identity
    return cls


def _stand_in(cls: type, name: str) -> Callable[..., Any]:
    """A method that makes `cls` and then calls the real `name`."""

    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        return getattr(make_now(cls), name)(self, *args, **kwargs)

    method.__name__ = name
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    return method


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(cls: ClassT) -> ClassT:
    """`@dataclass(frozen=True)`, made on first use (see the module's docstring)."""
    own = tuple(name for name in STAND_INS if name not in cls.__dict__)
    for name in own:
        setattr(cls, name, _stand_in(cls, name))
    setattr(cls, PENDING, own)
    cls.__dataclass_fields__ = _PendingFields(cls)  # type: ignore[attr-defined]
    return cls
