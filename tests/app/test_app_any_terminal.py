"""Any terminal, in Pilot: every Escape has a second key, a resize keeps the session and its clock, and
the ASCII and console-font modes look designed (snapshots at 80x24)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import random
from collections.abc import Callable

import pytest
from app_support import advance, goto, press, session_of, settle, type_text
from test_app_snapshots import SCENES
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode

import tui.screens
import tui.widgets
import tui.widgets.steps
from tui.app import HearthsideApp
from tui.core.settings import Settings
from tui.screens.help import HelpScreen
from tui.screens.history import HistoryScreen
from tui.screens.home import HomeScreen
from tui.screens.picker import PickerScreen
from tui.screens.session import SessionScreen
from tui.screens.settings import SettingsScreen
from tui.terminal import fit_text

AppFactory = Callable[..., HearthsideApp]


def classes_with_bindings() -> list[type[DOMNode]]:
    """Every screen and widget class of ours (its module imported) that declares key bindings."""
    found: list[type[DOMNode]] = []
    for package in (tui.screens, tui.widgets, tui.widgets.steps):
        for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, DOMNode) and cls.__module__ == module.__name__ and "BINDINGS" in vars(cls):
                    found.append(cls)
    return found


def test_every_escape_action_has_a_second_key() -> None:
    """Escape is slow or swallowed over SSH: whatever it does, another key does too."""
    lonely = []
    for cls in classes_with_bindings():
        bindings = list(Binding.make_bindings(cls.BINDINGS))
        for escape in (binding for binding in bindings if binding.key == "escape"):
            if not any(other.action == escape.action and other.key != "escape" for other in bindings):
                lonely.append(f"{cls.__name__}: {escape.action}")
    assert classes_with_bindings() and lonely == []


async def test_history_goes_back_with_ctrl_b_while_typing_a_search(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        await press(pilot, "slash")
        await type_text(pilot, "b")  # b is typed into the search, not taken as "back"
        assert isinstance(app.screen, HistoryScreen)
        await press(pilot, "ctrl+b")  # as Escape does: first the search is cleared and left
        assert isinstance(app.screen, HistoryScreen) and app.screen.query_text == ""
        await press(pilot, "ctrl+b")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize(
    ("opening", "second_key", "screen"),
    [("s", "b", PickerScreen), ("o", "ctrl+b", SettingsScreen), ("question_mark", "q", HelpScreen)],
)
async def test_screens_close_with_their_second_key(
    app_factory: AppFactory, opening: str, second_key: str, screen: type
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, opening)
        assert isinstance(app.screen, screen)
        await press(pilot, second_key)
        assert isinstance(app.screen, HomeScreen)


async def test_ctrl_p_opens_and_closes_the_command_palette(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, HomeScreen)


SIZES = [(40, 12), (120, 40), (60, 20), (41, 13), (80, 24)]


async def test_a_resize_at_any_moment_keeps_the_session_and_its_clock(app_factory: AppFactory) -> None:
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        await advance(pilot, 20)
        countdown = session.runner.countdown
        left = countdown.remaining_seconds()
        assert left == pytest.approx(100)
        for size in SIZES:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert session_of(app) is session and isinstance(app.screen, SessionScreen)
            assert session.runner.phase == "speaking"
            assert countdown.remaining_seconds() == pytest.approx(left)
            await advance(pilot, 3)  # the clock runs on at every size
            left -= 3
            assert countdown.remaining_seconds() == pytest.approx(left)
        await press(pilot, "t", "1")  # a time-out, then a resize while it is up, then back
        await pilot.resize_terminal(40, 12)
        await advance(pilot, 30)
        await pilot.resize_terminal(80, 24)
        await press(pilot, "enter")
        assert session.runner.phase == "speaking"
        assert countdown.remaining_seconds() == pytest.approx(left)  # paused time does not count


def test_fitting_text_keeps_every_width_and_makes_ascii_or_console_glyphs() -> None:
    drawn = "\u256d\u2500\u256e \u250f\u2501\u2513 \u2554\u2550\u2557 caf\u00e9 \u201cyes\u201d \u2014 \u2026 \u23ce \u25bc \u6797 \u2581\u2588"
    assert fit_text(drawn, "ascii") == '+-+ +-+ +=+ cafe "yes" - . < v ??  #'
    assert fit_text(drawn, "console") == '\u250c\u2500\u2510 \u250c\u2500\u2510 \u2554\u2550\u2557 caf\u00e9 "yes" - . < v ??  \u2588'
    assert fit_text(drawn, "unicode") == drawn


ASCII_SCENES = ("welcome", "home", "settings", "turn-speaking", "turn-time-up", "time-out", "capture-typing")


@pytest.mark.usefixtures("fixed_uuids")
@pytest.mark.parametrize("glyph_set", ["ascii", "console"])
@pytest.mark.parametrize("name", ASCII_SCENES)
def test_ascii_and_console_font_snapshot(
    name: str, glyph_set: str, snap_compare: Callable[..., bool], app_factory: AppFactory
) -> None:
    """Borders in ASCII (or the console font's lines), a focused field in a double line, the clock in
    plain digits under ASCII. The SVG shows the styles; the driver's own substitutions (round corners
    and the like) are checked in a real terminal by tests/e2e/test_any_terminal.py."""
    scene = SCENES[name]
    settings = Settings(theme="ansi-dark")
    if not scene.welcome:
        settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True, theme="ansi-dark")
    app = app_factory(
        scene.script, settings=settings, store=scene.store(), rng=random.Random(11), unicode_ok=None,
        glyph_set=glyph_set,
    )
    assert snap_compare(app, terminal_size=scene.size, run_before=scene.steps)


async def test_a_chosen_theme_is_the_first_one_styled(
    app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The couple's theme is set before Textual parses any CSS: home is drawn in it, and the stylesheet is
    never parsed a second time for it (as setting `theme` once running would)."""
    refreshes: list[bool] = []
    monkeypatch.setattr(HearthsideApp, "refresh_css", lambda self, animate=True: refreshes.append(animate))
    settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True, theme="nord")
    app = app_factory(settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.theme == "nord" and app.has_class("-theme-nord")
        assert app.screen.styles.background == app.current_theme.to_color_system().background
        assert refreshes == []
