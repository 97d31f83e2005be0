"""SVG snapshots of the looking-back screens (history, a session's detail, follow-ups) with a small realistic
history whose words include several languages, emoji and markup-like text (shown literally): at 80x24 in two
themes, at 120x40, and with NO_COLOR (Textual's monochrome filter: shape and words must carry everything).
The follow-ups screen's 80x24 snapshots are in test_app_snapshots.py with every other screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from app_support import follow_ups_store, press, settle
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


async def follow_ups(pilot: Pilot[None]) -> None:
    """Home, then f."""
    await settle(pilot)
    await press(pilot, "f")
    await settle(pilot)


async def follow_ups_let_go(pilot: Pilot[None]) -> None:
    """The first promise let go: the notice says how to undo it."""
    await follow_ups(pilot)
    await press(pilot, "l")
    await settle(pilot)


@dataclass(frozen=True)
class Look:
    """How the terminal is: its size, the theme, and whether NO_COLOR is set."""

    size: tuple[int, int]
    theme: str = "textual-dark"
    no_color: bool = False


LOOKS = {
    "textual-dark": Look((80, 24)),
    "ansi-dark": Look((80, 24), "ansi-dark"),  # SVGs are truecolor: the ANSI theme shows 16-colour problems
    "120x40": Look((120, 40)),
    "no-color": Look((80, 24), no_color=True),
}
HISTORY_SCENES = {"history": history, "history-search": searching, "detail": detail, "detail-end": detail_lower}
FOLLOW_UPS_SCENES = {"follow-ups": follow_ups, "follow-ups-let-go": follow_ups_let_go}
SCENES = {**HISTORY_SCENES, **FOLLOW_UPS_SCENES}
CASES = [(name, look) for look in LOOKS for name in HISTORY_SCENES] + [
    (name, look) for look in ("120x40", "no-color") for name in FOLLOW_UPS_SCENES
]


@pytest.mark.usefixtures("fixed_uuids")
@pytest.mark.parametrize(("name", "look"), CASES, ids=[f"{name}-{look}" for name, look in CASES])
def test_history_snapshot(
    name: str,
    look: str,
    snap_compare: Callable[..., bool],
    app_factory: Callable[..., HearthsideApp],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The screen looks as it did when the baseline was last reviewed."""
    shown = LOOKS[look]
    if shown.no_color:
        monkeypatch.setenv("NO_COLOR", "1")  # read when the App is made
    settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True, theme=shown.theme)
    store = follow_ups_store() if name in FOLLOW_UPS_SCENES else history_store()
    app = app_factory(None, settings=settings, store=store)
    assert snap_compare(app, terminal_size=shown.size, run_before=SCENES[name])
