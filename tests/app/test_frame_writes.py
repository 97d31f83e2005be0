"""The driver that hands the terminal each frame in one write (one SSH packet a tick)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.app import HearthsideApp
from tui.widgets.frame_writes import SYNC_END, SYNC_START, one_write_per_frame, without_overridden_moves

TICK = "\x1b[7;40H\x1b[1;38;5;253;48;5;233m:58\x1b[0m\x1b[7;43H\x1b[1;1H"


class RecordingDriver:
    """Stands in for Textual's driver: keeps each write and counts flushes."""

    def __init__(self) -> None:
        self.writes: list[str] = []
        self.flushes = 0

    def write(self, data: str) -> None:
        self.writes.append(data)

    def flush(self) -> None:
        self.flushes += 1


def driver() -> Any:
    return one_write_per_frame(RecordingDriver)()  # type: ignore[arg-type]


def test_a_synchronized_frame_is_one_write() -> None:
    recorded = driver()
    for part in (SYNC_START, TICK, SYNC_END):
        recorded.write(part)
    recorded.flush()
    assert recorded.writes == [SYNC_START + "\x1b[7;40H\x1b[1;38;5;253;48;5;233m:58\x1b[0m\x1b[1;1H" + SYNC_END]
    assert recorded.flushes == 1


def test_a_frame_without_markers_and_a_title_are_written_as_they_come() -> None:
    recorded = driver()
    recorded.write("\x1b]2;9 min left\x07")
    recorded.write(TICK)
    assert recorded.writes == ["\x1b]2;9 min left\x07", "\x1b[7;40H\x1b[1;38;5;253;48;5;233m:58\x1b[0m\x1b[1;1H"]


def test_flush_writes_a_frame_whose_end_marker_never_came() -> None:
    recorded = driver()
    recorded.write(SYNC_START)
    recorded.write("x")
    assert recorded.writes == []
    recorded.flush()
    assert recorded.writes == [SYNC_START + "x"]
    recorded.write("y")
    assert recorded.writes[-1] == "y"


def test_only_a_move_another_move_follows_at_once_goes() -> None:
    assert without_overridden_moves("\x1b[7;43H\x1b[1;1H") == "\x1b[1;1H"
    assert without_overridden_moves("\x1b[2;1H\x1b[3;1H\x1b[4;5Hab") == "\x1b[4;5Hab"
    kept = "\x1b[7;43H\n\x1b[9;2Hx\x1b[0m\x1b[1;1H"  # a line feed between the moves: both stay
    assert without_overridden_moves(kept) == kept
    assert without_overridden_moves("\x1b[1;38;5;253m\x1b[1;1H") == "\x1b[1;38;5;253m\x1b[1;1H"


def test_the_app_writes_through_it(app_factory: Callable[..., HearthsideApp]) -> None:
    for glyph_set in ("unicode", "ascii"):
        driver_class = app_factory(glyph_set=glyph_set).driver_class
        assert driver_class.write.__qualname__.startswith("one_write_per_frame.")
