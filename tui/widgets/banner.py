"""The banner that says, by name, in colour and in words, who is speaking and who is listening."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import Static

from tui.core.script_model import PartnerId, other
from tui.widgets.glyphs import GLYPHS, glyph_set_of
from tui.widgets.partner_text import PartnerLook, safe_text, sentence

ELLIPSIS = GLYPHS["unicode"].ellipsis
BANNER_LINES = {"unicode": "heavy", "console": "solid", "ascii": "ascii"}  # at time up: double, in each
SPEAKING, LISTENING = " is speaking  -  ", " is listening"


def shorten(name: str, cells: int, ellipsis: str = ELLIPSIS) -> str:
    """`name` cut to at most `cells` terminal cells, ending in an ellipsis when it was cut (CJK is 2 wide)."""
    if cell_len(name) <= cells:
        return name
    kept = ""
    for char in name:
        if cell_len(kept + char) + cell_len(ellipsis) > cells:
            break
        kept += char
    return kept + ellipsis


def share_cells(first: str, second: str, cells: int) -> tuple[int, int]:
    """How many cells each of two names may take so both fit in `cells`; a short name lends the rest."""
    half = max(1, cells // 2)
    first_len, second_len = cell_len(first), cell_len(second)
    if first_len <= half:
        return first_len, max(1, cells - first_len)
    if second_len <= half:
        return max(1, cells - second_len), second_len
    return half, max(1, cells - half)


class TurnBanner(Static):
    """ "Maya is speaking - Jonah is listening", bordered in the speaker's colour; long names end in "…"."""

    DEFAULT_CSS = """
    TurnBanner {
        width: 1fr;
        height: 3;
        content-align: center middle;
        text-align: center;
        border: heavy $primary;
    }
    """

    _drawn: tuple[PartnerLook, PartnerId, PartnerId | None, str, str] | None = None
    _shown_text: Text | None = None
    _shown_border: tuple[str, str] | None = None

    def _room(self) -> int:
        """Cells inside the border (before the first layout, the screen's width less the borders)."""
        width = self.content_region.width or (self.app.size.width - 4)
        return max(10, width)

    def _line(self) -> str:
        """The banner's usual border: heavy, or the lines the console font or ASCII has."""
        return BANNER_LINES[glyph_set_of(self)]

    def _short_name(self, look: PartnerLook, partner: PartnerId, cells: int) -> Text:
        ellipsis = GLYPHS[glyph_set_of(self)].ellipsis
        return safe_text(shorten(look.name(partner), cells, ellipsis), f"bold {look.colour(partner)}")

    def show_turn(
        self, look: PartnerLook, speaker: PartnerId, border_colour: str, time_up: bool = False
    ) -> None:
        """Show whose turn it is; after the time is up the border doubles, a change you cannot miss."""
        self._drawn = (look, speaker, other(speaker), "", border_colour)
        self._draw()
        self._border("double" if time_up else self._line(), border_colour)

    def show_asking(self, look: PartnerLook, partner: PartnerId, words: str, border_colour: str) -> None:
        """ "Jonah, say back what you heard": a partner's name (shortened to fit) and words to them."""
        self._drawn = (look, partner, None, words, border_colour)
        self._draw()
        self._border(self._line(), border_colour)

    def show_words(self, text: Text, border_colour: str) -> None:
        """Show any other line, in the banner's place."""
        self._drawn = None
        self._show(text)
        self._border(self._line(), border_colour)

    def _draw(self) -> None:
        if self._drawn is None:
            return
        look, first, second, words, _ = self._drawn
        room = self._room()
        if second is None:
            cells = room - cell_len(words)
            self._show(sentence(self._short_name(look, first, cells), words))
            return
        first_cells, second_cells = share_cells(
            look.name(first), look.name(second), room - cell_len(SPEAKING + LISTENING)
        )
        self._show(
            sentence(
                self._short_name(look, first, first_cells), SPEAKING, self._short_name(look, second, second_cells), LISTENING
            )
        )

    def _border(self, line: str, colour: str) -> None:
        """Set the border only when it changes: setting one, even the same, lays out the screen again."""
        if (line, colour) != self._shown_border:
            self._shown_border = (line, colour)
            self.styles.border = (line, colour)

    def _show(self, text: Text) -> None:
        """Update only when the words or their styles changed: every update lays out the screen again
        (a resize as the screen first appears would otherwise draw the whole screen twice)."""
        if text == self._shown_text:
            return
        self._shown_text = text
        self.update(text)

    def on_resize(self, event: events.Resize) -> None:
        """A wider or narrower terminal shortens the names again."""
        self._draw()
