"""Typed words stay with their author: Tab and Shift+Tab never move words to the other partner, a restored
draft keeps its words with the cursor at the end, and a reveal's writer alone may unmask their words."""

from __future__ import annotations

from collections.abc import Callable

from app_support import clock_of, flat, goto, press, screen_text, session_of, settle, static_texts, store_of
from app_support import type_text as type_words
from textual.widgets import Footer, Input

from tui.app import HearthsideApp
from tui.screens.session import SessionScreen

AppFactory = Callable[..., HearthsideApp]


async def test_tab_then_enter_in_an_appreciation_keeps_the_words_with_their_author(
    app_factory: AppFactory,
) -> None:
    """Maya types, Tab, Enter: her words are hers, and Jonah starts from an empty line."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "appreciation")
        entry = app.screen.query_one("#appreciation-input", Input)
        await type_words(pilot, "thanks for the coffee")
        await press(pilot, "tab", "enter")
        assert session.log.appreciations[0]["from"] == "a"
        assert session.log.appreciations[0]["text"] == "thanks for the coffee"
        assert "Jonah, tell Maya something you appreciate." in flat(static_texts(app))
        assert entry.value == ""
        await type_words(pilot, "for the walk")
        await press(pilot, "shift+tab", "enter")
        assert session.log.appreciations[1]["from"] == "b"
        assert session.log.appreciations[1]["text"] == "for the walk"


async def test_enter_on_the_view_of_a_reveal_hands_in_the_words(app_factory: AppFactory) -> None:
    """Focus away from the masked field (Tab, or a click): Enter still hands in what was written."""
    app = app_factory("naming-it-together")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "reveal", "writing")
        await type_words(pilot, "tired")
        await press(pilot, "tab", "enter")
        assert session.runner.phase == "handover"
        await press(pilot, "enter")
        await type_words(pilot, "lonely")
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.view is not None
        screen.set_focus(screen.view)  # as a click beside the field would
        await press(pilot, "enter")
        assert session.log.reveals[0]["answers"] == {"a": "tired", "b": "lonely"}


async def test_enter_on_the_view_of_a_capture_keeps_the_follow_up(app_factory: AppFactory) -> None:
    """Writing a promise, Tab, Enter: the promise is kept, written by whoever was asked."""
    app = app_factory("gentle-repair")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "capture")
        await press(pilot, "p")
        await type_words(pilot, "walk")
        await press(pilot, "tab", "enter")
        [follow_up] = session.log.follow_ups
        assert (follow_up["text"], follow_up["written_by"]) == ("walk", "a")


async def test_the_engine_refuses_words_from_the_partner_whose_turn_it_is_not(app_factory: AppFactory) -> None:
    """A field opened for Maya cannot hand its words to Jonah: the engine checks the author."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "appreciation")
        entry = app.screen.query_one("#appreciation-input", Input)
        assert getattr(entry, "author", None) == "a"
        await type_words(pilot, "soup")
        await press(pilot, "enter")
        assert entry.author == "b"  # type: ignore[attr-defined]
        assert session.log.appreciations[0]["text"] == "soup"


async def quit_while_typing(app: HearthsideApp, kind: str, words: str, *keys: str) -> None:
    """Go to a step of `kind`, press `keys`, type `words`, and leave with ctrl+q (the draft checkpointed)."""
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, kind, "writing" if kind == "reveal" else None)
        await press(pilot, *keys)
        await type_words(pilot, words)
        clock_of(app).advance(4)
        await press(pilot, "ctrl+q", "y")
        await settle(pilot)


async def test_a_restored_draft_keeps_its_words_and_a_key_adds_to_them(app_factory: AppFactory) -> None:
    """After "continue where you left off", the first key pressed appends instead of replacing the draft."""
    for script_id, kind, field, keys in (
        ("naming-it-together", "reveal", "#reveal-input", ()),
        ("speaker-listener", "appreciation", "#appreciation-input", ()),
        ("gentle-repair", "capture", "#capture-input", ("p",)),
    ):
        first = app_factory(script_id)
        await quit_while_typing(first, kind, "I miss our walks", *keys)
        assert store_of(first).load_checkpoint()["draft"] == "I miss our walks"
        again = app_factory(store=store_of(first))
        async with again.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "c")  # continuing is one key: home asks nothing more
            await settle(pilot)
            await press(pilot, *keys)
            entry = again.screen.query_one(field, Input)
            assert entry.has_focus, kind
            assert entry.value == "I miss our walks", kind
            assert entry.cursor_position == len(entry.value), kind
            await type_words(pilot, " a lot")
            assert entry.value == "I miss our walks a lot", kind
            assert session_of(again).draft == "I miss our walks a lot", kind


def footer_keys(app: HearthsideApp) -> str:
    """The footer's text as shown."""
    footer = app.screen.query_one(Footer)
    return flat(" ".join(str(child.render()) for child in footer.query("*")))


async def test_a_reveal_writer_can_see_their_own_words_and_the_partner_never_does(
    app_factory: AppFactory,
) -> None:
    """ctrl+s shows the masked words to their writer; the hand-over and the next writer are masked again."""
    app = app_factory("naming-it-together")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "reveal", "writing")
        entry = app.screen.query_one("#reveal-input", Input)
        assert "Show my words" in footer_keys(app)
        await type_words(pilot, "tired")
        assert "tired" not in screen_text(app)
        await press(pilot, "ctrl+s")
        assert entry.password is False and "tired" in screen_text(app)
        assert "Hide my words" in footer_keys(app)
        await press(pilot, "ctrl+s")
        assert entry.password is True and "tired" not in screen_text(app)
        await press(pilot, "ctrl+s", "enter")
        assert session.runner.phase == "handover"
        assert "tired" not in screen_text(app)
        await press(pilot, "enter")
        assert session.runner.phase == "writing" and session.runner.writer == "b"
        assert entry.password is True and entry.value == ""
        assert "Show my words" in footer_keys(app)
        await type_words(pilot, "lonely")
        assert "lonely" not in screen_text(app) and "tired" not in screen_text(app)
        await press(pilot, "ctrl+s")
        assert "lonely" in screen_text(app) and "tired" not in screen_text(app)
        await press(pilot, "enter")
        assert session.log.reveals[0]["answers"] == {"a": "tired", "b": "lonely"}


async def test_a_name_reached_with_tab_keeps_its_letters(app_factory: AppFactory) -> None:
    """In settings, Tab to a name and type: the letters are added at the end, the name is not replaced."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "o")
        await settle(pilot)
        for _ in range(6):
            if app.screen.query_one("#name-b", Input).has_focus:
                break
            await press(pilot, "tab")
        entry = app.screen.query_one("#name-b", Input)
        assert entry.has_focus
        assert entry.cursor_position == len("Jonah")
        await type_words(pilot, "than")
        assert entry.value == "Jonahthan"


async def test_letters_typed_after_tab_go_into_the_field_and_never_end_the_session(
    app_factory: AppFactory,
) -> None:
    """Tab, then more words: "x" and "t" are letters of the sentence, not "end here" or a time-out, and
    "y" answers nothing (found by a tester: "hello", Tab, " xyz" ended the session and lost the words)."""
    for script_id, kind, field, keys in (
        ("speaker-listener", "appreciation", "#appreciation-input", ()),
        ("naming-it-together", "reveal", "#reveal-input", ()),
        ("gentle-repair", "capture", "#capture-input", ("p",)),
    ):
        app = app_factory(script_id)
        async with app.run_test(size=(80, 24)) as pilot:
            session = await goto(pilot, kind, "writing" if kind == "reveal" else None)
            await press(pilot, *keys)
            entry = app.screen.query_one(field, Input)
            await type_words(pilot, "hello")
            await press(pilot, "tab")
            await type_words(pilot, " xyz t")
            assert isinstance(app.screen, SessionScreen), kind
            assert session.is_running and session.time_out is None, kind
            assert entry.value == "hello xyz t", kind
            assert entry.has_focus, kind
            assert session.draft == "hello xyz t", kind
