"""Every key the couple is promised works in every step, typing steps included; ctrl+c quits like
ctrl+q; a failed background job is told plainly and can be tried again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_support import goto, press, session_of, settle, type_text
from textual.widgets import Footer, Input

from tui.app import HearthsideApp
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen
from tui.screens.home import HomeScreen
from tui.screens.session import SessionScreen
from tui.screens.time_out import TimeOutScreen
from tui.store.memory import InMemoryStore

AppFactory = Callable[..., HearthsideApp]
TYPING_STEPS = [("appreciation-round", "appreciation"), ("state-of-the-union", "capture")]


async def focus_a_field(pilot: object, app: HearthsideApp, script: str, kind: str) -> Input:
    """Reach a typing step with its field focused and some words typed."""
    await goto(pilot, kind)  # type: ignore[arg-type]
    if kind == "capture":
        await press(pilot, "p")  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]
    field = app.screen.query_one(Input)
    field.focus()
    await type_text(pilot, "thanks")  # type: ignore[arg-type]
    assert app.screen.focused is field
    return field


@pytest.mark.parametrize(("script", "kind"), TYPING_STEPS)
async def test_time_out_works_while_a_field_has_focus(app_factory: AppFactory, script: str, kind: str) -> None:
    app = app_factory(script)
    async with app.run_test(size=(80, 24)) as pilot:
        field = await focus_a_field(pilot, app, script, kind)
        await press(pilot, "ctrl+t")
        assert isinstance(app.screen, TimeOutScreen)
        assert field.value == "thanks"


@pytest.mark.parametrize(("script", "kind"), TYPING_STEPS)
async def test_end_here_works_while_a_field_has_focus(app_factory: AppFactory, script: str, kind: str) -> None:
    app = app_factory(script)
    async with app.run_test(size=(80, 24)) as pilot:
        field = await focus_a_field(pilot, app, script, kind)
        await press(pilot, "ctrl+x")
        assert isinstance(app.screen, ConfirmScreen)
        assert field.value == "thanks"


@pytest.mark.parametrize(("script", "kind"), TYPING_STEPS)
async def test_help_works_while_a_field_has_focus(app_factory: AppFactory, script: str, kind: str) -> None:
    app = app_factory(script)
    async with app.run_test(size=(80, 24)) as pilot:
        field = await focus_a_field(pilot, app, script, kind)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        assert field.value == "thanks"


async def test_the_footer_of_a_typing_step_shows_time_out_end_and_help(app_factory: AppFactory) -> None:
    app = app_factory("appreciation-round")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_a_field(pilot, app, "appreciation-round", "appreciation")
        shown = {
            (binding.binding.key, binding.binding.description)
            for binding in app.screen.active_bindings.values()
            if binding.binding.show and binding.enabled
        }
        assert ("ctrl+t", "Time-out") in shown
        assert ("ctrl+x", "End here") in shown
        assert ("f1", "Help") in shown
        assert app.screen.query_one(Footer).display


async def test_the_note_and_help_name_keys_that_work(app_factory: AppFactory) -> None:
    from tui.keys import keys_help
    from tui.screens.not_therapy import NOT_THERAPY_NOTE

    assert "ctrl+x ends the session" in NOT_THERAPY_NOTE and "ctrl+t calls a time-out" in NOT_THERAPY_NOTE
    text = keys_help()
    for key in ("ctrl+t", "ctrl+x", "F1", "ctrl+c"):
        assert key in text


async def test_ctrl_c_on_home_quits(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+c")
        await pilot.pause()
        assert app.return_code is not None


async def test_q_on_home_quits(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "q")
        await pilot.pause()
        assert app.return_code is not None


async def test_ctrl_c_during_a_session_asks_first_even_in_a_field(app_factory: AppFactory) -> None:
    app = app_factory("appreciation-round")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_a_field(pilot, app, "appreciation-round", "appreciation")
        await press(pilot, "ctrl+c")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.return_code is None
        await press(pilot, "n")
        assert isinstance(app.screen, SessionScreen)
        assert session_of(app).is_running


class FailsOnceStore(InMemoryStore):
    """A store whose first rotation read fails, as a disk hiccup would."""

    def __init__(self) -> None:
        super().__init__()
        self.failures = 1

    def last_first_speaker(self) -> str | None:
        if self.failures:
            self.failures -= 1
            raise OSError("the disk did not answer")
        return super().last_first_speaker()


async def test_a_failed_preparation_is_told_and_can_be_tried_again(app_factory: AppFactory) -> None:
    app = app_factory(store=FailsOnceStore())
    notices: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        original = app.notify

        def record(message: str, *args: object, **kwargs: object) -> None:
            notices.append(str(message))
            original(message, *args, **kwargs)  # type: ignore[arg-type]

        app.notify = record  # type: ignore[method-assign]
        await press(pilot, "s")
        await press(pilot, "enter")
        await settle(pilot)
        assert not isinstance(app.screen, SessionScreen)
        assert any("could not" in notice.lower() and "again" in notice.lower() for notice in notices)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
