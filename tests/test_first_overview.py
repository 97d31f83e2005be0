"""Home's counts are read before its first frame, and a read that fails leaves them to home's worker."""

from __future__ import annotations

from typing import Any

from tui.cli import first_overview
from tui.core.settings import Settings
from tui.store.memory import InMemoryStore


class UnreadableStore(InMemoryStore):
    """A store whose follow-ups cannot be read just now."""

    def open_follow_ups(self) -> list[dict[str, Any]]:
        raise OSError("Input/output error")


def test_home_s_counts_come_from_the_store_before_the_app_draws() -> None:
    store = InMemoryStore()
    store.save_checkpoint({"id": "s-1", "script_id": "ten-minutes-each"})
    overview = first_overview(store, Settings(name_a="Maya", name_b="Jonah"))
    assert overview is not None
    assert overview.checkpoint is not None and overview.checkpoint["id"] == "s-1"
    assert overview.remembered is None  # "remember when" waits for home's worker (it reads a year file)


def test_a_read_that_fails_leaves_home_to_its_worker() -> None:
    assert first_overview(UnreadableStore(), Settings()) is None
