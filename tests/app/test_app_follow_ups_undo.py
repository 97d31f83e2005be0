"""Undo on the Follow-ups screen lasts as long as the app runs: leave the screen, come back, and u still
takes back the last answer given there, or says plainly why it no longer can. Let-go ones are listed."""

from __future__ import annotations

from collections.abc import Callable

from app_support import flat, follow_ups_store, press, settle, static_texts, store_of
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.app import HearthsideApp
from tui.screens.follow_ups import FollowUpsScreen
from tui.screens.home import HomeScreen
from tui.widgets.follow_up_card import FollowUpCard


def footer_keys(app: HearthsideApp) -> str:
    """The keys the current screen's footer offers, as they read ("u Undo")."""
    return " ".join(f"{key.key_display} {key.description}" for key in app.screen.query_one(Footer).query(FooterKey))


def status_of(app: HearthsideApp, follow_up_id: str) -> object:
    """The follow-up's status as the store has it now."""
    return next(item["status"] for item in store_of(app).follow_ups() if item["id"] == follow_up_id)


async def leave_and_come_back(pilot: object, app: HearthsideApp) -> None:
    """Esc to home, then f to the Follow-ups screen again (a new screen)."""
    await press(pilot, "escape")  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, HomeScreen)
    await press(pilot, "f")  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, FollowUpsScreen)


async def test_u_undoes_the_last_answer_after_leaving_and_coming_back(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """l lets a promise go; back on home and in again, the screen says what u would take back, lists the
    let-go one with its day, and u reopens it (in the store too), with the focus on it."""
    app = app_factory(store=follow_ups_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        await press(pilot, "l")
        await settle(pilot)
        assert status_of(app, "follow-up-1") == "let_go"
        await leave_and_come_back(pilot, app)
        words = flat(static_texts(app))
        assert "Your last answer here, let go: I will make us tea on Sunday ☕. Press u to undo." in words
        let_go = words[words.index("Let go: set down, and that is fine") :]
        assert "A promise from Maya, let go yesterday: I will make us tea on Sunday ☕" in let_go
        assert "u Undo" in footer_keys(app)
        await press(pilot, "u")
        await settle(pilot)
        assert status_of(app, "follow-up-1") == "open"
        assert isinstance(app.screen.focused, FollowUpCard)
        assert app.screen.focused.follow_up_id == "follow-up-1"
        words = flat(static_texts(app))
        assert "Undone: I will make us tea on Sunday ☕. It is open again, as it was." in words
        assert "Let go: set down" not in words  # nothing let go any more
        assert "u Undo" not in footer_keys(app)


async def test_two_answers_are_undone_newest_first_across_visits(app_factory: Callable[..., HearthsideApp]) -> None:
    """Kept on one visit, let go on the next: two u's on a third visit put both back, newest first."""
    app = app_factory(store=follow_ups_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        await press(pilot, "k")
        await settle(pilot)
        await leave_and_come_back(pilot, app)
        await press(pilot, "l")  # the focus is on the first open one: follow-up-2 now
        await settle(pilot)
        assert [status_of(app, f"follow-up-{n}") for n in (1, 2)] == ["kept", "let_go"]
        await leave_and_come_back(pilot, app)
        assert "Your last answer here, let go: Would you [bold]call[/bold] me at lunch?" in flat(static_texts(app))
        await press(pilot, "u")
        await settle(pilot)
        assert [status_of(app, f"follow-up-{n}") for n in (1, 2)] == ["kept", "open"]
        await press(pilot, "u")
        await settle(pilot)
        assert [status_of(app, f"follow-up-{n}") for n in (1, 2)] == ["open", "open"]


async def test_an_answer_changed_since_says_it_can_no_longer_be_undone(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """Not yet here, then kept elsewhere (a session's review step): coming back says plainly that u will not
    take back the answer given here, and u changes nothing."""
    app = app_factory(store=follow_ups_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        await press(pilot, "n")
        await settle(pilot)
        await press(pilot, "escape")
        await settle(pilot)
        store_of(app).set_follow_up_status("follow-up-1", "kept")  # as a session's review step would
        await press(pilot, "f")
        await settle(pilot)
        words = flat(static_texts(app))
        assert (
            "Answered again since, in a session: I will make us tea on Sunday ☕. "
            "What you chose here can no longer be undone." in words
        )
        assert "u Undo" not in footer_keys(app)
        await press(pilot, "u")
        await settle(pilot)
        assert status_of(app, "follow-up-1") == "kept"


async def test_u_itself_says_so_when_the_answer_was_changed_while_the_screen_was_open(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """Two answers here; the newer one is answered again elsewhere and read back in: u says it cannot take it
    back and that the next u undoes the one before, which it then does."""
    app = app_factory(store=follow_ups_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        await press(pilot, "k", "n")  # follow-up-1 kept, follow-up-2 not yet
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FollowUpsScreen)
        store_of(app).set_follow_up_status("follow-up-2", "let_go")
        screen.follow_ups = store_of(app).follow_ups()  # as a fresh read would bring
        await press(pilot, "u")
        await settle(pilot)
        words = flat(static_texts(app))
        assert "Would you [bold]call[/bold] me at lunch? What you chose here can no longer be undone." in words
        assert "Press u to undo the answer before it." in words
        assert status_of(app, "follow-up-2") == "let_go"
        await press(pilot, "u")
        await settle(pilot)
        assert status_of(app, "follow-up-1") == "open"
