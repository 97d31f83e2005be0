"""Step views on screen: the low check-in offer, the masked reveal, capture and review, quitting, the palette."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_support import (
    EARLIER_PROMISE,
    flat,
    goto,
    press,
    screen_text,
    seeded_store,
    session_of,
    settle,
    started,
    static_texts,
    store_of,
    type_text,
)
from textual.widgets import Input, OptionList

from tui.app import HearthsideApp
from tui.core.settings import Settings
from tui.screens.confirm import ConfirmScreen
from tui.screens.home import HomeScreen
from tui.screens.picker import PickerScreen
from tui.screens.session import SessionScreen

GENTLE_OFFER = "A gentler session might suit today better"


@pytest.mark.parametrize(("first", "second"), [("1", "4"), ("4", "2")])
async def test_low_checkin_offers_gentler_and_l_switches(
    first: str, second: str, app_factory: Callable[..., HearthsideApp]
) -> None:
    """Either partner low: the offer names the gentler script; `l` starts it with the ratings carried."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "checkin", "rating")
        await press(pilot, first)
        assert "Jonah" in flat(static_texts(app)) and "Maya has answered" in flat(static_texts(app))
        await press(pilot, second)
        assert session.runner.phase == "low_offer"
        words = flat(static_texts(app))
        assert GENTLE_OFFER in words
        assert app.sessions.script_title("low-energy") in words
        await press(pilot, "l")
        await settle(pilot)
        assert session.status == "switched"
        switched = store_of(app).sessions()[0]
        assert switched["status"] == "switched" and switched["switched_to"] == "low-energy"
        ratings = {entry["partner"]: entry["value"] for entry in switched["checkins"]}
        assert ratings == {"a": int(first), "b": int(second)}
        gentle = session_of(app)
        assert gentle is not session and gentle.script.id == "low-energy"
        assert gentle.context.prefilled_checkins == ratings
        assert isinstance(app.screen, SessionScreen)
        assert app.sessions.script_title("low-energy") in flat(screen_text(app))


async def test_low_checkin_enter_carries_on(app_factory: Callable[..., HearthsideApp]) -> None:
    """Enter after the offer keeps the chosen script and moves to its next step."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "checkin", "rating")
        await press(pilot, "1", "1")
        assert GENTLE_OFFER in flat(static_texts(app))
        await press(pilot, "enter")
        assert session.is_running and session.script.id == "speaker-listener"
        assert session.runner.step.kind == "note"
        assert session.record()["steps"][0]["low"] is True


async def test_checkin_without_low_rating_moves_straight_on(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """Ratings 3 and 3: no offer, the next step shows; stray keys before rating change nothing."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "checkin", "rating")
        await press(pilot, "enter", "l", "0", "9")
        assert session.log.checkins == []
        await press(pilot, "3", "3")
        assert session.runner.step.kind == "note"
        assert GENTLE_OFFER not in flat(static_texts(app))


async def test_reveal_is_masked_until_both_wrote(app_factory: Callable[..., HearthsideApp]) -> None:
    """The input is a password field; the first answer is nowhere on screen until both have written."""
    app = app_factory("naming-it-together")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "reveal", "writing")
        entry = app.screen.query_one("#reveal-input", Input)
        assert entry.password is True
        assert entry.has_focus
        assert "Maya writes. Jonah, please look away." in flat(static_texts(app))
        await type_text(pilot, "tired")
        assert "tired" not in screen_text(app)
        assert "•••••" in screen_text(app)
        await press(pilot, "enter")
        assert session.runner.phase == "handover"
        assert "Now hand over to Jonah" in flat(static_texts(app))
        assert "tired" not in screen_text(app)
        await press(pilot, "enter")
        assert session.runner.phase == "writing"
        assert entry.value == ""
        assert "Jonah writes. Maya, please look away." in flat(static_texts(app))
        await type_text(pilot, "lonely")
        assert "lonely" not in screen_text(app) and "tired" not in screen_text(app)
        await press(pilot, "enter")
        assert session.runner.phase == "revealed"
        text = screen_text(app)
        assert "tired" in text and "lonely" in text
        assert session.log.reveals[0]["answers"] == {"a": "tired", "b": "lonely"}


async def test_capture_promise_for_both_and_review_next_time(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """`p`, `3`, typing and Enter keep a promise for both; a blank line is refused with a hint."""
    app = app_factory("gentle-repair")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "capture")
        assert "Whose is it? Maya" in flat(static_texts(app))
        await press(pilot, "3")
        assert "Whose is it? both of you" in flat(static_texts(app))
        await press(pilot, "p")
        entry = app.screen.query_one("#capture-input", Input)
        assert entry.has_focus
        await press(pilot, "enter")
        assert "Write a few words first" in flat(static_texts(app))
        assert session.log.follow_ups == []
        await type_text(pilot, "walk")
        await press(pilot, "enter")
        [follow_up] = session.log.follow_ups
        assert (follow_up["kind"], follow_up["owner"], follow_up["text"]) == ("promise", "both", "walk")
        assert follow_up["written_by"] == "a"
        assert "Jonah," in flat(static_texts(app))
        await press(pilot, "n")
        assert session.runner.step.kind == "close"


async def test_review_shows_the_earlier_promise(app_factory: Callable[..., HearthsideApp]) -> None:
    """An open promise from last time is shown with its owner and date; `n` keeps it open, and Enter moves
on once each one has its answer."""
    app = app_factory("evening-check-in", store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "review", "reviewing")
        words = flat(static_texts(app))
        assert "A promise from Maya, made 7 March:" in words
        assert EARLIER_PROMISE["text"] in words
        await press(pilot, "n")
        assert session.log.reviews[0]["status"] == "not_yet"
        assert "Each one has its answer." in flat(static_texts(app))
        await press(pilot, "enter")
        assert session.runner.step.kind == "turns"


async def test_review_with_nothing_open(app_factory: Callable[..., HearthsideApp]) -> None:
    """No open follow-ups: a calm line, and Enter moves on."""
    app = app_factory("evening-check-in")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "review")
        assert "There are no open promises, requests or wishes" in flat(static_texts(app))
        await press(pilot, "k")
        assert session.runner.step.kind == "review"
        await press(pilot, "enter")
        assert session.runner.step.kind == "turns"


async def test_questions_skip_and_favourite(app_factory: Callable[..., HearthsideApp]) -> None:
    """`f` marks the card (and says so), `s` skips it; the record keeps both."""
    app = app_factory("be-curious")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "questions")
        card = session.runner.card
        await press(pilot, "f")
        assert "(kept as a favourite)" in flat(static_texts(app))
        await press(pilot, "s")
        assert session.runner.card_index == 1
        assert session.log.favourites == [{"step": session.step_index, "question": card}]
        assert session.log.answers[0]["skipped"] is True


async def test_appreciation_typed_words_are_kept(app_factory: Callable[..., HearthsideApp]) -> None:
    """The typing line is focused; Enter gives the appreciation with the words; the count moves on."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "appreciation")
        assert app.screen.query_one("#appreciation-input", Input).has_focus
        total = session.runner.total
        assert f"Appreciation 1 of {total}." in flat(static_texts(app))
        await type_text(pilot, "soup")
        await press(pilot, "enter")
        assert f"Appreciation 2 of {total}." in flat(static_texts(app))
        assert "Jonah, tell Maya something you appreciate." in flat(static_texts(app))
        assert session.log.appreciations[0]["text"] == "soup"
        assert session.log.appreciations[0]["from"] == "a"


async def test_quit_mid_session_asks_and_keeps_a_checkpoint(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """ctrl+q asks first; `n` stays; `y` saves a checkpoint of this session to continue later."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Leave now?" in flat(static_texts(app))
        await press(pilot, "n")
        assert isinstance(app.screen, SessionScreen) and session.is_running
        await press(pilot, "ctrl+q")
        await press(pilot, "y")
        await settle(pilot)
    checkpoint = store_of(app).load_checkpoint()
    assert checkpoint is not None
    assert checkpoint["id"] == session.id
    assert checkpoint["runner"]["phase"] == "speaking"
    assert store_of(app).sessions() == []


async def test_quit_from_home_needs_no_question(app_factory: Callable[..., HearthsideApp]) -> None:
    """Without a session, ctrl+q leaves at once."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_continue_after_quitting(app_factory: Callable[..., HearthsideApp]) -> None:
    """Home offers the unfinished session; `c` then `y` continues the same turn with the same time."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        remaining = session.runner.countdown.remaining_seconds()
        await press(pilot, "ctrl+q", "y")
        await settle(pilot)
    again = app_factory(store=app.sessions.store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Continue where you left off: The floor: speak and be heard" in flat(screen_text(again))
        await press(pilot, "c")
        await press(pilot, "y")
        await started(pilot)
        resumed = session_of(again)
        assert resumed.id == session.id
        assert resumed.runner.phase == "speaking"
        assert resumed.runner.countdown.remaining_seconds() == remaining


async def test_command_palette_lists_session_actions(app_factory: Callable[..., HearthsideApp]) -> None:
    """ctrl+p during a turn offers the time-out and ending the session, with their keys."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        commands = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert commands["Time-out"] == "key: ctrl+t"
        assert commands["End here"] == "key: ctrl+x"
        assert commands["End turn early"] == "key: e"
        assert "Got it" not in commands
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "time")
        await pilot.pause(0.3)
        assert "Time-out" in screen_text(app)


async def test_command_palette_has_no_duplicates(app_factory: Callable[..., HearthsideApp]) -> None:
    """Each command shows once (the app's own Help and Quit keys are not listed twice)."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert len(titles) == len(set(titles)), titles


async def test_start_from_home_through_the_picker(app_factory: Callable[..., HearthsideApp]) -> None:
    """`s` opens the picker with a preview; Enter starts the highlighted script."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Your first session together is one keypress away." in screen_text(app)
        await press(pilot, "s")
        assert isinstance(app.screen, PickerScreen)
        listing = app.screen.query_one("#picker-list", OptionList)
        first = app.sessions.library.find(listing.get_option_at_index(0).id or "")
        assert first is not None and listing.highlighted == 0
        assert first.title in screen_text(app)
        assert "Steps:" in screen_text(app)
        await press(pilot, "f")
        assert "Showing tag:" in screen_text(app)
        await press(pilot, "b")
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "s", "enter")
        await started(pilot)
        assert session_of(app).script.id == first.id


async def test_welcome_asks_for_two_names(app_factory: Callable[..., HearthsideApp]) -> None:
    """First run: the same name twice is refused in words; two names go home and are saved."""
    app = app_factory(settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Welcome to Hearthside" in screen_text(app)
        await type_text(pilot, "Ana")
        await press(pilot, "enter")
        await type_text(pilot, "ana")
        await press(pilot, "enter")
        assert "Please use two different names" in flat(static_texts(app))
        app.screen.query_one("#name-b", Input).value = ""
        await type_text(pilot, "Ben")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "For Ana and Ben" in screen_text(app)
        saved = store_of(app).load_settings()
        assert (saved["name_a"], saved["name_b"], saved["welcome_seen"]) == ("Ana", "Ben", True)
