"""Fixtures for the store tests: a private data folder, a settable clock, an open store."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import ContractStore, FixedClock

from tui.store import FileHistoryStore
from tui.store.memory import InMemoryStore


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder that does not exist yet (the store creates it)."""
    return tmp_path / "hearthside"


@pytest.fixture
def clock() -> FixedClock:
    """The store's wall clock, moved by hand."""
    return FixedClock()


@pytest.fixture
def store(data_dir: Path, clock: FixedClock) -> FileHistoryStore:
    """A freshly opened store on an empty folder."""
    return FileHistoryStore.open(data_dir, now=clock)


@pytest.fixture(params=["file", "memory"])
def either_store(request: pytest.FixtureRequest, data_dir: Path, clock: FixedClock) -> ContractStore:
    """Each test runs once on a fresh history folder and once on a fresh in-memory store (one contract)."""
    if request.param == "file":
        return FileHistoryStore.open(data_dir, now=clock)
    return InMemoryStore(now=clock)
