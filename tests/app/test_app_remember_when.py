"""Remember when on home: one past appreciation at random, literally, with its date in words and who said
it to whom; nothing when there is none yet. The random source is injected."""

from __future__ import annotations

import random
from collections.abc import Callable

from app_support import press, remembering_store, seeded_store, settle
from textual.widgets import Static

from tui.app import HearthsideApp
from tui.store.memory import InMemoryStore

AppFactory = Callable[..., HearthsideApp]


def remembered_on_home(app: HearthsideApp) -> str:
    """What the home's remember-when line says ("" when it is hidden)."""
    widget = app.screen.query_one("#home-remember", Static)
    return str(widget.render()) if widget.display else ""


async def test_home_remembers_one_past_appreciation_literally_with_its_date_and_names(
    app_factory: AppFactory,
) -> None:
    shown: set[str] = set()
    for seed in range(12):
        app = app_factory(store=remembering_store(), rng=random.Random(seed))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            words = remembered_on_home(app)
            shown.add(words)
            again = app.sessions.store.a_past_appreciation(random.Random(seed))
            assert again is not None and again["text"] in words  # the injected source chose it
    assert shown == {
        'Remember when, 3 December 2025, Jonah said to Maya:\n"You made tea when I was tired. [bold]Thanks[/bold]."',
        'Remember when, last Tuesday, Jonah said to Maya:\n"I loved how you listened on Tuesday 🌻"',
    }


async def test_home_remembers_nothing_before_there_is_an_appreciation(app_factory: AppFactory) -> None:
    for store in (InMemoryStore(), seeded_store()):
        app = app_factory(store=store, rng=random.Random(1))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert remembered_on_home(app) == ""
            assert not app.screen.has_class("remembering")


async def test_a_script_that_asks_opens_with_a_past_appreciation_until_its_second_step(
    app_factory: AppFactory,
) -> None:
    app = app_factory("remember-when", store=remembering_store(), rng=random.Random(3))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        widget = app.screen.query_one("#session-remember", Static)
        assert widget.display and app.screen.has_class("remembering")
        assert str(widget.render()).startswith("Remember when, ")
        assert "said to Maya:" in str(widget.render())
        await press(pilot, "4", "4")  # both check in; the questions begin
        await settle(pilot)
        assert app.sessions.active_session.step_index == 1  # type: ignore[union-attr]
        assert not app.screen.has_class("remembering") and not widget.display


async def test_a_script_that_does_not_ask_shows_none(app_factory: AppFactory) -> None:
    app = app_factory("be-curious", store=remembering_store(), rng=random.Random(3))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#session-remember", Static).display
