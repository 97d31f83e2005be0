"""A question over a running turn: the clock beneath is not redrawn (each redraw under a modal repaints
the whole screen, some 4 KB a tick over ssh), and shows the right time again once the question closes."""

from __future__ import annotations

from collections.abc import Callable

from app_support import advance, clock_of, goto, press, session_screen
from rich.console import RenderableType
from textual import events
from textual.screen import Screen
from textual.widgets import Static

from tui.app import HearthsideApp
from tui.screens.confirm import ConfirmScreen
from tui.widgets.countdown import Countdown


def clock_text(app: HearthsideApp) -> str:
    """What the turn's clock shows: its large minutes and its seconds, as plain text."""
    screen = session_screen(app)
    assert screen is not None
    countdown = screen.query_one("#turn-clock", Countdown)
    return " ".join(str(static.render()) for static in countdown.query(Static))


async def test_clock_waits_behind_a_question_and_catches_up(app_factory: Callable[..., HearthsideApp]) -> None:
    """While "Leave now?" is open the ticking turn repaints nothing; answering Stay shows the time left."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        screen = session_screen(app)
        assert screen is not None and screen.view is not None
        redraws: list[None] = []
        original = screen.view.refresh_clock

        def counted(force: bool = False) -> None:
            redraws.append(None)
            original(force)

        screen.view.refresh_clock = counted  # type: ignore[method-assign]
        await advance(pilot, 1)
        assert redraws  # (the real tick may also have come by now on a loaded machine)
        drawn = len(redraws)
        before = clock_text(app)
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        for _ in range(5):
            await advance(pilot, 1)
        assert len(redraws) == drawn, "the clock was redrawn beneath the question"
        assert session.is_running
        await press(pilot, "n")
        assert len(redraws) > drawn, "the clock did not catch up when the question closed"
        after = clock_text(app)
        assert after != before
        remaining = session.runner.countdown.display_seconds()
        assert f"{remaining % 60:02d}" in after


async def test_ticks_beneath_a_question_draw_no_frame(app_factory: Callable[..., HearthsideApp]) -> None:
    """Ticks of a running turn under "Leave now?" send the terminal nothing (Textual repaints the whole
    modal, some 4 KB, whenever the screen beneath it handles a message)."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        screen = session_screen(app)
        assert screen is not None
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.pause()
        frames: list[Screen[object]] = []
        display = app._display

        def counted(shown: Screen[object], renderable: RenderableType | None) -> None:
            if renderable is not None:
                frames.append(shown)
            display(shown, renderable)

        app._display = counted  # type: ignore[method-assign]
        timer = screen._tick_timer
        assert timer is not None
        target = timer._target()  # whom the tick's timer sends its events (Textual is pinned exactly)
        assert target is not None
        for second in range(1, 6):
            clock_of(app).advance(1)
            target.post_message(events.Timer(timer, time=second, count=second, callback=screen._timed_tick))
            await pilot.pause()
        assert frames == [], f"{len(frames)} frames drawn beneath the question in 5 ticks"
        assert session_screen(app) is screen and screen.session.is_running
        await press(pilot, "n")
        assert frames, "the turn was not drawn again when the question closed"
