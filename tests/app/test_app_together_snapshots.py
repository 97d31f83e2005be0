"""SVG snapshots of "Our time together" with a fixed year of sessions and the tests' manual clock: at 80x24
(top and end) and 120x40, in the truecolor and the 16-colour theme, in ASCII, with NO_COLOR, and empty."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from app_support import press, settle
from textual.pilot import Pilot
from together_support import together_store

from tui.app import HearthsideApp
from tui.core.settings import Settings
from tui.store.memory import InMemoryStore


async def together(pilot: Pilot[None]) -> None:
    """Home, then t."""
    await settle(pilot)
    await press(pilot, "t")
    await settle(pilot)


async def together_end(pilot: Pilot[None]) -> None:
    """Scrolled to the speaking time."""
    await together(pilot)
    await press(pilot, "end")
    await settle(pilot)


async def together_middle(pilot: Pilot[None]) -> None:
    """Scrolled a page, to the calendar and the energy."""
    await together(pilot)
    await press(pilot, "pagedown")
    await settle(pilot)


Scene = Callable[[Pilot[None]], Awaitable[None]]
# The top of the screen (the weekly bar chart) is left out: its x-axis ticks come out one way or another with
# the order the tests run in (plotext keeps state we have not pinned down), so it is checked by the Pilot
# tests in test_app_together.py instead.
CASES: dict[str, tuple[Scene, tuple[int, int], str, bool]] = {  # scene, size, theme, unicode
    "80x24-middle": (together_middle, (80, 24), "textual-dark", True),
    "80x24-end": (together_end, (80, 24), "textual-dark", True),
    "120x40-end": (together_end, (120, 40), "textual-dark", True),
    "80x24-ansi-ascii-middle": (together_middle, (80, 24), "ansi-dark", False),
    "120x40-ansi-ascii-end": (together_end, (120, 40), "ansi-dark", False),
}


@pytest.mark.usefixtures("fixed_uuids")
@pytest.mark.parametrize("name", list(CASES))
def test_together_snapshot(name: str, snap_compare: Callable[..., bool], app_factory: Callable[..., HearthsideApp]) -> None:
    """The screen looks as it did when the baseline was last reviewed."""
    scene, size, theme, unicode_ok = CASES[name]
    settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True, theme=theme)
    app = app_factory(None, settings=settings, store=together_store(), unicode_ok=unicode_ok)
    assert snap_compare(app, terminal_size=size, run_before=scene)


@pytest.mark.usefixtures("fixed_uuids")
def test_together_snapshot_no_color(
    monkeypatch: pytest.MonkeyPatch, snap_compare: Callable[..., bool], app_factory: Callable[..., HearthsideApp]
) -> None:
    """With NO_COLOR the marks and words still tell every chart apart."""
    monkeypatch.setenv("NO_COLOR", "1")
    settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True, theme="ansi-dark")
    app = app_factory(None, settings=settings, store=together_store())
    assert snap_compare(app, terminal_size=(120, 40), run_before=together_middle)


def test_together_snapshot_empty(snap_compare: Callable[..., bool], app_factory: Callable[..., HearthsideApp]) -> None:
    """No sessions yet: a kind word, no charts."""
    app = app_factory(None, store=InMemoryStore())
    assert snap_compare(app, terminal_size=(80, 24), run_before=together)
