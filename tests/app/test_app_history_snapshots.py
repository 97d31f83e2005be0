"""SVG snapshots of the history screen and a session's detail at 80x24, with a small realistic history
whose words include several languages, emoji and markup-like text (shown literally), in two themes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_support import press, settle
from history_support import history_store
from textual.pilot import Pilot

from tui.app import HearthsideApp
from tui.core.settings import Settings


async def history(pilot: Pilot[None]) -> None:
    """Home, then h."""
    await settle(pilot)
    await press(pilot, "h")
    await settle(pilot)


async def searching(pilot: Pilot[None]) -> None:
    """A search for words the couple wrote."""
    await history(pilot)
    await press(pilot, "slash", *"caf", "enter")
    await settle(pilot)


async def detail(pilot: Pilot[None]) -> None:
    """The newest session opened."""
    await history(pilot)
    await press(pilot, "enter")
    await settle(pilot)


async def detail_lower(pilot: Pilot[None]) -> None:
    """The newest session, scrolled to its reveal and follow-up."""
    await detail(pilot)
    await press(pilot, "end")
    await settle(pilot)


SCENES = {"history": history, "history-search": searching, "detail": detail, "detail-end": detail_lower}
THEMES = ("textual-dark", "ansi-dark")
CASES = [(name, theme) for theme in THEMES for name in SCENES]


@pytest.mark.usefixtures("fixed_uuids")
@pytest.mark.parametrize(("name", "theme"), CASES, ids=[f"{name}-{theme}" for name, theme in CASES])
def test_history_snapshot(
    name: str, theme: str, snap_compare: Callable[..., bool], app_factory: Callable[..., HearthsideApp]
) -> None:
    """The screen looks as it did when the baseline was last reviewed."""
    settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True, theme=theme)
    app = app_factory(None, settings=settings, store=history_store())
    assert snap_compare(app, terminal_size=(80, 24), run_before=SCENES[name])
