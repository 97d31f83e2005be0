"""The terminal mirror leaves out only what the terminal already shows: fed to a terminal emulator, the
mirrored frames leave every cell as Textual's own frames would, and a repeated frame writes nothing."""

from __future__ import annotations

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from tui.widgets.terminal_mirror import TerminalMirror, strip_cells

WIDTH, HEIGHT = 12, 4
CONSOLE = Console(color_system="256", force_terminal=True, width=WIDTH, legacy_windows=False)
STYLES = [None, Style(color="red"), Style(bold=True), Style(color="blue", bgcolor="yellow")]
CHARACTERS = ["a", "b", " ", "é", "中", "文", "e\u0301"]  # wide ones, and a letter with a combining accent


def cells_wide(text: str) -> int:
    """How many cells `text` takes (the test's own characters: 中 and 文 take two)."""
    return sum(2 if character in "中文" else 0 if character == "\u0301" else 1 for character in text)


@st.composite
def strips(draw: st.DrawFn, width: int) -> Strip:
    """A strip exactly `width` cells wide, in a few styles, with wide and combined characters."""
    segments: list[Segment] = []
    used = 0
    while used < width:
        text = draw(st.sampled_from(CHARACTERS))
        if used + cells_wide(text) > width:
            text = " "
        segments.append(Segment(text, draw(st.sampled_from(STYLES))))
        used += cells_wide(text)
    return Strip(segments, width)


@st.composite
def updates(draw: st.DrawFn) -> CompositorUpdate:
    """A frame as Textual makes them: the whole screen, a region of it, or chops of a few lines."""
    kind = draw(st.sampled_from(["screen", "region", "chops"]))
    if kind == "screen":
        return LayoutUpdate([[draw(strips(WIDTH))] for _ in range(HEIGHT)], Region(0, 0, WIDTH, HEIGHT))
    x = draw(st.integers(0, WIDTH - 1))
    width = draw(st.integers(1, WIDTH - x))
    if kind == "region":
        y = draw(st.integers(0, HEIGHT - 1))
        height = draw(st.integers(1, HEIGHT - y))
        return LayoutUpdate([[draw(strips(width))] for _ in range(height)], Region(x, y, width, height))
    rows = sorted(draw(st.sets(st.integers(0, HEIGHT - 1), min_size=1)))
    chops: list[dict[int, Strip | None]] = [{} for _ in range(HEIGHT)]
    ends: list[list[int]] = [[] for _ in range(HEIGHT)]
    for y in rows:
        chops[y] = {x: draw(strips(width))}
        ends[y] = [x + width]
    return ChopsUpdate(chops, [(y, x, x + width) for y in rows], ends)


def terminal() -> tuple[pyte.Screen, pyte.Stream]:
    """A terminal emulator of the test's size, without line wrapping (Textual turns it off as it starts)."""
    screen = pyte.Screen(WIDTH, HEIGHT)
    stream = pyte.Stream(screen)
    stream.feed("\x1b[?7l")
    return screen, stream


def cells_of(screen: pyte.Screen) -> list[list[tuple[str, str, str, bool]]]:
    """Every cell's text, colours and weight."""
    return [
        [(cell.data, cell.fg, cell.bg, cell.bold) for cell in (screen.buffer[y][x] for x in range(WIDTH))]
        for y in range(HEIGHT)
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(updates(), min_size=1, max_size=8))
def test_mirrored_frames_leave_the_terminal_as_textual_s_own_frames_do(frames: list[CompositorUpdate]) -> None:
    whole, whole_stream = terminal()
    mirrored, mirrored_stream = terminal()
    mirror = TerminalMirror()
    for frame in frames:
        whole_stream.feed(frame.render_segments(CONSOLE))
        changes = mirror.changes(frame, WIDTH, HEIGHT)
        assert changes is not None
        mirrored_stream.feed(changes.render_segments(CONSOLE))
        assert cells_of(mirrored) == cells_of(whole)


def full_frame(rows: list[str], style: Style | None = None) -> LayoutUpdate:
    """A whole-screen frame of these rows of text, each padded to the screen's width."""
    return LayoutUpdate(
        [[Strip([Segment(row + " " * (WIDTH - cells_wide(row)), style)], WIDTH)] for row in rows],
        Region(0, 0, WIDTH, len(rows)),
    )


def test_a_frame_the_terminal_already_shows_writes_nothing() -> None:
    mirror = TerminalMirror()
    frame = full_frame(["Hearthside", "For A and B", "", "Help"])
    first = mirror.changes(frame, WIDTH, HEIGHT)
    assert first is not None and len(first.pieces) == HEIGHT
    again = mirror.changes(full_frame(["Hearthside", "For A and B", "", "Help"]), WIDTH, HEIGHT)
    assert again is not None and again.render_segments(CONSOLE) == ""


def test_only_the_changed_cells_of_a_line_are_written() -> None:
    mirror = TerminalMirror()
    mirror.changes(full_frame(["09:59", "", "", ""]), WIDTH, HEIGHT)
    tick = mirror.changes(full_frame(["09:58", "", "", ""]), WIDTH, HEIGHT)
    assert tick is not None
    assert tick.render_segments(CONSOLE) == "\x1b[1;5H8"  # row 1, column 5: the one digit that changed


def test_a_changed_wide_character_is_written_whole() -> None:
    mirror = TerminalMirror()
    mirror.changes(full_frame(["ab中d", "", "", ""]), WIDTH, HEIGHT)
    changes = mirror.changes(full_frame(["ab文d", "", "", ""]), WIDTH, HEIGHT)
    assert changes is not None and changes.render_segments(CONSOLE) == "\x1b[1;3H文"


def test_a_new_size_or_forgetting_writes_everything_again() -> None:
    mirror = TerminalMirror()
    rows = ["Hearthside", "", "", ""]
    mirror.changes(full_frame(rows), WIDTH, HEIGHT)
    resized = mirror.changes(full_frame(rows), WIDTH, HEIGHT + 1)
    assert resized is not None and len(resized.pieces) == HEIGHT
    mirror.forget()
    redrawn = mirror.changes(full_frame(rows), WIDTH, HEIGHT + 1)
    assert redrawn is not None and len(redrawn.pieces) == HEIGHT


def test_a_strip_with_a_control_code_is_not_modelled_and_always_written() -> None:
    strip = Strip([Segment("a"), Segment("", None, [(1,)])], 1)  # type: ignore[list-item]
    assert strip_cells(strip) is None
    mirror = TerminalMirror()
    frame = LayoutUpdate([[strip]], Region(0, 0, 1, 1))
    for _ in range(2):
        changes = mirror.changes(frame, WIDTH, HEIGHT)
        assert changes is not None and len(changes.pieces) == 1


def test_a_wide_character_half_written_over_is_drawn_again_whole() -> None:
    mirror = TerminalMirror()
    mirror.changes(full_frame(["中bcd", "", "", ""]), WIDTH, HEIGHT)
    over_its_right_half = ChopsUpdate([{1: Strip([Segment("z")], 1)}, {}, {}, {}], [(0, 1, 2)], [[2], [], [], []])
    written = mirror.changes(over_its_right_half, WIDTH, HEIGHT)
    assert written is not None and written.render_segments(CONSOLE) == "\x1b[1;2Hz"
    # a terminal blanks a wide character when half of it is written over: the next frame draws it whole
    again = mirror.changes(full_frame(["中bcd", "", "", ""]), WIDTH, HEIGHT)
    assert again is not None and again.render_segments(CONSOLE) == "\x1b[1;1H中"
