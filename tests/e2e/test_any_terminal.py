"""Every screen in a real terminal: pure ASCII without a UTF-8 locale, only the console font's glyphs on
`TERM=linux` and 16-colour terminals, and every state in words or shape with `NO_COLOR`."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from e2e.pty_support import app_environment, foreign_glyphs, non_ascii
from e2e.screen_walk import Walk, walk_home, walk_session
from tui.terminal import in_console_font

WALKS = (walk_home, walk_session)
EVERY_SCREEN = {
    "welcome", "home", "picker", "settings", "help", "palette", "history", "follow-ups", "checkin",
    "turn", "time-out", "time-up", "appreciation", "leave-dialog", "questions", "close", "detail",
}  # fmt: skip


def walks(tmp_path: Path, **terminal: str) -> list[Walk]:
    """Both walks under the terminal variables given, side by side (each app in its own terminal and data
    folder): the home walk runs while the session walk waits for its turns' clocks."""
    folders = [tmp_path / str(number) for number in range(len(WALKS))]
    for folder in folders:
        folder.mkdir()
    with ThreadPoolExecutor(max_workers=len(WALKS)) as pool:
        running = [
            pool.submit(walker, folder, app_environment(folder, **terminal))
            for walker, folder in zip(WALKS, folders, strict=True)
        ]
        return [walk.result() for walk in running]


def console_glyph(char: str) -> bool:
    """ASCII, a control character, or a glyph of the console font."""
    return char.isascii() or in_console_font(char)


def test_without_a_utf8_locale_no_byte_above_127_reaches_the_terminal(tmp_path: Path) -> None:
    screens: dict[str, int] = {}
    for walk in walks(tmp_path, LANG="C", LC_ALL="C"):
        for name, data in walk.screens.items():
            screens[name] = screens.get(name, 0) + non_ascii(data)
    assert set(screens) >= EVERY_SCREEN
    assert screens == dict.fromkeys(screens, 0)


def test_lang_c_alone_counts_as_no_utf8_even_though_python_sets_lc_ctype(tmp_path: Path) -> None:
    home = walk_home(tmp_path, app_environment(tmp_path, LANG="C"))
    assert non_ascii(b"".join(home.screens.values())) == 0


@pytest.mark.parametrize("terminal", [{"TERM": "linux"}, {"TERM": "xterm", "NO_COLOR": "1"}], ids=["linux", "xterm"])
def test_console_and_16_colour_terminals_get_only_the_console_fonts_glyphs(
    tmp_path: Path, terminal: dict[str, str]
) -> None:
    home, session = walks(tmp_path, LANG="C.UTF-8", **terminal)
    for walk in (home, session):
        for name, data in walk.screens.items():
            assert foreign_glyphs(data, console_glyph) == set(), name
    assert "\u2550" in home.texts["welcome"]  # the focused name field has a double line
    assert "A caf\u00e9 you loved - and why." in session.texts["turn"]  # the font has the accent


def test_without_colour_every_state_is_in_words_or_shape(tmp_path: Path) -> None:
    home, session = walks(tmp_path, LANG="C.UTF-8", NO_COLOR="1")
    assert re.search(r"Bell at time up.*\bon\b.*Parenting and desire decks.*\boff\b", home.texts["settings"])
    assert "orange" in home.texts["settings"] and "sky blue" in home.texts["settings"]
    assert "\u2554" in home.texts["welcome"]  # focus: the field being typed in has a double border
    assert "Time is up" in session.texts["time-up"] and "overtime" in session.texts["time-up"]
    assert "\u2554" in session.texts["time-up"]  # the banner's border doubles at time up
    assert "Paused" in session.texts["time-out"]
