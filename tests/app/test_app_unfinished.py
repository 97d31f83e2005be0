"""An unfinished session is never stranded: a new session asks about it first, home lists every one by its
title, a session run from a file path continues from that file, and no checkpoint or draft is dropped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app_support import clock_of, flat, goto, press, screen_text, session_of, settle, static_texts, store_of
from app_support import type_text as type_words
from textual.widgets import Input, OptionList

from tui.app import HearthsideApp
from tui.cli import resolve_script
from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.events import Start
from tui.core.library import Library, load_library
from tui.core.partners import Partners
from tui.screens.home import HomeScreen
from tui.screens.session import SessionScreen
from tui.store.memory import InMemoryStore

AppFactory = Callable[..., HearthsideApp]
TITLE = "The floor: speak and be heard"  # speaker-listener, which has an appreciation step


async def leave_typing(app: HearthsideApp, words: str) -> str:
    """Go to the appreciation step, type `words`, leave with ctrl+q (the draft checkpointed); the session id."""
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "appreciation")
        await type_words(pilot, words)
        clock_of(app).advance(4)
        await press(pilot, "ctrl+q", "y")
        await settle(pilot)
    return session.id


async def test_running_a_script_while_one_is_unfinished_asks_first(app_factory: AppFactory) -> None:
    """`run SCRIPT` with a session unfinished asks, naming it by its title and when it was left."""
    first = app_factory("speaker-listener")
    await leave_typing(first, "thanks for the soup")
    again = app_factory("speaker-listener", store=store_of(first))
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(again.screen, SessionScreen), "a new session started without asking"
        words = flat(static_texts(again))
        assert f"You have a session you have not finished: {TITLE}." in words
        assert "You left it today at " in words
        shown = flat(screen_text(again))
        for answer in ("Continue it (c)", "Keep for later (k)", "Start fresh (f)"):
            assert answer in shown


async def test_keep_it_for_later_starts_the_new_one_and_both_wait(app_factory: AppFactory) -> None:
    """Keep for later: the new session runs; the old checkpoint, draft included, is untouched."""
    first = app_factory("speaker-listener")
    old_id = await leave_typing(first, "thanks for the soup")
    store = store_of(first)
    again = app_factory("speaker-listener", store=store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "k")
        await settle(pilot)
        assert isinstance(again.screen, SessionScreen)
        new_id = session_of(again).id
        assert new_id != old_id
        await press(pilot, "ctrl+q", "y")
        await settle(pilot)
    kept = {snapshot["id"]: snapshot for snapshot in store.checkpoints()}
    assert set(kept) == {old_id, new_id}
    assert kept[old_id]["draft"] == "thanks for the soup"
    assert store.sessions() == []


async def test_start_fresh_keeps_the_old_one_in_history_as_unfinished_with_its_draft(
    app_factory: AppFactory,
) -> None:
    first = app_factory("speaker-listener")
    old_id = await leave_typing(first, "thanks for the soup")
    store = store_of(first)
    again = app_factory("speaker-listener", store=store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await settle(pilot)
        assert isinstance(again.screen, SessionScreen) and session_of(again).id != old_id
    [kept] = store.sessions()
    assert kept["id"] == old_id and kept["status"] == "abandoned"
    assert kept["draft"]["text"] == "thanks for the soup"
    assert old_id not in {snapshot["id"] for snapshot in store.checkpoints()}


async def test_continue_it_goes_back_to_the_old_one_with_its_draft(app_factory: AppFactory) -> None:
    first = app_factory("speaker-listener")
    old_id = await leave_typing(first, "thanks for the soup")
    again = app_factory("ten-minutes-each", store=store_of(first))
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        await settle(pilot)
        assert session_of(again).id == old_id
        assert again.screen.query_one("#appreciation-input", Input).value == "thanks for the soup"


async def test_escape_starts_nothing_and_the_picker_asks_too(app_factory: AppFactory) -> None:
    """Changing one's mind (Escape) starts nothing; starting from the picker asks the same question."""
    first = app_factory("speaker-listener")
    await leave_typing(first, "thanks for the soup")
    store = store_of(first)
    again = app_factory("speaker-listener", store=store)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(again.screen, HomeScreen) and again.sessions.active_session is None
        await press(pilot, "s")
        await press(pilot, "enter")
        await settle(pilot)
        assert "You have a session you have not finished" in flat(static_texts(again))
    assert len(store.checkpoints()) == 1


async def test_home_lists_every_unfinished_session_and_each_continues_its_own(app_factory: AppFactory) -> None:
    first = app_factory("speaker-listener")
    older_id = await leave_typing(first, "thanks for the soup")
    store = store_of(first)
    second = app_factory("naming-it-together", store=store, clock=clock_of(first))
    clock_of(first).advance(3600)
    async with second.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "k")
        await goto(pilot, "checkin")
        await press(pilot, "ctrl+q", "y")
        await settle(pilot)
    home = app_factory(store=store)
    async with home.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = flat(screen_text(home))
        assert "Continue Naming the burnout together, step 1, left today at" in shown
        assert f"Continue {TITLE}, step " in shown
        menu = home.screen.query_one("#home-menu", OptionList)
        assert menu.get_option_at_index(menu.highlighted).id == "continue"  # the newest
        menu.highlighted = menu.highlighted + 1
        await press(pilot, "enter")
        await settle(pilot)
        assert session_of(home).id == older_id
        assert home.screen.query_one("#appreciation-input", Input).value == "thanks for the soup"


def unfinished_store(count: int, library: Library) -> InMemoryStore:
    """A store holding `count` checkpoints of sessions of different scripts, saved a day apart."""
    store = InMemoryStore()
    clock = ManualClock()
    for script_id in sorted(library.entries)[:count]:
        session = Session(library.find(script_id), Partners("Maya", "Jonah"), clock)
        session.handle(Start())
        store.save_checkpoint(session.snapshot())
        clock.advance(86400)
    return store


async def test_home_shows_two_unfinished_sessions_then_how_many_more_and_fits(
    app_factory: AppFactory, library: Library
) -> None:
    store = unfinished_store(5, library)
    home = app_factory(store=store, clock=clock_of(app_factory()))
    async with home.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        menu = home.screen.query_one("#home-menu", OptionList)
        ids = [menu.get_option_at_index(index).id for index in range(menu.option_count)]
        assert sum(1 for option_id in ids if option_id and option_id.startswith("continue")) == 2
        shown = flat(screen_text(home))
        assert "and 3 more unfinished sessions" in shown
        assert "Quit (ctrl+q)" in shown, screen_text(home)
        assert menu.max_scroll_y == 0, "home's menu needs scrolling at 80x24"


def library_with_path_script(path: Path) -> tuple[Library, str]:
    """The library as `hearthside run PATH` makes it: the file's script joins it for this run."""
    library = load_library()
    script_id, problems, _heading = resolve_script(library, str(path))
    assert not problems
    return library, script_id


def write_path_script(path: Path, title: str = "Our own round") -> None:
    """A copy of a built-in script with its own id and title, at `path`."""
    builtin = Path(load_library().find("speaker-listener").source_path).read_text(encoding="utf-8")
    text = builtin.replace('id = "speaker-listener"', 'id = "mine"', 1)
    text = text.replace(f'title = "{TITLE}"', f'title = "{title}"', 1)
    path.write_text(text, encoding="utf-8")


async def test_a_session_run_from_a_file_path_continues_from_that_file(
    app_factory: AppFactory, tmp_path: Path
) -> None:
    """The checkpoint remembers the file; home continues it (the plain library does not have it)."""
    script_file = tmp_path / "mine.toml"
    write_path_script(script_file)
    library, script_id = library_with_path_script(script_file)
    first = make_with(app_factory, library, script_id)
    old_id = await leave_typing(first, "thanks for the soup")
    store = store_of(first)
    assert store.load_checkpoint()["script_path"] == str(script_file.resolve())
    home = app_factory(store=store)
    async with home.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Continue where you left off: Our own round" in flat(screen_text(home))
        await press(pilot, "c")
        await settle(pilot)
        assert isinstance(home.screen, SessionScreen), flat(screen_text(home))
        assert session_of(home).id == old_id
        assert home.screen.query_one("#appreciation-input", Input).value == "thanks for the soup"
    assert store.sessions() == []


async def test_a_changed_file_is_refused_plainly_and_the_session_kept_with_its_draft(
    app_factory: AppFactory, tmp_path: Path
) -> None:
    script_file = tmp_path / "mine.toml"
    write_path_script(script_file)
    library, script_id = library_with_path_script(script_file)
    first = make_with(app_factory, library, script_id)
    old_id = await leave_typing(first, "thanks for the soup")
    store = store_of(first)
    write_path_script(script_file, title="Our own round, changed")
    home = app_factory(store=store)
    async with home.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        await settle(pilot)
        assert isinstance(home.screen, HomeScreen)
        told = " ".join(str(note.message) for note in home._notifications)
        assert f"the script file {script_file.resolve()} has changed since this session was saved" in told
    [kept] = store.sessions()
    assert kept["id"] == old_id and kept["status"] == "abandoned"
    assert kept["draft"]["text"] == "thanks for the soup"


def make_with(app_factory: AppFactory, library: Library, script_id: str) -> HearthsideApp:
    """The app on its own library (one that holds a script run from a path)."""
    app = app_factory(script_id)
    app.sessions.library = library
    return app
