"""Write SVG screenshots of the main screens to `screenshots/` (run: `python -m tui.screenshots`).

Uses the in-memory store and a manual clock, so nothing is saved and every run draws the same screens. The
looking-back screens show `screenshots/looking-back.json`, an export of a few weeks of Maya and Jonah's
sessions (made once by `benchmarks.realistic_history.realistic_records(14, seed=7, ...)`, real records
played by the engine with realistic words), brought into the in-memory store as `hearthside import` would.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from unittest import mock

from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import HearthsideApp
from tui.core.clock import ManualClock
from tui.core.library import Library, load_library
from tui.core.settings import Settings
from tui.screens.session import SessionScreen
from tui.store.export_file import read_export
from tui.store.memory import InMemoryStore

OUT_DIR = Path(__file__).resolve().parent.parent / "screenshots"
LOOKING_BACK = OUT_DIR / "looking-back.json"
SIZE = (80, 24)

Steps = Callable[[Pilot[None]], Awaitable[None]]


async def settle(pilot: Pilot[None]) -> None:
    """Wait until store reads and writes are done (the long-lived writer thread just idles)."""
    app = pilot.app
    for _ in range(300):
        await pilot.pause()
        running = any(w.is_running and w.group != "writer" for w in app.workers)
        if not running and getattr(app, "pending_writes", 0) == 0:
            return


def _session(app: HearthsideApp) -> SessionScreen:
    screen = next((s for s in reversed(app.screen_stack) if isinstance(s, SessionScreen)), None)
    if screen is None:
        raise RuntimeError("the session did not start")
    return screen


async def tick(pilot: Pilot[None], seconds: float) -> None:
    """Move the manual clock on and let the session screen redraw."""
    app: HearthsideApp = pilot.app  # type: ignore[assignment]
    assert isinstance(app.sessions.clock, ManualClock)
    app.sessions.clock.advance(seconds)
    _session(app).tick()
    await pilot.pause()


async def step_once(pilot: Pilot[None]) -> None:
    """One deliberate move through the current step, as its view says a couple would make it."""
    view = _session(pilot.app).view  # type: ignore[arg-type]
    assert view is not None
    move = view.next_move("ok")
    if move.wait_seconds:
        await tick(pilot, move.wait_seconds)
    await pilot.press(*move.keys)
    await settle(pilot)


def at(kind: str, phase: str | None = None, then: Steps | None = None) -> Steps:
    """Walk the session to a step (and phase), then do `then`."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        app: HearthsideApp = pilot.app  # type: ignore[assignment]
        for _ in range(200):
            runner = app.sessions.active_session.runner if app.sessions.active_session else None
            if runner is not None and runner.step.kind == kind and phase in (None, runner.phase):
                break
            await step_once(pilot)
        else:
            raise RuntimeError(f"never reached {kind}/{phase}")
        if then is not None:
            await then(pilot)

    return run


def keys(*pressed: str) -> Steps:
    """Press keys from the first screen on, each once the screen before it has read what it shows."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run


def typing(text: str) -> list[str]:
    """Key names that type `text`."""
    return ["space" if char == " " else char for char in text]


async def speaking(pilot: Pilot[None]) -> None:
    """A little way into the turn."""
    await tick(pilot, 23)


async def overtime(pilot: Pilot[None]) -> None:
    """42 seconds past the end of a two-minute turn."""
    await tick(pilot, 162)


async def low_rating(pilot: Pilot[None]) -> None:
    """Maya has rated her energy; Jonah is asked next."""
    await pilot.press("2")


async def appreciation(pilot: Pilot[None]) -> None:
    """Maya types what she appreciates."""
    await pilot.press(*typing("the soup on Tuesday"))


async def revealed(pilot: Pilot[None]) -> None:
    """Both have written; the answers side by side."""
    await pilot.press(*typing("tired, and a bit alone"), "enter", "enter")
    await pilot.press(*typing("stretched thin at work"), "enter")


def looking_back_store() -> InMemoryStore:
    """An in-memory history holding `LOOKING_BACK`: sessions, follow-ups (some kept) and settings."""
    contents = read_export(LOOKING_BACK)
    store = InMemoryStore()
    store.import_history(contents.sessions, contents.follow_ups, contents.settings)
    return store


def year_together() -> InMemoryStore:
    """A year of sessions played by the real engine up to the manual clock's week (benchmarks/, in the
    source tree: screenshots are drawn from a checkout)."""
    from datetime import UTC, datetime

    from benchmarks.realistic_history import realistic_records

    store = InMemoryStore()
    store.import_sessions(realistic_records(240, seed=7, years=1.0, last_day=datetime(2026, 3, 12, 21, tzinfo=UTC)))
    return store


STORES: dict[str, Callable[[], InMemoryStore]] = {  # the others start empty
    "together": year_together,
    **{name: looking_back_store for name in ("history", "session-detail", "follow-ups")},
}
SIZES: dict[str, tuple[int, int]] = {"together": (120, 40)}  # the others at 80x24

SHOTS: dict[str, tuple[str | None, Steps]] = {
    "home": (None, keys()),
    "picker": (None, keys("s")),
    "checkin": ("speaker-listener", at("checkin", "rating", low_rating)),
    "turn-speaking": ("speaker-listener", at("turns", "speaking", speaking)),
    "turn-time-up": ("speaker-listener", at("turns", "speaking", overtime)),
    "appreciation": ("speaker-listener", at("appreciation", None, appreciation)),
    "questions": ("be-curious", at("questions")),
    "reveal": ("naming-it-together", at("reveal", "writing", revealed)),
    "close": ("speaker-listener", at("close")),
    "history": (None, keys("h")),
    "session-detail": (None, keys("h", "enter")),
    "follow-ups": (None, keys("f")),
    "together": (None, keys("t")),
}


async def shoot(name: str, script_id: str | None, steps: Steps, library: Library, out_dir: Path) -> Path:
    """Start a fresh app, get to the screen, and save it as `<name>.svg`."""
    settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True)
    app = HearthsideApp(
        store=STORES.get(name, InMemoryStore)(),
        library=library,
        clock=ManualClock(),
        settings=settings,
        start_script_id=script_id,
        unicode_ok=True,
    )
    async with app.run_test(size=SIZES.get(name, SIZE)) as pilot:
        await steps(pilot)
        await settle(pilot)
        for entry in app.screen.query(Input):
            entry.cursor_blink = False
        await pilot.pause()
        return Path(app.save_screenshot(filename=f"{name}.svg", path=str(out_dir)))


async def main_async(out_dir: Path = OUT_DIR) -> list[Path]:
    """Write every screenshot; ids are pinned so the question cards are the same on every run."""
    out_dir.mkdir(parents=True, exist_ok=True)
    library = load_library()
    counter = itertools.count(1)
    written = []
    with mock.patch.object(uuid, "uuid4", lambda: uuid.UUID(int=next(counter))):
        for name, (script_id, steps) in SHOTS.items():
            written.append(await shoot(name, script_id, steps, library, out_dir))
    return written


def main() -> int:
    """Entry point: write the screenshots and list them."""
    os.environ.setdefault("COLORTERM", "truecolor")  # draw the default theme, not the 16-colour fallback
    for path in asyncio.run(main_async()):
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
