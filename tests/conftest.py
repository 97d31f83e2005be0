"""Suite-wide order: the tests that take longest start first (the kill fuzz, the real terminals, the app
walks), so that no worker picks up a long one at the end while the other sits idle."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

TEST_CACHE_DIR = tempfile.mkdtemp(prefix="hearthside-test-cache-")
os.environ["HEARTHSIDE_CACHE_DIR"] = TEST_CACHE_DIR  # the apps the tests start keep their cache here, not in ~/.cache

LONG_FILES = (
    "e2e/test_any_terminal.py",
    "e2e/test_over_ssh.py",
    "e2e/test_real_terminal.py",
    "app/test_app_walk.py",
    "app/test_app_walk_typing.py",
    "app/test_app_footers.py",
    "app/test_app_any_terminal.py",
    "store/test_record_schema.py",
)
"""Files of long tests, longest first (measured with --durations on a two-core machine)."""


def start_rank(item: pytest.Item) -> int:
    """0 for the slow-marked robustness tests, then the long files in their order, then everything else."""
    if item.get_closest_marker("slow") is not None:
        return 0
    path = item.path.as_posix()
    for rank, name in enumerate(LONG_FILES, start=1):
        if path.endswith("/" + name):
            return rank
    return len(LONG_FILES) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Sort the collected tests by `start_rank`, keeping the file order within each rank."""
    items.sort(key=start_rank)


def pytest_unconfigure(config: pytest.Config) -> None:
    """The test run's cache folder goes with it."""
    shutil.rmtree(TEST_CACHE_DIR, ignore_errors=True)
