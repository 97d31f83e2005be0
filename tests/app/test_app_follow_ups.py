"""The Follow-ups screen: opened from home and the palette, marking kept / not yet / let go through the
store, wishes apart, what was kept shown kindly; the review step shows the same card."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_support import (
    EARLIER_PROMISE,
    flat,
    follow_ups_store,
    goto,
    press,
    seeded_store,
    settle,
    static_texts,
    store_of,
)
from textual.widgets import Footer, OptionList
from textual.widgets._footer import FooterKey

from tui.app import HearthsideApp
from tui.screens.follow_ups import FollowUpsScreen
from tui.screens.home import HomeScreen
from tui.widgets.follow_up_card import FollowUpCard


def footer_keys(app: HearthsideApp) -> str:
    """The keys the current screen's footer offers, as they read ("u Undo")."""
    return " ".join(f"{key.key_display} {key.description}" for key in app.screen.query_one(Footer).query(FooterKey))


def status_in_store(app: HearthsideApp, follow_up_id: str) -> dict[str, object]:
    """The follow-up as the store has it now."""
    return next(item for item in store_of(app).follow_ups() if item["id"] == follow_up_id)


async def test_f_on_home_opens_follow_ups_in_their_groups(app_factory: Callable[..., HearthsideApp]) -> None:
    """`f` on home: open promises and requests (whose, to whom, since when), wishes apart, what was kept."""
    app = app_factory(store=follow_ups_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        assert isinstance(app.screen, FollowUpsScreen)
        words = flat(static_texts(app))
        assert "A promise from Maya, made 7 March: I will make us tea on Sunday ☕" in words
        assert "A request from Jonah to Maya, made last Monday: Would you [bold]call[/bold] me at lunch?" in words
        assert "A promise from both of you, made last Thursday: Wir gehen am Samstag zusammen spazieren" in words
        asks, wishes, kept = (words.index(title) for title in ("still open", "Wishes and dreams", "Kept:"))
        assert asks < words.index("tea on Sunday") < wishes < words.index("一緒に海を見に行きたい 🌊") < kept
        assert words.index("A little garden of our own [/]") > wishes
        assert "A promise from Jonah, kept yesterday: Cook dinner on Friday 🍝" in words[kept:]
        assert "Cook dinner" not in words[:kept]
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_home_menu_line_and_the_palette_open_it(app_factory: Callable[..., HearthsideApp]) -> None:
    """Enter on the menu line opens the screen; the palette lists it by name with its key."""
    app = app_factory(store=follow_ups_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert commands["Follow-ups: promises, requests and wishes"] == "key: f"
        menu = app.screen.query_one("#home-menu", OptionList)
        menu.highlighted = menu.get_option_index("follow-ups")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, FollowUpsScreen)


@pytest.mark.parametrize(
    ("key", "status", "still_open"), [("k", "kept", False), ("n", "open", True), ("l", "let_go", False)]
)
async def test_marking_the_focused_follow_up_is_written_to_the_store(
    key: str, status: str, still_open: bool, app_factory: Callable[..., HearthsideApp]
) -> None:
    """k, n or l on the first open promise writes its decision; not yet keeps it open, noting the look."""
    app = app_factory(store=follow_ups_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        assert isinstance(app.screen.focused, FollowUpCard)
        assert app.screen.focused.follow_up_id == "follow-up-1"
        await press(pilot, key)
        await settle(pilot)
        stored = status_in_store(app, "follow-up-1")
        assert stored["status"] == status
        assert stored.get("last_reviewed_at")
        open_ids = [item["id"] for item in store_of(app).open_follow_ups()]
        assert ("follow-up-1" in open_ids) is still_open
        words = flat(static_texts(app))
        listed = words[: words.index("Press u to undo.")].rsplit(": I will make us tea", 1)[0]  # not the notice
        open_part, kept_part = listed.split("Kept: something")
        kept_part, _, let_go_part = kept_part.partition("Let go: set down")
        assert ("tea on Sunday" in open_part) is still_open
        assert ("tea on Sunday" in kept_part) is (status == "kept")
        assert ("Maya, let go yesterday: I will make us tea on Sunday" in let_go_part) is (status == "let_go")
        assert isinstance(app.screen.focused, FollowUpCard)
        assert app.screen.focused.follow_up_id == "follow-up-2"  # the next one is ready for its answer
        await press(pilot, "escape")
        await settle(pilot)
        expected = "5 open follow-ups" if still_open else "4 open follow-ups"
        assert expected in flat(static_texts(app))


async def test_every_open_one_can_be_answered_in_turn(app_factory: Callable[..., HearthsideApp]) -> None:
    """Keep everything open: the wishes get their answers too, and the list says nothing is open."""
    app = app_factory(store=follow_ups_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        await press(pilot, "k", "k", "l", "k", "l")
        await settle(pilot)
        assert store_of(app).open_follow_ups() == []
        words = flat(static_texts(app))
        assert "Nothing is open just now." in words
        assert "No wishes yet." in words
        assert not list(app.screen.query(FollowUpCard))
        await press(pilot, "k")  # nothing focused to answer: nothing happens
        assert isinstance(app.screen, FollowUpsScreen)


async def test_an_empty_history_says_so_calmly(app_factory: Callable[..., HearthsideApp]) -> None:
    """No follow-ups at all: three calm lines, and Esc or b goes home."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        words = flat(static_texts(app))
        assert "Nothing is open just now." in words
        assert "Promises you keep will gather here." in words
        await press(pilot, "b")
        assert isinstance(app.screen, HomeScreen)


async def test_the_review_step_shows_the_shared_card(app_factory: Callable[..., HearthsideApp]) -> None:
    """The review step's follow-up is the same card as on the Follow-ups screen, with the same keys."""
    app = app_factory("evening-check-in", store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "review", "reviewing")
        card = app.screen.query_one("#review-item", FollowUpCard)
        assert card.follow_up_id == EARLIER_PROMISE["id"]
        assert not card.can_focus
        await press(pilot, "k")
        assert session.log.reviews[0]["status"] == "kept"


async def test_down_moves_to_the_next_card_and_the_decision_is_said(app_factory: Callable[..., HearthsideApp]) -> None:
    """Down moves the choices to the next follow-up (not just the scroll); a decision says a kind word that
    stays after the store has been read again."""
    app = app_factory(store=follow_ups_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        await press(pilot, "down")
        assert isinstance(app.screen.focused, FollowUpCard)
        assert app.screen.focused.follow_up_id == "follow-up-2"
        await press(pilot, "k")
        await settle(pilot)
        assert "Kept: Would you [bold]call[/bold] me at lunch? That is something to be glad of." in flat(
            static_texts(app)
        )
        assert status_in_store(app, "follow-up-2")["status"] == "kept"


# -- undo: a decision made by accident (or a letter typed by mistake) can be taken back -----------------
async def test_u_undoes_a_let_go_on_the_screen_and_in_the_store(app_factory: Callable[..., HearthsideApp]) -> None:
    """l lets the focused promise go at once and says how to take it back; u brings it back, open, in
    its place and in the store; u is offered in the footer only while there is something to undo."""
    app = app_factory(store=follow_ups_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        assert not app.screen.check_action("undo", ())
        await press(pilot, "l")
        await settle(pilot)
        assert status_in_store(app, "follow-up-1")["status"] == "let_go"
        words = flat(static_texts(app))
        assert "Let go: I will make us tea on Sunday ☕. That is fine too. Press u to undo." in words
        assert "u Undo" in footer_keys(app)
        await press(pilot, "u")
        await settle(pilot)
        assert status_in_store(app, "follow-up-1")["status"] == "open"
        assert "follow-up-1" in [item["id"] for item in store_of(app).open_follow_ups()]
        assert isinstance(app.screen.focused, FollowUpCard)
        assert app.screen.focused.follow_up_id == "follow-up-1"
        assert "Undone: I will make us tea on Sunday ☕. It is open again, as it was." in flat(static_texts(app))
        assert "u Undo" not in footer_keys(app)
        await press(pilot, "u")  # nothing left to undo: nothing happens
        await settle(pilot)
        assert status_in_store(app, "follow-up-1")["status"] == "open"


async def test_a_word_typed_by_mistake_is_undone_letter_by_letter(app_factory: Callable[..., HearthsideApp]) -> None:
    """Typing "lk" as if into a field marks two follow-ups; two u's put both back as they were, newest first,
    and a kept one leaves the kept list again."""
    app = app_factory(store=follow_ups_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        await press(pilot, "l", "k")
        await settle(pilot)
        assert [status_in_store(app, f"follow-up-{n}")["status"] for n in (1, 2)] == ["let_go", "kept"]
        await press(pilot, "u", "u")
        await settle(pilot)
        assert [status_in_store(app, f"follow-up-{n}")["status"] for n in (1, 2)] == ["open", "open"]
        words = flat(static_texts(app))
        assert "call" not in words[words.index("Kept: something") : words.index("Undone:")]
        assert app.screen.focused.follow_up_id == "follow-up-1"


async def test_keys_typed_in_the_palette_mark_nothing(app_factory: Callable[..., HearthsideApp]) -> None:
    """With the command palette's field open over the Follow-ups screen, k, n and l are letters, not choices."""
    app = app_factory(store=follow_ups_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await settle(pilot)
        await press(pilot, "l", "k", "n", "u")
        await settle(pilot)
        assert len(store_of(app).open_follow_ups()) == 5
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, FollowUpsScreen) and len(store_of(app).open_follow_ups()) == 5


async def test_u_in_the_review_step_asks_about_the_last_one_again(app_factory: Callable[..., HearthsideApp]) -> None:
    """In a session, l on the last earlier promise no longer moves on at once: the step says what was
    chosen and waits for Enter; u asks about it again, through the engine (the session's log)."""
    app = app_factory("evening-check-in", store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "review", "reviewing")
        await press(pilot, "l")
        assert session.runner.step.kind == "review" and session.log.reviews[0]["status"] == "let_go"
        assert "Press u to undo." in flat(static_texts(app))
        await press(pilot, "u")
        assert session.log.reviews == [] and session.runner.phase == "reviewing"
        card = app.screen.query_one("#review-item", FollowUpCard)
        assert card.follow_up_id == EARLIER_PROMISE["id"]
        await press(pilot, "k", "enter")
        assert [entry["status"] for entry in session.log.reviews] == ["kept"]
        assert session.runner.step.kind != "review"
