"""Screens and views only ask the engine: every live key is one the session accepts, and the time-out
screen answers with an event instead of changing the session itself."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_support import (
    advance,
    clock_of,
    drive_one,
    flat,
    goto,
    press,
    session_of,
    settle,
    started,
    static_texts,
    store_of,
)
from textual.actions import parse as parse_action
from textual.binding import Binding

from tui.app import HearthsideApp
from tui.core.events import CallTimeOut, Event, RequestTimeOut
from tui.screens.session import SessionScreen
from tui.screens.time_out import TimeOutScreen

AppFactory = Callable[..., HearthsideApp]
# Between them these scripts hold every built-in step kind, a mirroring loop and an earlier follow-up.
SCRIPTS = ("speaker-listener", "mirroring-dialogue", "be-curious", "naming-it-together", "gentle-repair")


@pytest.mark.parametrize("script_id", SCRIPTS)
async def test_every_key_a_view_offers_is_exactly_what_the_session_accepts(
    script_id: str, app_factory: AppFactory
) -> None:
    app = app_factory(script_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(pilot)
        session = session_of(app)
        checked = 0
        for _ in range(200):
            if session.is_over:
                break
            view = screen.view
            assert view is not None
            for binding in type(view).BINDINGS:
                assert isinstance(binding, Binding)
                _, action, parameters = parse_action(binding.action)
                event = view.event_for(action, parameters)
                if event is not None:
                    assert bool(view.check_action(action, parameters)) == session.allows(event), (
                        f"{session.runner.step.kind}/{session.runner.phase}: {binding.key}"
                    )
                    checked += 1
            await drive_one(pilot)
        assert session.is_over and checked > 0


async def test_ending_a_turn_early_is_not_offered_once_its_time_is_up(app_factory: AppFactory) -> None:
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.view is not None
        assert screen.view.check_action("end_early", ())
        await advance(pilot, 120)
        assert not screen.view.check_action("end_early", ())
        await press(pilot, "e")
        assert isinstance(app.screen, SessionScreen)  # no "end the turn early?" question
        assert session_of(app).runner.phase == "speaking"


async def test_the_time_out_screen_answers_with_an_event_and_leaves_the_session_alone(
    app_factory: AppFactory,
) -> None:
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        assert session.handle(RequestTimeOut())
        answers: list[Event | None] = []
        app.push_screen(TimeOutScreen(session, app.look), answers.append)
        await pilot.pause()
        await press(pilot, "1")
        assert answers == [CallTimeOut("a")]
        assert session.time_out is not None and session.time_out.by is None  # the parent applies it


async def test_a_session_saved_while_the_caller_was_asked_asks_again_with_the_clock_stopped(
    app_factory: AppFactory,
) -> None:
    first = app_factory("ten-minutes-each")
    async with first.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        await advance(pilot, 10)
        await press(pilot, "t")
        await settle(pilot)
    store = store_of(first)
    second = app_factory(store=store)
    async with second.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        await settle(pilot)
        assert isinstance(second.screen, TimeOutScreen)
        assert "Who is calling the time-out?" in flat(static_texts(second))
        session = session_of(second)
        clock_of(second).advance(30)
        assert session.runner.countdown.remaining_seconds() == 590
        await press(pilot, "c")
        assert isinstance(second.screen, SessionScreen)
        assert session.runner.countdown.remaining_seconds() == 590
        assert session.log.time_outs == []
