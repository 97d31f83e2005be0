"""Our time together, as a couple opens it: from home (t, or its menu line), from the palette and from
history; a kind empty state; Escape goes back; the charts read in ASCII; start-up never loads plotext."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from app_support import flat, press, screen_text, settle
from textual.widgets import OptionList
from together_support import together_store

from tui.app import HearthsideApp
from tui.screens.history import HistoryScreen
from tui.screens.home import HomeScreen

AppFactory = Callable[..., HearthsideApp]
ROOT = Path(__file__).resolve().parents[2]


def together_screen(app: HearthsideApp) -> object:
    """The screen on top, checked to be "Our time together" (its module is imported only now)."""
    from tui.screens.together import TogetherScreen

    assert isinstance(app.screen, TogetherScreen), app.screen
    return app.screen


async def test_t_opens_our_time_together_with_totals_charts_and_escape_goes_home(app_factory: AppFactory) -> None:
    app = app_factory(store=together_store())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "t")
        await settle(pilot)
        screen = together_screen(app)
        assert screen.together is not None and not screen.together.is_empty  # type: ignore[attr-defined]
        shown = flat(screen_text(app))
        assert "Our time together" in shown
        assert "You have made time for each other" in shown and "hours" in shown
        assert "Minutes together, week by week" in shown
        for widget_id in ("#together-weeks", "#together-days", "#together-energy", "#together-speaking"):
            assert screen.query_one(widget_id)  # type: ignore[attr-defined]
        assert "streak" not in shown.lower() and "missed" not in shown.lower()
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_home_lists_the_line_once_there_are_sessions_and_enter_opens_it(app_factory: AppFactory) -> None:
    app = app_factory(store=together_store(30))
    async with app.run_test() as pilot:
        await settle(pilot)
        menu = app.screen.query_one("#home-menu", OptionList)
        ids = [menu.get_option_at_index(index).id for index in range(menu.option_count)]
        assert "together" in ids
        assert menu.max_scroll_y == 0, "home's menu needs scrolling at 80x24"
        menu.highlighted = ids.index("together")
        await press(pilot, "enter")
        await settle(pilot)
        together_screen(app)
    empty = app_factory()
    async with empty.run_test() as pilot:
        await settle(pilot)
        menu = empty.screen.query_one("#home-menu", OptionList)
        assert "together" not in [menu.get_option_at_index(index).id for index in range(menu.option_count)]


async def test_the_palette_offers_our_time_together_on_home(app_factory: AppFactory) -> None:
    app = app_factory(store=together_store(10))
    async with app.run_test() as pilot:
        await settle(pilot)
        command = next(command for command in app.get_system_commands(app.screen) if command.title.startswith("Our time together"))
        command.callback()
        await settle(pilot)
        together_screen(app)


async def test_history_opens_it_and_escape_comes_back_to_history(app_factory: AppFactory) -> None:
    app = app_factory(store=together_store(10))
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "h")
        await settle(pilot)
        await press(pilot, "ctrl+o")  # a plain t types into the search, as every letter does
        await settle(pilot)
        together_screen(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_an_empty_history_gets_a_kind_word_and_no_charts(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test() as pilot:
        await settle(pilot)
        await press(pilot, "t")
        await settle(pilot)
        screen = together_screen(app)
        shown = flat(screen_text(app))
        assert "Nothing here yet, and that is fine." in shown
        assert not screen.query("#together-weeks")  # type: ignore[attr-defined]
        await press(pilot, "b")
        assert isinstance(app.screen, HomeScreen)


async def test_without_unicode_every_chart_is_ascii(app_factory: AppFactory) -> None:
    app = app_factory(store=together_store(), unicode_ok=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "t")
        await settle(pilot)
        together_screen(app)
        for _ in range(3):
            body = "\n".join(line[:116] for line in screen_text(app).splitlines()[:-1])  # not the scrollbar or footer
            assert body.isascii(), [line for line in body.splitlines() if not line.isascii()]
            await press(pilot, "pagedown")


async def test_the_charts_show_once_their_years_are_read_and_the_totals_once_all_are(app_factory: AppFactory) -> None:
    from history_support import LAST_DAY

    from benchmarks.realistic_history import realistic_records
    from tui.screens.together import TogetherRead
    from tui.store.memory import InMemoryStore

    store = InMemoryStore()
    store.import_sessions(realistic_records(120, seed=3, years=4.0, last_day=LAST_DAY))  # 2022 to 2026
    messages: list[object] = []
    app = app_factory(store=store)
    async with app.run_test(message_hook=messages.append) as pilot:
        await settle(pilot)
        await press(pilot, "t")
        await settle(pilot)
        read = list({id(message): message for message in messages if isinstance(message, TogetherRead)}.values())  # each once
        assert [message.done for message in read] == [False, True]
        early, whole = read[0].together, read[1].together
        assert early.totals.sessions < whole.totals.sessions == store.session_count()
        assert early.weeks == whole.weeks and early.days_met == whole.days_met and early.speaking == whole.speaking
        assert together_screen(app).complete  # type: ignore[attr-defined]
        assert "Counting the earlier years" not in screen_text(app)


def test_starting_the_app_does_not_import_plotext() -> None:
    """Importing the App (and every screen home shows) leaves plotext and the together screen unloaded."""
    code = (
        "import sys, tui.app, tui.cli, tui.screens.home, tui.screens.history;"
        "print(sorted(name for name in sys.modules if 'plotext' in name or name == 'tui.screens.together'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]", result.stdout
