"""The protected turn on screen: time-outs, overtime, the bell, the warning, resizing, stray keys, title."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app_support import (
    advance,
    flat,
    goto,
    make_app,
    press,
    screen_text,
    session_screen,
    static_texts,
    store_of,
)
from textual.widgets import Digits, Static

from tui.app import HearthsideApp
from tui.core.library import load_library
from tui.core.settings import Settings
from tui.screens.confirm import ConfirmScreen
from tui.screens.home import HomeScreen
from tui.screens.session import SessionScreen
from tui.screens.time_out import TimeOutScreen
from tui.widgets.countdown import Countdown
from tui.widgets.steps.turn import TurnView

SCRIPT = "speaker-listener"  # pieces of 2 minutes, a warning 30 seconds before the end, paraphrase


def turn_view(app: HearthsideApp) -> TurnView:
    """The turn view on the session screen."""
    screen = session_screen(app)
    assert screen is not None
    return screen.query_one(TurnView)


async def test_time_out_stops_the_clock_and_says_who_called_it(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """During a time-out the remaining time stays put; the modal names the caller; Enter resumes."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        await advance(pilot, 10)
        timer = session.runner.countdown
        assert timer.remaining_seconds() == 110
        await press(pilot, "t")
        assert isinstance(app.screen, TimeOutScreen)
        assert "Who is calling the time-out?" in flat(static_texts(app))
        assert session.time_out is not None and session.time_out.by is None  # stopped; caller asked
        await press(pilot, "2")
        assert session.time_out is not None and session.time_out.by == "b"
        before = timer.remaining_seconds()
        await advance(pilot, 300)
        await pilot.pause(0.6)  # the modal redraws the pause length twice a second
        assert timer.remaining_seconds() == before == 110
        words = flat(static_texts(app))
        assert "Time-out called by Jonah" in words
        assert "Paused for 5:00" in words
        assert app.window_title == "Time-out - Hearthside"
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionScreen)
        assert session.time_out is None
        await advance(pilot, 5)
        assert timer.remaining_seconds() == 105
        assert session.log.time_outs[0]["by"] == "b"
        assert session.log.time_outs[0]["seconds"] == 300


async def test_time_out_can_be_cancelled_before_anyone_is_named(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """`c` closes the question; the clock never stopped and no time-out is recorded."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        await press(pilot, "t")
        await press(pilot, "c")
        assert isinstance(app.screen, SessionScreen)
        await advance(pilot, 20)
        assert session.runner.countdown.remaining_seconds() == 100
        assert session.log.time_outs == []


async def test_the_clock_stops_the_moment_a_time_out_is_requested(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """Thirty seconds on "who is calling it?" take nothing from the speaker; the pause counts from `t`."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        await advance(pilot, 10)
        await press(pilot, "t")
        await advance(pilot, 30)
        assert session.runner.countdown.remaining_seconds() == 110
        await press(pilot, "2")
        await advance(pilot, 60)
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionScreen)
        assert session.runner.countdown.remaining_seconds() == 110
        assert session.log.time_outs[0]["by"] == "b"
        assert session.log.time_outs[0]["seconds"] == 90


async def test_cancelling_a_time_out_gives_the_time_back(app_factory: Callable[..., HearthsideApp]) -> None:
    """Cancelled after 30 s of asking: the turn has exactly the time it had when `t` was pressed."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        await advance(pilot, 10)
        await press(pilot, "t")
        await advance(pilot, 30)
        await press(pilot, "c")
        assert isinstance(app.screen, SessionScreen)
        assert session.time_out is None
        assert session.runner.countdown.remaining_seconds() == 110
        assert session.log.time_outs == []


async def test_overtime_shows_plus_time_and_enter_moves_on(app_factory: Callable[..., HearthsideApp]) -> None:
    """Past the end the clock counts up ("+0:42"), nothing moves by itself, Enter ends the turn."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        view = turn_view(app)
        await press(pilot, "enter")
        assert session.runner.phase == "speaking"  # Enter before time up does nothing
        await advance(pilot, 120 + 42)
        assert session.runner.phase == "speaking"  # it never moves on by itself
        assert view.query_one("#large-clock", Digits).value == "+0"  # large minutes, the seconds beside them
        assert view.query_one("#large-seconds", Static).content == ":42"
        words = flat(static_texts(app))
        assert "overtime" in words
        assert "Time is up. Maya, finish your thought. Press Enter when you are ready." in words
        assert view.has_class("time-up")
        await press(pilot, "enter")
        assert session.runner.phase == "reflect"
        assert "Jonah, say back what you heard" in flat(static_texts(app))
        turn = session.log.turns[0]
        assert turn["overtime_seconds"] == 42
        assert turn["spoken_seconds"] == 162
        assert session.record()["overtime_seconds"] == {"a": 42, "b": 0}


async def test_overtime_in_plain_text_on_a_narrow_window(app_factory: Callable[..., HearthsideApp]) -> None:
    """Below 60 columns the clock is plain text, so "+0:42" is on the screen as characters."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(56, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        await advance(pilot, 162)
        await pilot.pause()
        assert "+0:42" in screen_text(app)


async def test_bell_rings_once_at_time_up(app_factory: Callable[..., HearthsideApp]) -> None:
    """No bell at the start or the warning; exactly one at time up, however many ticks follow."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        await advance(pilot, 100)
        assert app.bells_rung == 0
        await advance(pilot, 20)
        assert app.bells_rung == 1
        for _ in range(4):
            await advance(pilot, 10)
        assert app.bells_rung == 1


async def test_no_bell_when_turned_off(app_factory: Callable[..., HearthsideApp]) -> None:
    """Settings.bell = False keeps the terminal quiet at time up; the screen still says so."""
    settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True, bell=False)
    app = app_factory(SCRIPT, settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        await advance(pilot, 130)
        assert app.bells_rung == 0
        assert "Time is up" in flat(static_texts(app))


async def test_warning_class_at_warn_seconds(app_factory: Callable[..., HearthsideApp]) -> None:
    """The turn view gets the "warning" class when 30 seconds are left, and "time-up" at the end."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        view = turn_view(app)
        assert session.runner.step.warn_seconds == 30
        await advance(pilot, 89)
        assert not view.has_class("warning")
        assert "The floor is Maya's. Jonah only listens." in flat(static_texts(app))
        await advance(pilot, 1)
        assert view.has_class("warning")
        assert "Almost time: begin to round off." in flat(static_texts(app))
        await advance(pilot, 30)
        assert view.has_class("time-up")
        assert not view.has_class("warning")


async def test_resize_below_minimum_and_back(app_factory: Callable[..., HearthsideApp]) -> None:
    """A tiny window asks to be bigger while the clock keeps counting; back to size shows the turn."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        text = flat(screen_text(app))
        assert "make the window a little bigger" in text
        assert "is speaking" not in text
        await advance(pilot, 30)
        assert session.runner.countdown.remaining_seconds() == 90
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        text = flat(screen_text(app))
        assert "make the window a little bigger" not in text
        assert "Maya is speaking - Jonah is listening" in text
        assert turn_view(app).query_one("#turn-clock", Countdown).face == "1:30"
        assert turn_view(app).query_one("#large-clock", Digits).value == "1"


STRAY_KEYS = ("a", "z", "enter", "space", "g", "n", "m", "d", "1", "5", "s", "k", "l", "p", "b", "escape")


async def test_stray_keys_during_a_turn_change_nothing(app_factory: Callable[..., HearthsideApp]) -> None:
    """Letters, digits, Enter, space and Escape mid-turn leave the phase, speaker and time alone."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        await advance(pilot, 40)
        runner = session.runner
        before = (runner.phase, runner.speaker, runner.turn_index, runner.countdown.remaining_seconds())
        for key in STRAY_KEYS:
            await press(pilot, key)
            assert isinstance(app.screen, SessionScreen), f"{key!r} opened {app.screen!r}"
            assert (
                runner.phase,
                runner.speaker,
                runner.turn_index,
                runner.countdown.remaining_seconds(),
            ) == before, key
        assert session.log.turns == []
        assert session.runner is runner and session.is_running


async def test_ending_a_turn_early_asks_first(app_factory: Callable[..., HearthsideApp]) -> None:
    """`e` asks; `n` keeps the turn going; `e` then `y` ends it early and records that."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        await advance(pilot, 30)
        await press(pilot, "e")
        assert isinstance(app.screen, ConfirmScreen)
        assert "End Maya's turn now, before the time is up?" in flat(static_texts(app))
        await press(pilot, "n")
        assert session.runner.phase == "speaking"
        await press(pilot, "e", "y")
        assert session.runner.phase == "reflect"
        assert session.log.turns[0]["ended_early"] is True
        assert session.log.turns[0]["spoken_seconds"] == 30


async def test_window_title_shows_the_time_left(app_factory: Callable[..., HearthsideApp]) -> None:
    """During a turn the title bar says the time left and who speaks; afterwards it is plain again."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        await advance(pilot, 5)
        assert app.window_title == "2 min left - Maya - Hearthside"  # in minutes: it changes once a minute
        await advance(pilot, 125)
        assert app.window_title == "time is up - Maya - Hearthside"
        await advance(pilot, 60)
        assert app.window_title == "+1 min over - Maya - Hearthside"
        await press(pilot, "enter")
        await advance(pilot, 1)
        assert app.window_title == "Hearthside"


async def test_reflection_not_quite_then_got_it(app_factory: Callable[..., HearthsideApp]) -> None:
    """`n` asks the listener to try again (and says so); `g` gives Maya her next piece: she keeps the floor."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "reflect")
        await press(pilot, "n")
        assert "Try again: Jonah, say back in your own words what Maya said." in flat(static_texts(app))
        await press(pilot, "g")
        assert session.runner.phase == "ready"
        assert (session.runner.speaker, session.runner.turn_index) == ("a", 1)
        assert "Maya is speaking - Jonah is listening" in flat(static_texts(app))
        assert session.log.turns[0]["reflection_retries"] == 1
        assert session.log.turns[0]["reflection"] == "confirmed"


async def test_mirroring_asks_is_there_more(app_factory: Callable[..., HearthsideApp]) -> None:
    """Mirroring: after `g` the speaker is asked "is there more?"; `m` loops back, `d` moves on to the
    summary, which the one who mirrored gives."""
    app = app_factory("mirroring-dialogue")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "reflect")
        assert 'Then ask: "Did I get that?"' in flat(static_texts(app))
        await press(pilot, "g")
        assert session.runner.phase == "more"
        assert "Maya, is there more?" in flat(static_texts(app))
        await press(pilot, "m")
        assert session.runner.phase == "going_on"  # Maya says the rest before Jonah mirrors again
        words = flat(static_texts(app))
        assert "Maya, go on" in words
        assert "Jonah only listens" in words
        await press(pilot, "g", "n", "d")  # no mirroring keys until the rest has been said
        assert session.runner.phase == "going_on"
        await press(pilot, "enter")
        assert session.runner.phase == "reflect"
        assert "Jonah, say back in your own words what Maya said" in flat(static_texts(app))
        await press(pilot, "g", "d")
        assert (session.runner.step.title, session.runner.phase) == ("Sum it up", "answering")
        assert "Jonah answers this one." in flat(static_texts(app))
        assert session.log.turns[0]["more_loops"] == 1


async def test_end_here_keeps_the_session(app_factory: Callable[..., HearthsideApp]) -> None:
    """`x` then `y` ends the session on purpose; it is kept as ended early and home shows again."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        await advance(pilot, 60)
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert session.status == "ended_early"
        [record] = store_of(app).sessions()
        assert record["status"] == "ended_early"
        assert record["duration_seconds"] == 60
        assert [step["status"] for step in record["steps"]][2:4] == ["unfinished", "not_reached"]
        assert store_of(app).load_checkpoint() is None
        assert "Start a session" in screen_text(app)


async def test_session_header_and_guides(app_factory: Callable[..., HearthsideApp]) -> None:
    """The header names the script and the step; both guides name their partner."""
    app = app_factory(SCRIPT)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "ready")
        screen = session_screen(app)
        assert screen is not None
        header = screen.query_one("#session-header", Static).visual
        assert "The floor: speak and be heard  -  step 3 of 7" in str(header)
        words = flat(static_texts(app))
        assert "Press Enter to start Maya's 2 minutes." in words
        assert "Maya speaks" in words and "Jonah listens" in words


LAST_TURN_THEN_CLOSE = """
[script]
id = "a-minute-each"
title = "A minute each"
summary = "A minute each, then the close."
intensity = "light"
method = "a test of the step after the last turn"

[[steps]]
kind = "turns"
minutes = 1
first = "a"

[[steps]]
kind = "close"
"""


async def test_the_step_after_a_last_turn_ended_early_takes_the_keys(tmp_path: Path) -> None:
    """Ending the last turn early from its question moves on to the close, and Enter there finishes: the
    question closing used to hand focus back to the turn view that was gone, and every key was lost."""
    user_dir = tmp_path / "scripts"
    user_dir.mkdir()
    (user_dir / "a-minute-each.toml").write_text(LAST_TURN_THEN_CLOSE, encoding="utf-8")
    app = make_app(load_library(user_dir=user_dir), "a-minute-each")
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("enter", "e", "y", "enter", "e", "y"):  # Maya's turn, ended early; then Jonah's
            await advance(pilot, 1)
            await press(pilot, key)
        screen = session_screen(app)
        assert screen is not None and screen.view is not None and screen.view.runner.step.kind == "close"
        assert app.focused is screen.view
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        assert store_of(app).session_count() == 1
