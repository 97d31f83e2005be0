"""Keys that arrive together, as over a slow SSH link or from a fast typist, land where a person meant."""

from __future__ import annotations

from app_support import make_app
from textual import events
from textual.widgets import Input

from tui.core.library import Library
from tui.core.settings import Settings


async def test_names_typed_with_tab_in_one_burst_land_in_their_own_fields(library: Library) -> None:
    """"Ann<Tab>Bob" arriving at once fills both names: Tab moved focus only after "Bob" had been handed
    to the first field, which then read "AnnBob"."""
    app = make_app(library, settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.query_one("#name-a", Input)
        for key, character in [*((c, c) for c in "Ann"), ("tab", None), *((c, c) for c in "Bob")]:
            app.post_message(events.Key(key, character))  # all queued before any is handled
        await pilot.pause()
        assert app.screen.query_one("#name-a", Input).value == "Ann"
        assert app.screen.query_one("#name-b", Input).value == "Bob"


def burst(*keys: str) -> list[events.Key]:
    """Key events for `keys` ("enter" is a key, any other string its letters)."""
    found: list[events.Key] = []
    for part in keys:
        found.extend([events.Key(part, "\r")] if part == "enter" else [events.Key(c, c) for c in part])
    return found


async def test_names_typed_with_enter_in_one_burst_land_in_their_own_fields(library: Library) -> None:
    """"Ann<Enter>Bob" arriving at once fills both names: Enter moved focus only after "Bob" had been handed
    to the first field (the move was queued behind the keys), which then read "AnnBob"."""
    app = make_app(library, settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in burst("Ann", "enter", "Bob"):
            app.post_message(key)  # all queued before any is handled
        await pilot.pause()
        assert app.screen.query_one("#name-a", Input).value == "Ann"
        assert app.screen.query_one("#name-b", Input).value == "Bob"
        assert app.focused is app.screen.query_one("#name-b", Input)


async def test_both_names_and_enter_in_one_burst_begin_with_both(library: Library) -> None:
    """"Ann<Enter>Bob<Enter>" at once: the second Enter begins, with both names as typed."""
    app = make_app(library, settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        welcome = app.screen
        for key in burst("Ann", "enter", "Bob", "enter"):
            app.post_message(key)
        await pilot.pause()
        assert app.screen is not welcome
        assert (app.settings.name_a, app.settings.name_b) == ("Ann", "Bob")
