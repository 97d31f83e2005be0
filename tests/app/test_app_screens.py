"""Screens that fit and read well at 80x24: welcome, home, the banner and the review step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from app_support import (
    flat,
    goto,
    make_app,
    press,
    screen_text,
    seeded_store,
    session_of,
    settle,
    static_texts,
    store_of,
    type_text,
)
from rich.cells import cell_len
from textual.widgets import Input, OptionList, Select

from tui.app import HearthsideApp
from tui.core.library import Library, LibraryEntry
from tui.core.script_loader import parse_script_bytes
from tui.core.settings import Settings
from tui.screens.confirm import ConfirmScreen
from tui.screens.home import HomeScreen
from tui.screens.not_therapy import NOT_THERAPY_NOTE
from tui.screens.session import SessionScreen
from tui.store.memory import InMemoryStore
from tui.widgets.banner import TurnBanner, shorten
from tui.widgets.follow_up_card import follow_up_heading


async def test_welcome_shows_everything_at_80x24_without_scrolling(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """Title, both names, both colours, the note, the problem and Begin are all on the first screen."""
    app = app_factory(settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+s")
        shown = screen_text(app)
        words = flat(shown)
        assert "Welcome to Hearthside" in words
        assert "First partner" in words and "Second partner" in words
        assert "orange" in words and "sky blue" in words
        assert "emergency services." in words  # the note's last words
        assert "Please give both names." in words
        assert "Begin" in words
        for widget_id in ("#name-a", "#name-b", "#colour-a", "#colour-b", "#begin"):
            widget = app.screen.query_one(widget_id)
            assert widget.region.height > 0 and widget.region.bottom <= 23, widget_id
        assert NOT_THERAPY_NOTE.split(".")[0] in words


async def test_welcome_tab_goes_from_one_name_to_the_other_and_enter_begins(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """Tab: first name, second name, then the colours; Enter on the second name begins."""
    app = app_factory(settings=Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.focused is app.screen.query_one("#name-a", Input)
        await type_text(pilot, "Ana")
        await press(pilot, "tab")
        assert app.focused is app.screen.query_one("#name-b", Input)
        await press(pilot, "tab")
        assert app.focused is app.screen.query_one("#colour-a", Select)
        await press(pilot, "tab")
        assert app.focused is app.screen.query_one("#colour-b", Select)
        await press(pilot, "shift+tab", "shift+tab")
        assert app.focused is app.screen.query_one("#name-b", Input)
        await type_text(pilot, "Ben")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert (app.settings.name_a, app.settings.name_b) == ("Ana", "Ben")


LONG_LATIN = "Maximiliana Alexandrovna Konstantinopolska"
LONG_CJK = "林美玲林美玲林美玲林美玲林美玲林美玲林美玲"


@pytest.mark.parametrize(("name_a", "name_b"), [(LONG_LATIN, LONG_CJK), (LONG_CJK, LONG_LATIN), (LONG_CJK, "Jo")])
@pytest.mark.parametrize("width", [80, 60])
async def test_long_names_never_push_is_listening_off_the_banner(
    name_a: str, name_b: str, width: int, app_factory: Callable[..., HearthsideApp]
) -> None:
    """The banner shortens long names with an ellipsis (by cell width); the full names stay elsewhere."""
    settings = Settings(name_a=name_a, name_b=name_b, welcome_seen=True)
    app = app_factory("speaker-listener", settings=settings)
    async with app.run_test(size=(width, 24)) as pilot:
        await goto(pilot, "turns", "speaking")
        banner = app.screen.query_one("#turn-banner", TurnBanner)
        inside = [line for line in screen_text(app).splitlines()[banner.region.y : banner.region.bottom]]
        middle = inside[1]
        assert "is speaking" in middle and middle.rstrip(" ┃║").endswith("is listening"), middle
        for name in (name_a, name_b):
            assert name in middle or "…" in middle
        assert cell_len(middle) == width
        assert name_a in static_texts(app) or name_a in flat(screen_text(app))
        await press(pilot, "enter")  # end the turn early: the listener is asked to say back what they heard
        await settle(pilot)
        middle = screen_text(app).splitlines()[banner.region.y + 1]
        assert "say back what you heard" in middle or "is there more" in middle or "is listening" in middle


def test_shorten_counts_cells_not_characters() -> None:
    assert shorten("Maya", 10) == "Maya"
    assert shorten(LONG_LATIN, 10) == "Maximilia…"
    assert shorten(LONG_CJK, 9) == "林美玲林…"  # 4 wide characters and the ellipsis: 9 cells
    assert cell_len(shorten(LONG_CJK, 10)) <= 10
    assert shorten(LONG_CJK, 1) == "…"


async def test_review_reads_dates_in_words_and_y_decides_nothing(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """ "A promise from Maya, made 7 March"; `y` (yes in every dialog) decides nothing here, `n` is not yet."""
    app = app_factory("evening-check-in", store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "review", "reviewing")
        words = flat(static_texts(app))
        assert "A promise from Maya, made 7 March:" in words
        assert "n: not yet" in words and "y:" not in words
        await press(pilot, "y")
        assert session.log.reviews == []
        await press(pilot, "n")
        assert [review["status"] for review in session.log.reviews] == ["not_yet"]


class Look:
    """Maya and Jonah, without colours."""

    def name(self, partner: str) -> str:
        return {"a": "Maya", "b": "Jonah"}[partner]

    def colour(self, partner: str) -> str:
        return "default"


@pytest.mark.parametrize(
    ("kind", "owner", "words"),
    [
        ("request", "b", "A request from Jonah to Maya"),
        ("request", "a", "A request from Maya to Jonah"),
        ("request", "both", "A request from both of you"),
        ("promise", "a", "A promise from Maya"),
        ("wish", "both", "A wish from both of you"),
        ("", "b", "A follow-up from Jonah"),
    ],
)
def test_follow_ups_say_whose_and_to_whom(kind: str, owner: str, words: str) -> None:
    assert follow_up_heading(kind, owner, Look()).plain == words  # type: ignore[arg-type]


async def unfinished_store(app_factory: Callable[..., HearthsideApp]) -> InMemoryStore:
    """A store holding one unfinished session (left during its first turn)."""
    first = app_factory("ten-minutes-each")
    async with first.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        first.sessions.save_checkpoint(session)
        await settle(pilot)
    return store_of(first)


async def test_home_focuses_continue_and_enter_continues_without_asking_again(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """The unfinished session's line has the focus; Enter (or c) continues it at once."""
    store = await unfinished_store(app_factory)
    for keys in (("enter",), ("c",)):
        app = app_factory(store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            menu = app.screen.query_one("#home-menu", OptionList)
            assert menu.has_focus
            assert menu.highlighted is not None
            assert menu.get_option_at_index(menu.highlighted).id == "continue"
            await press(pilot, *keys)
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmScreen)
            assert isinstance(app.screen, SessionScreen), keys
            assert session_of(app).script.id == "ten-minutes-each"


async def test_a_couple_can_stop_following_a_program(app_factory: Callable[..., HearthsideApp]) -> None:
    """Home offers to stop following the program; the sessions done stay counted if they follow it again."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        program_id = sorted(app.sessions.library.programs.values(), key=lambda p: p.title)[0].id
        app.sessions.follow_program(program_id)
        await settle(pilot)
        assert app.sessions.active_program_id == program_id
        menu = app.screen.query_one("#home-menu", OptionList)
        ids = [menu.get_option_at_index(index).id for index in range(menu.option_count)]
        assert "stop-program" in ids
        menu.highlighted = ids.index("stop-program")
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        await settle(pilot)
        assert app.sessions.active_program_id == ""
        assert store_of(app).load_settings()["extra"].get("program") is None
        ids = [menu.get_option_at_index(index).id for index in range(menu.option_count)]
        assert "stop-program" not in ids and "program" in ids
        assert isinstance(app.screen, HomeScreen)


async def test_the_thanks_stays_on_home_and_never_sits_over_another_screen(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """After a session, home itself says it was kept; no toast is left to cover settings or help."""
    app = app_factory("appreciation-round")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "close")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Kept in your history. Thank you for making this time." in flat(static_texts(app))
        assert not list(app._notifications)
        await press(pilot, "o")
        await settle(pilot)
        assert "Kept in your history" not in flat(screen_text(app))
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Kept in your history" not in flat(static_texts(app))  # said once, then home is calm again


async def test_run_script_draws_the_session_first_and_home_once_it_ends(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """`hearthside run SCRIPT`: the session's screen is the first one drawn (home is not composed under it,
    which costs start-up a third of its time); home is there, with the thanks, when the session ends."""
    app = app_factory("appreciation-round")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert not any(isinstance(screen, HomeScreen) for screen in app.screen_stack)
        await goto(pilot, "close")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert [type(screen) for screen in app.screen_stack].count(HomeScreen) == 1
        assert "Kept in your history. Thank you for making this time." in flat(static_texts(app))


@pytest.mark.parametrize(("minutes", "length"), [(0.05, "3 seconds"), (1.5, "1 minute 30 seconds"), (10, "10 minutes")])
async def test_the_turn_length_is_said_in_words(minutes: float, length: str, library: Library) -> None:
    """ "Press Enter to start Maya's 3 seconds", never "0.05 minutes"."""
    header = '[script]\nid = "short"\ntitle = "Short"\nsummary = "A short turn."\nmethod = "none"\n'
    raw = f'{header}[[steps]]\nkind = "turns"\nminutes = {minutes}\n'.encode()
    script = parse_script_bytes(raw, "short.toml", library.find_deck)
    entries = {**library.entries, script.id: LibraryEntry(script, "yours")}
    app = make_app(replace(library, entries=entries), start_script_id=script.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "ready")
        assert f"Press Enter to start Maya's {length}." in flat(static_texts(app))


async def test_the_reflection_names_both_partners_instead_of_they(app_factory: Callable[..., HearthsideApp]) -> None:
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "reflect")
        words = flat(static_texts(app))
        assert "Maya: did Jonah get it?" in words and "they" not in words.split("heard")[-1]


async def test_with_several_programs_p_asks_which_and_shows_its_plan(
    app_factory: Callable[..., HearthsideApp],
) -> None:
    """Home offers no program by the accident of its title: `p` lists them all, Enter shows the chosen one's
    plan (a long one its first parts and how many more), and "Follow it" follows that one."""
    from tui.screens.program_choice import ProgramChoiceScreen

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        programs = app.sessions.library.programs
        assert len(programs) > 1
        assert f"{len(programs)} to choose from" in flat(screen_text(app))
        await press(pilot, "p")
        assert isinstance(app.screen, ProgramChoiceScreen)
        listed = app.screen.query_one(OptionList)
        ids = [listed.get_option_at_index(index).id for index in range(listed.option_count)]
        assert sorted(ids) == sorted(programs)
        longest = max(programs.values(), key=lambda program: len(program.parts))
        listed.highlighted = ids.index(longest.id)
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        shown = flat(static_texts(app))
        assert longest.title in shown and longest.length_words() in shown
        assert f"and {len(longest.parts) - 10} more parts after these" in shown
        await press(pilot, "y")
        await settle(pilot)
        assert app.sessions.active_program_id == longest.id
        await press(pilot, "escape")  # nothing is open: Escape on home changes nothing
        assert isinstance(app.screen, HomeScreen)


async def test_choosing_no_program_follows_none(app_factory: Callable[..., HearthsideApp]) -> None:
    """`n` (or Escape) on the list of programs follows nothing and goes back home."""
    from tui.screens.program_choice import ProgramChoiceScreen

    for key in ("n", "escape"):
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "p")
            assert isinstance(app.screen, ProgramChoiceScreen)
            await press(pilot, key)
            assert isinstance(app.screen, HomeScreen)
            assert app.sessions.active_program_id == ""
