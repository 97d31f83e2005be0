"""Opt-in decks in the app: one switch in Settings turns them on (off at first), and a questions step
that would draw from one while it is off says so kindly, at 80x24, and Enter goes on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app_support import make_app, press, screen_text, session_of, settle, started, static_texts, store_of
from textual.widgets import Switch

from tui.app import HearthsideApp
from tui.core.library import Library, load_library
from tui.core.runners.conversation import DECK_OFF
from tui.core.settings import Settings
from tui.screens.picker import PickerScreen
from tui.screens.settings import OPT_IN_LABEL, SettingsScreen

AppFactory = Callable[..., HearthsideApp]
PARENTING_TALK = """
[script]
id = "parenting-talk"
title = "Parenting talk"
summary = "Two cards about raising children together, then a close."
method = "none"

[[steps]]
kind = "questions"
deck = "parenting"
count = 2

[[steps]]
kind = "close"
"""


def library_with_parenting_script(folder: Path) -> Library:
    """The built-in library and one script of the couple's own that draws from the parenting deck."""
    (folder / "parenting-talk.toml").write_text(PARENTING_TALK, encoding="utf-8")
    return load_library(user_dir=folder)


async def test_settings_shows_the_switch_off_at_first_and_keeps_it_when_turned_on(
    app_factory: AppFactory,
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "o")
        assert isinstance(app.screen, SettingsScreen)
        shown = screen_text(app)
        assert OPT_IN_LABEL in shown and "Save (ctrl+s)" in shown  # fits 80x24 without scrolling
        switch = app.screen.query_one("#settings-opt-in-decks", Switch)
        assert switch.value is False
        await pilot.click("#settings-opt-in-decks")
        assert switch.value is True
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert app.settings.opt_in_decks is True
        assert Settings.from_dict(store_of(app).load_settings()).opt_in_decks is True


async def test_a_step_from_an_opt_in_deck_that_is_off_says_so_and_enter_goes_on(tmp_path: Path) -> None:
    library = library_with_parenting_script(tmp_path)
    app = make_app(library, start_script_id="parenting-talk")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        session = session_of(app)
        assert session.runner is not None and session.runner.phase == DECK_OFF
        shown = " ".join(static_texts(app).split())
        assert "These cards would come from Parenting, a deck that stays off until you choose it." in shown
        assert "You can turn it on in Settings, whenever you both like." in shown
        assert "The rest of the session goes on as planned." in shown
        assert "Enter: go on to the next step" in shown
        assert "Continue" in screen_text(app).splitlines()[-1]  # the footer names the key
        parenting = {card.text for card in library.decks["parenting"].questions}
        assert not any(text in shown for text in parenting)
        await press(pilot, "enter")
        assert session.runner is not None and session.runner.step.kind == "close"


async def test_with_the_switch_on_the_same_step_asks_the_parenting_cards(tmp_path: Path) -> None:
    library = library_with_parenting_script(tmp_path)
    settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True)
    settings.opt_in_decks = True
    app = make_app(library, start_script_id="parenting-talk", settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        runner = session_of(app).runner
        assert runner is not None and runner.phase != DECK_OFF
        parenting = {card.text for card in library.decks["parenting"].questions}
        assert set(runner.cards) <= parenting and len(runner.cards) == 2


async def test_the_picker_says_which_step_waits_for_a_deck_that_is_off(tmp_path: Path) -> None:
    library = library_with_parenting_script(tmp_path)
    for turned_on in (False, True):
        settings = Settings(name_a="Maya", name_b="Jonah", welcome_seen=True)
        settings.opt_in_decks = turned_on
        app = make_app(library, settings=settings)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "s")
            assert isinstance(app.screen, PickerScreen)
            app.screen.preview(library.find("parenting-talk"))
            await pilot.pause()
            shown = " ".join(static_texts(app).split())
            off = "Questions (its deck is off: see Settings)" in shown
            assert off is not turned_on, shown
