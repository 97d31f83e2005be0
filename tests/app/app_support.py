"""Helpers for the app tests: build the app, let workers finish, move the manual clock, read the screen."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from tui.app import HearthsideApp
from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.library import Library
from tui.core.settings import Settings
from tui.screens.session import SessionScreen
from tui.store.memory import InMemoryStore

SIZE = (80, 24)


def make_app(
    library: Library,
    start_script_id: str | None = None,
    settings: Settings | None = None,
    store: InMemoryStore | None = None,
    clock: ManualClock | None = None,
    **kwargs: Any,
) -> HearthsideApp:
    """The app on an in-memory store and a manual clock; Maya and Jonah, welcome already seen."""
    return HearthsideApp(
        store=store or InMemoryStore(),
        library=library,
        clock=clock or ManualClock(),
        settings=settings or Settings(name_a="Maya", name_b="Jonah", welcome_seen=True),
        start_script_id=start_script_id,
        unicode_ok=kwargs.pop("unicode_ok", True),
        **kwargs,
    )


def clock_of(app: HearthsideApp) -> ManualClock:
    """The app's manual clock."""
    assert isinstance(app.sessions.clock, ManualClock)
    return app.sessions.clock


def store_of(app: HearthsideApp) -> InMemoryStore:
    """The app's in-memory store."""
    assert isinstance(app.sessions.store, InMemoryStore)
    return app.sessions.store


def busy(app: HearthsideApp) -> bool:
    """Whether a store read or write is still under way."""
    running = any(worker.is_running for worker in app.workers)
    return running or app.sessions.has_pending_writes


async def settle(pilot: Pilot[None], limit_seconds: float = 20.0) -> None:
    """Let thread workers (store reads and writes) finish and their messages arrive; bounded in wall
    time rather than in pauses, so a loaded machine (CI on two cores) does not fail a correct test."""
    await pilot.pause()
    give_up = time.monotonic() + limit_seconds
    while time.monotonic() < give_up:
        if not busy(pilot.app):  # type: ignore[arg-type]
            await pilot.pause()
            return
        await pilot.pause()
    raise AssertionError("the store's workers did not finish")


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys (each waits until the app is idle); settle workers only when some are running."""
    await pilot.press(*keys)
    if busy(pilot.app):  # type: ignore[arg-type]
        await settle(pilot)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type text into the focused input, character by character."""
    await pilot.press(*(char if char != " " else "space" for char in text))
    await pilot.pause()


async def advance(pilot: Pilot[None], seconds: float) -> None:
    """Move the manual clock and run one session tick, as the 0.25 s interval would."""
    clock_of(pilot.app).advance(seconds)  # type: ignore[arg-type]
    screen = session_screen(pilot.app)  # type: ignore[arg-type]
    if screen is not None:
        screen.tick()
    await pilot.pause()


async def started(pilot: Pilot[None]) -> SessionScreen:
    """Wait until the session screen shows (sessions are prepared in a worker)."""
    await settle(pilot)
    screen = session_screen(pilot.app)  # type: ignore[arg-type]
    assert screen is not None, f"no session screen; the screen is {pilot.app.screen!r}"
    return screen


def session_screen(app: HearthsideApp) -> SessionScreen | None:
    """The session screen, if one is on the stack."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, SessionScreen):
            return screen
    return None


def session_of(app: HearthsideApp) -> Session:
    """The running session."""
    assert app.sessions.active_session is not None
    return app.sessions.active_session


def screen_text(app: HearthsideApp) -> str:
    """What the terminal shows right now, line by line, as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def static_texts(app: HearthsideApp) -> str:
    """The plain text of every displayed Static on the current screen, joined by newlines."""
    texts = []
    for widget in app.screen.query(Static):
        if not widget.display or not all(node.display for node in widget.ancestors_with_self[:-1]):
            continue
        visual = widget.visual
        texts.append(getattr(visual, "plain", str(widget.content)))
    return "\n".join(texts)


def flat(text: str) -> str:
    """Whitespace collapsed, so wrapped lines can be searched for a phrase."""
    return " ".join(text.split())


EARLIER_PROMISE = {
    "id": "follow-up-earlier",
    "kind": "promise",
    "owner": "a",
    "written_by": "a",
    "text": "I will make us tea on Sunday",
    "created_at": "2026-03-07T19:30:00+00:00",
    "status": "open",
    "session_id": "earlier-session",
    "script_id": "speaker-listener",
    "step": 4,
}


def seeded_store() -> InMemoryStore:
    """A store with one earlier finished session (Jonah started it) and one open promise by Maya."""
    store = InMemoryStore()
    store.save_session(
        {
            "id": "earlier-session",
            "status": "finished",
            "started_at": "2026-03-07T19:00:00+00:00",
            "first_speaker": "b",
            "follow_ups": [dict(EARLIER_PROMISE)],
            "reviews": [],
        }
    )
    return store


def remembering_store() -> InMemoryStore:
    """A store with two earlier sessions whose typed appreciations home can remember (one markup-like)."""
    store = InMemoryStore()
    for number, (started, said) in enumerate(
        (
            ("2025-12-03T12:00:00+00:00", "You made tea when I was tired. [bold]Thanks[/bold]."),
            ("2026-03-10T12:00:00+00:00", "I loved how you listened on Tuesday 🌻"),
        )
    ):
        store.save_session(
            {
                "id": f"remembered-{number}",
                "status": "finished",
                "started_at": started,
                "first_speaker": "a",
                "partners": {"a": {"name": "Maya"}, "b": {"name": "Jonah"}},
                "appreciations": [{"step": 1, "from": "b", "to": "a", "text": said, "at": started}],
            }
        )
    return store


def state_of(session: Session) -> tuple[Any, ...]:
    """A summary of where the session is, to see that a key press moved it along."""
    runner = session.runner
    log = session.log
    counts = (
        len(log.checkins),
        len(log.turns),
        len(log.appreciations),
        len(log.answers),
        len(log.follow_ups),
        len(log.reviews),
        len(log.reveals),
    )
    if runner is None:
        return (session.status, session.step_index, counts)
    return (session.status, session.step_index, runner.phase, getattr(runner, "turn_index", 0), counts)


async def drive_one(pilot: Pilot[None], typed: str = "Thanks") -> str:
    """Make the move the current step's view says a couple would make now; return what was done."""
    app: HearthsideApp = pilot.app  # type: ignore[assignment]
    session = session_of(app)
    runner = session.runner
    screen = session_screen(app)
    assert runner is not None and screen is not None and screen.view is not None
    kind, phase = runner.step.kind, runner.phase
    move = screen.view.next_move(typed)
    if move.wait_seconds:
        await advance(pilot, move.wait_seconds)
    await press(pilot, *move.keys)
    return f"{kind}/{phase}"


async def goto(pilot: Pilot[None], kind: str, phase: str | None = None, max_moves: int = 200) -> Session:
    """Drive the session with `drive_one` until a step of `kind` (in `phase`, if given) is on screen."""
    app: HearthsideApp = pilot.app  # type: ignore[assignment]
    await started(pilot)
    session = session_of(app)
    for _ in range(max_moves):
        runner = session.runner
        assert runner is not None and session.is_running, "the session ended before reaching the step"
        if runner.step.kind == kind and (phase is None or runner.phase == phase):
            return session
        await drive_one(pilot)
    raise AssertionError(f"never reached {kind}/{phase}")


def follow_up(number: int, kind: str, owner: str, text: str, created_at: str) -> dict[str, Any]:
    """A follow-up made in the earlier session, open."""
    return {
        "id": f"follow-up-{number}",
        "kind": kind,
        "owner": owner,
        "written_by": owner if owner in ("a", "b") else "a",
        "text": text,
        "created_at": created_at,
        "status": "open",
        "session_id": "earlier-session",
        "script_id": "gentle-repair",
        "step": 3,
    }


FOLLOW_UPS = [
    follow_up(1, "promise", "a", "I will make us tea on Sunday ☕", "2026-03-07T19:30:00+00:00"),
    follow_up(2, "request", "b", "Would you [bold]call[/bold] me at lunch?", "2026-03-09T19:30:00+00:00"),
    follow_up(3, "promise", "both", "Wir gehen am Samstag zusammen spazieren", "2026-03-12T19:30:00+00:00"),
    follow_up(4, "wish", "both", "一緒に海を見に行きたい 🌊", "2026-02-01T19:30:00+00:00"),
    follow_up(5, "wish", "a", "A little garden of our own [/]", "2026-03-01T19:30:00+00:00"),
    follow_up(6, "promise", "b", "Cook dinner on Friday 🍝", "2026-02-20T19:30:00+00:00"),
]
"""Follow-ups of every kind, with emoji, other languages and markup-like words; the last one is kept."""


def follow_ups_store() -> InMemoryStore:
    """A store with one earlier session that made `FOLLOW_UPS`; the dinner promise was kept."""
    store = InMemoryStore(now=lambda: datetime(2026, 3, 13, 20, 0, tzinfo=UTC))  # kept "yesterday"
    store.save_session(
        {
            "id": "earlier-session",
            "status": "finished",
            "started_at": "2026-02-01T19:00:00+00:00",
            "first_speaker": "a",
            "follow_ups": [dict(item) for item in FOLLOW_UPS],
            "reviews": [],
        }
    )
    store.set_follow_up_status("follow-up-6", "kept")
    return store
