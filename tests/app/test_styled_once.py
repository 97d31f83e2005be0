"""The first resume of home and of a session's screen leaves out Textual's whole-screen restyle (each
widget was styled as it mounted); every later resume restyles as Textual does."""

from __future__ import annotations

from typing import Any

import pytest
from app_support import make_app, settle
from textual import events
from textual.dom import DOMNode

from tui.core.library import Library
from tui.screens.home import HomeScreen
from tui.screens.session import SessionScreen

RESTYLED: list[str] = []


@pytest.fixture(autouse=True)
def count_whole_screen_restyles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Note every `update_node_styles` called on a screen."""
    RESTYLED.clear()
    original = DOMNode.update_node_styles

    def counted(self: DOMNode, animate: bool = True) -> Any:
        if isinstance(self, HomeScreen | SessionScreen):
            RESTYLED.append(type(self).__name__)
        return original(self, animate)

    monkeypatch.setattr(DOMNode, "update_node_styles", counted)


async def test_home_is_not_restyled_whole_at_its_first_resume_but_is_at_the_next(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert RESTYLED == []
        app.screen.post_message(events.ScreenResume())
        await pilot.pause()
        assert RESTYLED == ["HomeScreen"]


async def test_a_session_screen_likewise(library: Library) -> None:
    app = make_app(library, start_script_id="ten-minutes-each")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert RESTYLED == []
        await pilot.press("f1")  # the help over the session, then back: a full restyle, as Textual does
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        app.screen.post_message(events.ScreenResume())
        await pilot.pause()
        assert RESTYLED[-1] == "SessionScreen"
