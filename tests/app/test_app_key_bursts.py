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
