"""SVG snapshots of every screen and step view at 80x24 (and the turn at 120x40), in two themes.

Update the baselines with `pytest tests/app/test_app_snapshots.py --snapshot-update` after a deliberate
change, and look at the report before committing them.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest
from app_support import (
    advance,
    follow_ups_store,
    goto,
    press,
    remembering_store,
    seeded_store,
    settle,
    type_text,
)
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import HearthsideApp
from tui.core.settings import Settings
from tui.store.memory import InMemoryStore

Steps = Callable[[Pilot[None]], Awaitable[None]]


async def steady(pilot: Pilot[None]) -> None:
    """Workers done, and no blinking cursor to make two runs differ."""
    await settle(pilot)
    for entry in pilot.app.screen.query(Input):
        entry.cursor_blink = False
    await pilot.pause()


def going_to(kind: str, phase: str | None = None, then: Steps | None = None) -> Steps:
    """Drive the session to a step (and phase), then optionally do more."""

    async def run(pilot: Pilot[None]) -> None:
        await goto(pilot, kind, phase)
        if then is not None:
            await then(pilot)
        await steady(pilot)

    run.shows_kind = kind  # type: ignore[attr-defined]  (read by the test that every kind has a snapshot)
    return run


def pressing(*keys: str) -> Steps:
    """Press keys once the first screen is up."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, *keys)
        await steady(pilot)

    return run


async def speaking(pilot: Pilot[None]) -> None:
    """Five seconds into the turn."""
    await advance(pilot, 5)


async def overtime(pilot: Pilot[None]) -> None:
    """Past the end of a two-minute turn by 42 seconds."""
    await advance(pilot, 162)


async def warning(pilot: Pilot[None]) -> None:
    """Twenty seconds left."""
    await advance(pilot, 100)


async def time_out(pilot: Pilot[None]) -> None:
    """Jonah calls a time-out 20 seconds in; it lasts a minute."""
    await advance(pilot, 20)
    await press(pilot, "t", "2")
    await advance(pilot, 60)
    await pilot.pause(0.6)


async def low_checkin(pilot: Pilot[None]) -> None:
    """Maya is running on empty."""
    await press(pilot, "1", "4")


async def reveal_first(pilot: Pilot[None]) -> None:
    """Maya has started writing (masked)."""
    await type_text(pilot, "tired")


async def reveal_handover(pilot: Pilot[None]) -> None:
    """Maya has written; the hand-over to Jonah."""
    await type_text(pilot, "tired")
    await press(pilot, "enter")


async def reveal_both(pilot: Pilot[None]) -> None:
    """Both have written; the answers side by side."""
    await type_text(pilot, "tired, and a bit alone")
    await press(pilot, "enter", "enter")
    await type_text(pilot, "stretched thin at work")
    await press(pilot, "enter")


async def capture_typing(pilot: Pilot[None]) -> None:
    """Maya writes a promise for both of them."""
    await press(pilot, "3", "p")
    await type_text(pilot, "a walk on Sunday")


async def mirror_more(pilot: Pilot[None]) -> None:
    """Mirroring: the listener got it; is there more?"""
    await press(pilot, "g")


async def too_small(pilot: Pilot[None]) -> None:
    """The window is shrunk mid-turn."""
    await advance(pilot, 5)
    await pilot.resize_terminal(40, 12)


@dataclass(frozen=True)
class Scene:
    """One screen to photograph: the script to start, how to get there, the store and the size."""

    script: str | None
    steps: Steps
    store: Callable[[], InMemoryStore] = InMemoryStore
    size: tuple[int, int] = (80, 24)
    welcome: bool = False


SCENES: dict[str, Scene] = {
    "welcome": Scene(None, pressing(), welcome=True),
    "home": Scene(None, pressing(), store=seeded_store),
    "home-remember": Scene(None, pressing(), store=remembering_store),
    "picker": Scene(None, pressing("s")),
    "help": Scene(None, pressing("question_mark")),
    "follow-ups": Scene(None, pressing("f"), store=follow_ups_store),
    "follow-ups-kept-one": Scene(None, pressing("f", "k", "down"), store=follow_ups_store),
    "follow-ups-empty": Scene(None, pressing("f")),
    "settings": Scene(None, pressing("o")),
    "checkin": Scene("speaker-listener", going_to("checkin", "rating")),
    "checkin-low-offer": Scene("speaker-listener", going_to("checkin", "rating", low_checkin)),
    "note": Scene("speaker-listener", going_to("note")),
    "turn-ready": Scene("speaker-listener", going_to("turns", "ready")),
    "turn-speaking": Scene("speaker-listener", going_to("turns", "speaking", speaking)),
    "turn-warning": Scene("speaker-listener", going_to("turns", "speaking", warning)),
    "turn-time-up": Scene("speaker-listener", going_to("turns", "speaking", overtime)),
    "turn-reflect": Scene("speaker-listener", going_to("turns", "reflect")),
    "turn-mirror-more": Scene("mirroring-dialogue", going_to("turns", "reflect", mirror_more)),
    "time-out": Scene("speaker-listener", going_to("turns", "speaking", time_out)),
    "appreciation": Scene("speaker-listener", going_to("appreciation")),
    "questions": Scene("be-curious", going_to("questions")),
    "reveal-writing": Scene("naming-it-together", going_to("reveal", "writing", reveal_first)),
    "reveal-handover": Scene("naming-it-together", going_to("reveal", "writing", reveal_handover)),
    "reveal-revealed": Scene("naming-it-together", going_to("reveal", "writing", reveal_both)),
    "capture": Scene("gentle-repair", going_to("capture")),
    "capture-typing": Scene("gentle-repair", going_to("capture", None, capture_typing)),
    "review": Scene("evening-check-in", going_to("review", "reviewing"), store=seeded_store),
    "close": Scene("be-curious", going_to("close")),
    "too-small": Scene("speaker-listener", going_to("turns", "speaking", too_small)),
    "turn-speaking-120x40": Scene(
        "speaker-listener", going_to("turns", "speaking", speaking), size=(120, 40)
    ),
}
# Every screen in the default theme and in a 16-colour theme (SVGs are truecolor, so the ANSI theme is
# what shows 16-colour problems such as a partner's colour vanishing into the background).
THEMES = ("textual-dark", "ansi-dark")
CASES = [(name, theme) for theme in THEMES for name in SCENES]


@pytest.mark.usefixtures("fixed_uuids")
@pytest.mark.parametrize(("name", "theme"), CASES, ids=[f"{name}-{theme}" for name, theme in CASES])
def test_screen_snapshot(
    name: str, theme: str, snap_compare: Callable[..., bool], app_factory: Callable[..., HearthsideApp]
) -> None:
    """The screen looks as it did when the baseline was last reviewed."""
    scene = SCENES[name]
    settings = Settings(theme=theme)
    if not scene.welcome:
        settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True, theme=theme)
    app = app_factory(scene.script, settings=settings, store=scene.store(), rng=random.Random(11))
    assert snap_compare(app, terminal_size=scene.size, run_before=scene.steps)
