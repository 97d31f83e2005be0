"""Fixtures for the app tests: the app on an in-memory store, a manual clock and fixed settings."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from app_support import make_app

from tui.app import HearthsideApp
from tui.core.library import Library, load_library


@pytest.fixture(autouse=True)
def truecolor_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app picks a 16-colour theme on a 16-colour terminal; pin the terminal so runs match anywhere."""
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture(scope="session")
def library() -> Library:
    """The built-in scripts and decks, loaded once."""
    return load_library()


@pytest.fixture
def app_factory(library: Library) -> Callable[..., HearthsideApp]:
    """Build a `HearthsideApp` with an `InMemoryStore`, a `ManualClock` and Maya and Jonah as partners."""

    def build(start_script_id: str | None = None, **kwargs: Any) -> HearthsideApp:
        return make_app(library, start_script_id=start_script_id, **kwargs)

    return build


@pytest.fixture
def fixed_uuids(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Session and follow-up ids (and so the questions' shuffle seed) the same on every run."""
    counter = itertools.count(1)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=next(counter)))
    yield
