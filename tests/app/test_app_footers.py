"""Every footer at 80x24 shows the keys that matter for the screen and step in full, in ASCII too; help
shows how to close it without scrolling and has a footer of its own. The footer at every step of the
built-in scripts is checked in the app walk (test_app_walk.py, with `check_footer`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_support import (
    drive_one,
    goto,
    press,
    screen_text,
    seeded_store,
    session_of,
    settle,
    started,
)
from textual.actions import parse as parse_action
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

from tui.app import HearthsideApp
from tui.core.settings import Settings
from tui.screens.help import HelpScreen
from tui.screens.home import HomeScreen
from tui.screens.picker import PickerScreen
from tui.screens.settings import SettingsScreen
from tui.screens.time_out import TimeOutScreen
from tui.widgets.steps.base import Move

AppFactory = Callable[..., HearthsideApp]
ESSENTIAL_ACTIONS = ("time_out", "end_here", "request_quit", "app.request_quit", "help")
"""The keys that matter on every screen where they work: time-out, end here, quit and help."""


def footer_line(app: HearthsideApp) -> str:
    """The footer as the terminal shows it: the screen's last line."""
    return screen_text(app).splitlines()[-1]


def shown_keys(app: HearthsideApp) -> list[FooterKey]:
    """The keys the current screen's footer offers."""
    return list(app.screen.query_one(Footer).query(FooterKey))


def label(key: FooterKey) -> str:
    """A footer key as it reads: "^t Time-out"."""
    return f"{key.key_display} {key.description}".strip()


def live_actions(app: HearthsideApp) -> set[str]:
    """The actions a key on the current screen runs right now (the footer's source)."""
    return {
        parse_action(active.binding.action)[1] for active in app.screen.active_bindings.values() if active.enabled
    }


def check_footer(app: HearthsideApp, where: str, must_show: tuple[str, ...] = ()) -> None:
    """Every key in the footer reads in full on the line; each live essential key and `must_show` is there."""
    line = footer_line(app)
    keys = shown_keys(app)
    assert keys, f"{where}: no keys in the footer"
    position = 0
    for key in keys:  # each label whole, in order, never cut at the right edge
        found = line.find(label(key), position)
        assert found >= 0, f"{where}: {label(key)!r} is cut or missing in {line!r}"
        position = found + len(label(key))
    shown_actions = {parse_action(key.action)[1] for key in keys}
    for action in ESSENTIAL_ACTIONS:
        if action.split(".")[-1] in live_actions(app):
            assert action in shown_actions or action.split(".")[-1] in shown_actions, (
                f"{where}: the {action} key works but the footer does not show it: {line!r}"
            )
    for wanted in must_show:
        assert any(key.key == wanted for key in keys), f"{where}: {wanted!r} is not in the footer: {line!r}"


def next_key(app: HearthsideApp, move: Move) -> str:
    """The key the couple presses next to move the step on (Enter when words are typed first)."""
    return "enter" if isinstance(app.screen.focused, Input) else move.keys[0]


async def test_a_turn_and_its_time_out_show_their_keys(app_factory: AppFactory) -> None:
    """During a turn (Enter ends nothing; e ends early) and in the time-out that stops it."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        check_footer(app, "speaking", must_show=("e",))
        await press(pilot, "ctrl+t")
        assert isinstance(app.screen, TimeOutScreen)
        check_footer(app, "who calls the time-out", must_show=("1", "2", "c"))
        await press(pilot, "1")
        check_footer(app, "time-out", must_show=("enter",))


async def test_home_picker_settings_and_welcome_footers_fit(app_factory: AppFactory) -> None:
    app = app_factory(settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        check_footer(app, "welcome", must_show=("ctrl+s",))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        check_footer(app, "home", must_show=("s",))
        await press(pilot, "s")
        assert isinstance(app.screen, PickerScreen)
        check_footer(app, "picker", must_show=("b",))
        await press(pilot, "b", "o")
        assert isinstance(app.screen, SettingsScreen)
        check_footer(app, "settings", must_show=("ctrl+s",))


async def test_home_with_an_unfinished_session_shows_continue(app_factory: AppFactory) -> None:
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        store = app.sessions.store
    again = app_factory(store=store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if not isinstance(again.screen, HomeScreen):  # home may ask at once whether to continue
            await press(pilot, "n")
        assert isinstance(again.screen, HomeScreen)
        check_footer(again, "home with an unfinished session", must_show=("c", "s"))


async def test_help_says_how_to_close_it_without_scrolling_and_has_a_footer(app_factory: AppFactory) -> None:
    app = app_factory("appreciation-round")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "Escape or F1 closes this" in shown
        check_footer(app, "help", must_show=("escape",))
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("script_id", ["after-a-fight", "couple-meeting"])
async def test_footers_are_plain_ascii_when_the_terminal_is_not_utf8(app_factory: AppFactory, script_id: str) -> None:
    """LANG=C: at every step the footer's keys are words and ASCII marks (no Enter symbol, no palette edge)."""
    app = app_factory(script_id, store=seeded_store(), unicode_ok=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        session = session_of(app)
        for _ in range(400):
            if session.is_over:
                break
            await pilot.pause()
            line = footer_line(app)
            assert line.isascii(), f"{script_id} step {session.step_index + 1}: {line!r}"
            await drive_one(pilot)
        await settle(pilot)
        assert footer_line(app).isascii(), f"home: {footer_line(app)!r}"
