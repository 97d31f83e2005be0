"""A one-line progress bar that repaints only the cells its fill changed (Textual's redraws every second,
and a whole line of it costs some 300 bytes in 256 colours where one cell costs about 45)."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Region
from textual.widget import Widget

from tui.widgets.glyphs import glyph_set_of

WHOLE_CELLS = {"ascii": ("#", "-"), "console": ("\u2588", "\u2591")}  # (done, to do): shaped, not only coloured


class TurnProgress(Widget):
    """How much of a turn has passed, in half-cells (or whole ASCII cells without Unicode)."""

    COMPONENT_CLASSES = {"turn-progress--done", "turn-progress--todo"}
    DEFAULT_CSS = """
    TurnProgress { height: 1; width: 1fr; }
    TurnProgress > .turn-progress--done { color: $accent; }
    TurnProgress > .turn-progress--todo { color: $panel-lighten-2; }
    """

    def __init__(self, unicode_ok: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.unicode_ok = unicode_ok
        self._fraction = 0.0
        self._shown_cells = -1

    def _steps(self) -> int:
        width = max(1, self.size.width)
        return width * 2 if self.unicode_ok and glyph_set_of(self) == "unicode" else width

    def show(self, fraction: float) -> None:
        """Set how much has passed (0 to 1); repaint only if the visible fill changes."""
        self._fraction = min(1.0, max(0.0, fraction))
        cells = int(self._fraction * self._steps())
        if cells == self._shown_cells:
            return
        before, self._shown_cells = self._shown_cells, cells
        if before < 0:
            self.refresh()
            return
        per_cell = 2 if self.unicode_ok else 1
        first, last = sorted((before // per_cell, cells // per_cell))
        self.refresh(Region(first, 0, last - first + 1, 1))  # only the cells whose glyph or colour changed

    def on_resize(self) -> None:
        """A new width moves every cell, and Textual has already repainted the bar at it: count the cells
        from the new width without a repaint of our own (one more frame at every start)."""
        self._shown_cells = int(self._fraction * self._steps())

    def render(self) -> Text:
        """The filled and unfilled parts."""
        width = max(1, self.size.width)
        done_style = self.get_component_rich_style("turn-progress--done")
        todo_style = self.get_component_rich_style("turn-progress--todo")
        glyph_set = glyph_set_of(self) if self.unicode_ok else "ascii"
        if glyph_set in WHOLE_CELLS:
            done, todo = WHOLE_CELLS[glyph_set]
            filled = int(self._fraction * width)
            return Text.assemble((done * filled, done_style), (todo * (width - filled), todo_style))
        halves = int(self._fraction * width * 2)
        whole, half = divmod(halves, 2)
        done = "━" * whole + ("╸" if half else "")
        return Text.assemble((done, done_style), ("━" * (width - len(done)), todo_style))
