"""`@frozen` behaves as `@dataclass(frozen=True)` does, and makes its methods only on first use."""

from __future__ import annotations

import dataclasses
import pickle
import threading
from dataclasses import field

import pytest

from tui.core.frozen import PENDING, frozen, make_now


def fresh_classes() -> tuple[type, type, type]:
    """A base, a subclass with a default factory and a post-init, and a twin made by `dataclass` itself."""

    @frozen
    class Base:
        """A base with one field."""

        name: str

    @frozen
    class Child(Base):
        """A subclass with defaults."""

        count: int = 0
        tags: list[str] = field(default_factory=list)

        def __post_init__(self) -> None:
            if self.count < 0:
                raise ValueError("count below zero")

    @dataclasses.dataclass(frozen=True)
    class Twin:
        """The stdlib's own frozen dataclass, to compare with."""

        name: str
        count: int = 0

    return Base, Child, Twin


def test_nothing_is_made_until_first_use() -> None:
    base, child, _ = fresh_classes()
    assert PENDING in base.__dict__ and PENDING in child.__dict__
    child("a", 2)
    assert PENDING not in base.__dict__ and PENDING not in child.__dict__


def test_it_behaves_as_a_frozen_dataclass() -> None:
    base, child, twin = fresh_classes()
    item = child("a", 2, ["x"])
    assert item == child("a", 2, ["x"]) and item != child("a", 3, ["x"])
    assert repr(item) == "fresh_classes.<locals>.Child(name='a', count=2, tags=['x'])"
    assert [f.name for f in dataclasses.fields(item)] == ["name", "count", "tags"]
    assert dataclasses.asdict(item) == {"name": "a", "count": 2, "tags": ["x"]}
    assert dataclasses.replace(item, count=5).count == 5
    assert child("b").tags == [] and child("b").tags is not child("c").tags
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.name = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del item.name  # type: ignore[misc]
    with pytest.raises(ValueError, match="count below zero"):
        child("a", -1)
    assert hash(base("a")) == hash(base("a")) and base("a") != child("a")
    assert repr(twin("a")).endswith("Twin(name='a', count=0)")


def test_fields_and_replace_make_a_class_first_met_unpickled() -> None:
    """The library cache unpickles records without calling `__init__`: fields, replace, equality and
    hashing of those still work, and the class is made by them."""
    _, child, _ = fresh_classes()
    item = child("a", 1)
    state = item.__dict__.copy()
    _, fresh_child, _ = fresh_classes()
    unpickled = fresh_child.__new__(fresh_child)
    unpickled.__dict__.update(state)
    assert PENDING in fresh_child.__dict__
    assert dataclasses.is_dataclass(unpickled)
    assert dataclasses.replace(unpickled, count=2) == fresh_child("a", 2)
    fresh_base, _, _ = fresh_classes()
    named = fresh_base.__new__(fresh_base)
    named.__dict__.update(name="a")
    assert PENDING in fresh_base.__dict__
    assert hash(named) == hash(fresh_base("a")) and named == fresh_base("a")


def test_a_module_level_class_pickles_both_ways() -> None:
    item = Pickled("a", (1, 2))
    again = pickle.loads(pickle.dumps(item))
    assert again == item and again is not item


def test_two_threads_meeting_a_class_make_it_once() -> None:
    _, child, _ = fresh_classes()
    start = threading.Barrier(8)
    made: list[object] = []

    def use() -> None:
        start.wait()
        made.append(child("a", 1))

    threads = [threading.Thread(target=use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == [child("a", 1)] * 8


def test_a_class_own_methods_are_kept() -> None:
    @frozen
    class Shown:
        """A record with its own repr."""

        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

    assert repr(Shown("a")) == "<a>"
    assert make_now(Shown) is Shown and Shown("a") == Shown("a")


@frozen
class Pickled:
    """A module-level record, as pickle needs."""

    name: str
    numbers: tuple[int, ...] = ()
