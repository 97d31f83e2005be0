"""The history screen and a session's detail, as a couple uses them: open from home (and the palette),
filter, search their words, open one session, delete it after being asked."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_support import flat, press, screen_text, settle, store_of, type_text
from history_support import MARKUP, WORDS_SESSION, history_store, words_record
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from tui.app import HearthsideApp
from tui.screens import history as history_screen
from tui.screens.history import HistoryScreen
from tui.screens.session_detail import SessionDetailScreen

AppFactory = Callable[..., HearthsideApp]


def table_of(app: HearthsideApp) -> DataTable:
    """The history screen's table."""
    return app.screen.query_one(DataTable)


async def search_history(pilot: Pilot[None], words: str) -> None:
    """From home: open history, search for `words` and wait for the results."""
    await settle(pilot)
    await press(pilot, "h")
    await settle(pilot)
    await press(pilot, "slash")
    await type_text(pilot, words)
    await press(pilot, "enter")
    await settle(pilot)


async def test_h_opens_history_newest_first_with_each_partners_speaking_time(app_factory: AppFactory) -> None:
    store = history_store()
    app = app_factory(store=store)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = table_of(app)
        assert table.row_count == len(store.session_summaries())
        assert str(table.coordinate_to_cell_key((0, 0)).row_key.value) == WORDS_SESSION
        first_row = [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(0)]
        assert first_row == ["yesterday", "Appreciation …", "24 min", "10 min", "9 min", "finished"]
        shown = screen_text(app)
        assert "Maya" in shown and "Jonah" in shown and "sessions, newest first" in shown
        await press(pilot, "escape")
        assert not isinstance(app.screen, HistoryScreen)


async def test_the_palette_offers_history_on_home(app_factory: AppFactory) -> None:
    app = app_factory(store=history_store(2))
    async with app.run_test() as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Look back at your sessions together" in titles
        next(command for command in app.get_system_commands(app.screen) if command.title.startswith("Look back")).callback()
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


async def test_filters_by_script_and_by_month(app_factory: AppFactory) -> None:
    store = history_store()
    app = app_factory(store=store)
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "h")
        await settle(pilot)
        app.screen.query_one("#history-script", Select).value = "appreciation-round"
        await settle(pilot)
        expected = [s for s in store.session_summaries() if s["script_id"] == "appreciation-round"]
        assert table_of(app).row_count == len(expected) >= 1
        app.screen.query_one("#history-script", Select).clear()
        app.screen.query_one("#history-month", Select).value = "2026-02"
        await settle(pilot)
        in_february = [s for s in store.session_summaries() if s["started_at"].startswith("2026-02")]
        assert table_of(app).row_count == len(in_february) >= 1
        assert "of" in flat(screen_text(app)) and "with these choices" in screen_text(app)


async def test_search_shows_matches_literally_and_opens_the_session(app_factory: AppFactory) -> None:
    app = app_factory(store=history_store())
    async with app.run_test() as pilot:
        await search_history(pilot, "[bold]x")
        table = table_of(app)
        assert table.row_count == 1
        words = table.get_row_at(0)[2]
        assert "Danke! [bold]x[/] and [red]" in words.plain  # shown as typed, never as markup
        start = words.plain.index("[bold]x")
        assert any(span.start == start and span.end == start + 7 for span in words.spans)  # the match stands out
        assert "1 place with" in screen_text(app)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionDetailScreen) and app.screen.session_id == WORDS_SESSION


async def test_a_search_that_finds_nothing_says_so_and_esc_clears_it(app_factory: AppFactory) -> None:
    store = history_store()
    app = app_factory(store=store)
    async with app.run_test() as pilot:
        await search_history(pilot, "zebra crossing")
        assert table_of(app).row_count == 0
        assert 'Nothing you wrote holds "zebra crossing"' in flat(screen_text(app))
        await press(pilot, "slash", "escape")
        await settle(pilot)
        assert table_of(app).row_count == len(store.session_summaries())


async def test_the_detail_shows_every_step_in_the_couples_own_words(app_factory: AppFactory) -> None:
    app = app_factory(store=history_store())
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await press(pilot, "h")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        shown = flat(screen_text(app))
        for words in (
            "Appreciation round",
            "Maya: energy 2 of 5",
            "(before)",
            "(after)",
            "Maya spoke 10 minutes, Jonah listened; 10 seconds over the time",
            "ended early",
            "A time-out called by Jonah, 1 minute 15 seconds",
            "Maya to Jonah:",
            "Merci pour le café ☕ ce matin, 谢谢你",
            f"Danke! {MARKUP} 🫶",
            "Один желание?",
            "Ein Picknick 🧺",
            "Una cena juntos",
            "Maya's promise: Café on Sunday ☕ (still open)",
        ):
            assert words in shown, words


async def test_deleting_a_session_asks_first_then_says_it_is_gone(app_factory: AppFactory) -> None:
    store = history_store()
    app = app_factory(store=store)
    count = len(store.session_summaries())
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "h")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        await press(pilot, "d")
        assert "Delete Appreciation round (yesterday) from your history?" in flat(screen_text(app))
        await press(pilot, "n")
        await settle(pilot)
        assert store_of(app).session(WORDS_SESSION) is not None
        await press(pilot, "d", "y")
        await settle(pilot)
        assert store_of(app).session(WORDS_SESSION) is None
        assert isinstance(app.screen, HistoryScreen)
        assert table_of(app).row_count == count - 1
        assert "That session is gone from your history" in flat(screen_text(app))


async def test_a_letter_typed_on_the_list_starts_a_search(app_factory: AppFactory) -> None:
    app = app_factory(store=history_store())
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "h")
        await settle(pilot)
        assert isinstance(app.focused, DataTable)
        await type_text(pilot, "bé")  # "b" is no longer a way back here: it is the first letter typed
        search = app.screen.query_one("#history-search", Input)
        assert isinstance(app.screen, HistoryScreen) and app.focused is search and search.value == "bé"
        await press(pilot, "backspace", "backspace")
        await type_text(pilot, "café")
        await press(pilot, "enter")
        await settle(pilot)
        assert table_of(app).row_count == 2  # the appreciation and the promise, found as typed
        await press(pilot, "question_mark")  # keys with a meaning of their own keep it
        assert not isinstance(app.screen, HistoryScreen)


def worldly_record() -> dict:
    """The words session again, with a long entry, right-to-left text and link-like markup."""
    record = words_record()
    record.update(id="worldly", started_at="2026-03-13T20:00:00+00:00", ended_at="2026-03-13T20:20:00+00:00")
    long_words = "שלום וברכה, " + "Wir haben lange geredet und gelacht. " * 90 + "[link=https://example.org]the end[/link]"
    record["appreciations"] = [{"step": 2, "from": "a", "to": "b", "text": long_words, "at": record["started_at"]}]
    record["reveals"] = [{"step": 3, "prompt": "[i]A wish?[/i]", "answers": {"a": "مرحبا بيتنا 🏡", "b": "Γειά σου"}}]
    record["follow_ups"] = []
    return record


async def test_long_right_to_left_and_markup_like_words_show_literally(app_factory: AppFactory) -> None:
    store = history_store()
    store.save_session(worldly_record())
    app = app_factory(store=store)
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await press(pilot, "h")
        await settle(pilot)
        await type_text(pilot, "[link=https://example.org]the")
        await press(pilot, "enter")
        await settle(pilot)
        assert table_of(app).row_count == 1
        words = table_of(app).get_row_at(0)[2]
        assert "[link=" in words.plain and len(words.plain) <= 40  # cut to its column, around the match
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionDetailScreen) and app.screen.session_id == "worldly"
        shown = flat(screen_text(app))
        for words_shown in ("שלום וברכה", "Wir haben lange geredet", "مرحبا بيتنا 🏡", "Γειά σου", "[i]A wish?[/i]"):
            assert words_shown in shown, words_shown
        assert "[link=https://example.org]the end[/link]" in shown  # the end of 3,400 characters, as typed


async def test_a_search_with_very_many_places_lists_the_newest_and_says_how_many(
    app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past LISTED_PLACES hits the table stops growing (50,000 rows froze the screen), and the note counts them all."""
    monkeypatch.setattr(history_screen, "LISTED_PLACES", 3)
    store = history_store()
    every = [hit for year in store.search("the") for hit in year]
    assert len(every) > 3
    app = app_factory(store=store)
    async with app.run_test() as pilot:
        await search_history(pilot, "the")
        assert table_of(app).row_count == 3
        note = flat(screen_text(app))
        assert f'{len(every):,} places with "the"; the newest 3 are listed.' in note
        newest = sorted((hit["started_at"] for hit in every), reverse=True)[0]
        first = app.screen.row_started[str(table_of(app).coordinate_to_cell_key((0, 0)).row_key.value)]
        assert first == newest
