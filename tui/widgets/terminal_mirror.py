"""What the terminal shows, cell by cell, as the app last wrote it, so a repaint writes only the cells that
change: Textual repaints a whole screen two or three times as it appears (on start, on every screen and
dialog), and over a slow link every repainted cell is bytes on the wire."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import split_graphemes
from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.app import App
from textual.geometry import Offset
from textual.screen import Screen
from textual.strip import Strip

Cell = tuple[str, Style | None]
"""One cell: its text (a whole grapheme; "" for the right half of a wide one) and its style."""
WIDE_RIGHT = ""  # the text of the cell a wide character's right half takes

Piece = tuple[int, int, Strip]
"""Part of a line to write: its column, its row, and its cells."""


def segment_cells(segment: Segment, cells: list[Cell]) -> bool:
    """Add the cells `segment` takes to `cells`, measured as Rich and Textual measure them; False when
    the segment cannot be modelled (a control code, or a zero-width grapheme with no cell before it)."""
    text, style, control = segment
    if control:
        return False
    if text.isascii() and text.isprintable():
        cells.extend((character, style) for character in text)
        return True
    spans, _ = split_graphemes(text)
    for start, end, width in spans:
        grapheme = text[start:end]
        if width == 0:
            if not cells or cells[-1][0] == WIDE_RIGHT:
                return False
            cells[-1] = (cells[-1][0] + grapheme, cells[-1][1])
            continue
        cells.append((grapheme, style))
        cells.extend((WIDE_RIGHT, style) for _ in range(width - 1))
    return True


def strip_cells(strip: Strip) -> list[Cell] | None:
    """Every cell of `strip`, or None when one of its segments cannot be modelled."""
    cells: list[Cell] = []
    for segment in strip:
        if not segment_cells(segment, cells):
            return None
    return cells


def update_pieces(update: CompositorUpdate) -> list[Piece] | None:
    """The parts of lines a compositor update writes, as Textual's own `render_segments` writes them;
    None for a kind of update this does not know."""
    if isinstance(update, LayoutUpdate):
        x = update.region.x
        return [(x, y, Strip.join(line)) for y, line in enumerate(update.strips, update.region.y)]
    if isinstance(update, ChopsUpdate):
        pieces: list[Piece] = []
        for y, x1, x2 in update.spans:
            for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
                if strip is None or x > x2 or end <= x1:
                    continue
                if not (x2 > x >= x1 and end <= x2):
                    strip = strip.crop(0, min(end, x2) - x)
                pieces.append((x, y, strip))
        return pieces
    return None


class MirroredUpdate(CompositorUpdate):
    """The changed parts of an update, each written where it goes."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self.pieces = pieces

    def render_segments(self, console: Console) -> str:
        """The terminal sequence: a cursor move and the cells, for each piece."""
        return "".join(f"\x1b[{y + 1};{x + 1}H{strip.render(console)}" for x, y, strip in self.pieces)


class TerminalMirror:
    """The terminal's cells as last written; `changes` keeps only what an update would change."""

    def __init__(self) -> None:
        self._rows: list[list[Cell | None]] = []  # None: not known (never written, or not modelled)
        self._width = 0

    def forget(self) -> None:
        """The terminal may show anything now (resumed, resized, written over): the next update goes out whole."""
        self._rows = []

    def changes(self, update: CompositorUpdate, width: int, height: int) -> MirroredUpdate | None:
        """The pieces of `update` that change a cell, narrowed to the changed cells; None when `update` is of a
        kind not modelled (then it must go out as it is, and what it covers is forgotten)."""
        if width != self._width or len(self._rows) != height:
            self._width = width
            self._rows = [[None] * width for _ in range(height)]
        pieces = update_pieces(update)
        if pieces is None:
            self.forget()
            return None
        kept: list[Piece] = []
        for x, y, strip in pieces:
            changed = self._change(x, y, strip)
            if changed is not None:
                kept.append(changed)
        return MirroredUpdate(kept)

    def _change(self, x: int, y: int, strip: Strip) -> Piece | None:
        """The part of one piece that changes the terminal (None when nothing does), remembered as written."""
        cells = strip_cells(strip)
        if not 0 <= y < len(self._rows) or x < 0 or cells is None or x + len(cells) > self._width:
            if 0 <= y < len(self._rows):
                self._rows[y] = [None] * self._width  # written, but not modelled: this row is not known now
            return (x, y, strip)
        row = self._rows[y]
        end = x + len(cells)
        before = row[x:end]
        if before == cells:
            return None
        first = next(index for index, (old, new) in enumerate(zip(before, cells, strict=True)) if old != new)
        last = len(cells) - next(
            index for index, (old, new) in enumerate(zip(reversed(before), reversed(cells), strict=True)) if old != new
        )
        first, last = self._whole_characters(row, x, cells, first, last)
        start, stop = x + first, x + last
        if start > 0 and self._is_right_half(row[start]):
            row[start - 1] = None  # an old wide character loses its right half: the terminal blanks it
        if stop < self._width and self._is_right_half(row[stop]):
            row[stop] = None
        row[x:end] = cells
        if first == 0 and last == len(cells):
            return (x, y, strip)
        return (x + first, y, strip.crop(first, last))

    @staticmethod
    def _is_right_half(cell: Cell | None) -> bool:
        return cell is not None and cell[0] == WIDE_RIGHT

    @staticmethod
    def _whole_characters(row: list[Cell | None], x: int, cells: list[Cell], first: int, last: int) -> tuple[int, int]:
        """Widen [first, last) so that it splits no wide character, old or new (a terminal clears both halves
        of a wide character when either is written)."""

        def right_half(index: int) -> bool:
            old = row[x + index]
            return cells[index][0] == WIDE_RIGHT or (old is not None and old[0] == WIDE_RIGHT)

        while first > 0 and right_half(first):
            first -= 1
        while last < len(cells) and right_half(last):
            last += 1
        return first, last


class MirroredApp(App[None]):
    """An App whose frames write only the cells that change on the terminal (see `TerminalMirror`)."""

    def __init__(self) -> None:
        super().__init__()
        self.terminal_mirror = TerminalMirror()
        self._mirrored_cursor: Offset | None = None

    def on_mount(self) -> None:
        """Back from a suspension (ctrl+z, an editor) the terminal may show anything: draw it whole."""
        self.app_resume_signal.subscribe(self, lambda _app: self.forget_terminal(), immediate=True)

    def forget_terminal(self) -> None:
        """The next frame writes every cell (ctrl+l, and after a suspension)."""
        self.terminal_mirror.forget()
        self._mirrored_cursor = None

    def action_redraw(self) -> None:
        """Every cell again, for a terminal something else wrote over (a message to all logged-in users)."""
        self.forget_terminal()
        self.screen.refresh(layout=True)

    def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
        """Textual's display of a frame, with the cells the terminal already shows left out (and no write
        at all when nothing changes, not even the cursor)."""
        if renderable is not None and not isinstance(renderable, CompositorUpdate):
            self.forget_terminal()  # some other renderable, written as Textual writes it: its cells are not known
        elif renderable is not None and self._writes_to_terminal():
            size = self.size
            changed = self.terminal_mirror.changes(renderable, size.width, size.height)
            if changed is None:
                self._mirrored_cursor = None
            else:
                cursor = self.screen.outer_size.clamp_offset(self.cursor_position)
                if not changed.pieces and cursor == self._mirrored_cursor:
                    return
                self._mirrored_cursor = cursor
                renderable = changed
        super()._display(screen, renderable)

    def _writes_to_terminal(self) -> bool:
        """Whether Textual's `_display` would write this frame to a full-screen terminal now."""
        driver = self._driver
        return (
            self._running
            and not self._closed
            and not self.is_headless
            and driver is not None
            and not driver.is_inline
            and not self._batch_count
        )
