"""The one glyph table for what our own widgets draw, per glyph set, and the driver that keeps every
byte the terminal receives within its glyph set (`tui.terminal.fit_text`), whatever drew it."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.driver import Driver

from tui.core.frozen import frozen
from tui.terminal import GlyphSet, fit_text


@frozen
class Glyphs:
    """Marks a widget may draw: each set's own, so a new screen looks designed in every terminal."""

    ellipsis: str
    bullet: str
    arrow: str
    check: str
    bar_levels: str  # a chart's bar heights, lowest to full


GLYPHS: dict[GlyphSet, Glyphs] = {
    "unicode": Glyphs("\u2026", "\u2022", "\u2192", "\u2713", " \u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"),
    "console": Glyphs("...", "\u25a0", "->", "\u221a", " _\u2584\u2584\u2584\u2588\u2588\u2588\u2588"),
    "ascii": Glyphs("...", "*", "->", "+", " _.-=+*##"),
}


def glyph_set_of(node: DOMNode) -> GlyphSet:
    """The glyph set of the App `node` runs in ("unicode" when the App does not say)."""
    return getattr(node.app, "glyph_set", "unicode")


def glyphs_of(node: DOMNode) -> Glyphs:
    """The glyphs `node` should draw."""
    return GLYPHS[glyph_set_of(node)]


GLYPH_SET_CLASSES: dict[GlyphSet, str] = {"unicode": "", "console": "-console-font", "ascii": "-ascii"}
"""The class the App carries, so styles can say how borders look where only some glyphs draw."""


def fitting_driver(base: type[Driver], glyph_set: GlyphSet) -> type[Driver]:
    """`base` (Textual's driver for this platform) with every write kept within `glyph_set`."""

    class FittingDriver(base):  # type: ignore[valid-type, misc]
        """Textual's driver, writing only what the terminal can draw."""

        def write(self, data: str) -> None:
            """Write `data`, each glyph the terminal lacks replaced by one of the same width."""
            super().write(fit_text(data, glyph_set))

    return FittingDriver
