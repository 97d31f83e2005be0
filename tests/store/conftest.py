"""Fixtures for the store tests: a private data folder, a settable clock, an open store."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import FixedClock

from tui.store import FileHistoryStore


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
