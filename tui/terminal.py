"""What the terminal can show: Unicode or not, colours or not, and the window title."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import unicodedata
from collections.abc import Mapping
from typing import Literal

from rich.cells import cell_len

PARTNER_COLOUR_VALUES = {
    # colour name: (truecolor, the nearest of the 16 ANSI colours as Rich names it)
    "orange": ("#E69F00", "yellow"),
    "sky": ("#56B4E9", "cyan"),
    "green": ("#009E73", "green"),
    "vermillion": ("#D55E00", "red"),
    "blue": ("#0072B2", "blue"),
    "purple": ("#CC79A7", "magenta"),
    "yellow": ("#F0E442", "bright_yellow"),
}
COLOUR_LABELS = {
    "orange": "orange",
    "sky": "sky blue",
    "green": "green",
    "vermillion": "red",
    "blue": "deep blue",
    "purple": "purple",
    "yellow": "yellow",
}


def locale_is_utf8(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the locale promises UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as the C library reads them;
    an LC_CTYPE that Python set itself because the locale was C does not count)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name)
        if name == "LC_CTYPE" and _coerced_ctype(env):
            continue
        if value:
            return "utf-8" in value.lower() or "utf8" in value.lower()
    return False


def colour_value(name: str, ansi: bool) -> str:
    """A Rich colour for a partner's colour name; one of the 16 ANSI colours on `ansi-*` themes."""
    truecolor, ansi_name = PARTNER_COLOUR_VALUES.get(name, PARTNER_COLOUR_VALUES["orange"])
    return ansi_name if ansi else truecolor


def window_title_sequence(title: str) -> str:
    """The OSC 2 escape that sets the terminal window title (control characters removed)."""
    safe = "".join(char for char in title if char.isprintable())
    return f"\x1b]2;{safe}\x07"


# -- which glyphs the terminal can draw ------------------------------------------------------------

GlyphSet = Literal["unicode", "console", "ascii"]
"""What a terminal draws: any Unicode; the Linux console font's (CP437's) letters, light and double
lines and half blocks; or ASCII alone (a locale without UTF-8)."""

CONSOLE_TERMS = ("linux", "vt", "cons")  # the Linux and BSD consoles, and VT terminals


def _coerced_ctype(env: Mapping[str, str]) -> bool:
    """Whether Python itself put LC_CTYPE=C.UTF-8 in the environment (PEP 538 locale coercion, which
    happens when the locale was C or POSIX: the terminal was never promised UTF-8)."""
    explicit_utf8_mode = "PYTHONUTF8" in env or "utf8" in getattr(sys, "_xoptions", {})
    return env.get("LC_CTYPE", "").lower() in ("c.utf-8", "c.utf8") and sys.flags.utf8_mode and not explicit_utf8_mode


def choose_glyph_set(environ: Mapping[str, str] | None = None, sixteen_colours: bool = False) -> GlyphSet:
    """ASCII without a UTF-8 locale; the console font's glyphs on a console (`TERM=linux`) or any
    16-colour terminal (an old or plain one, whose font may lack rounded corners and heavy lines)."""
    env = os.environ if environ is None else environ
    if not locale_is_utf8(env):
        return "ascii"
    if sixteen_colours or env.get("TERM", "").startswith(CONSOLE_TERMS):
        return "console"
    return "unicode"


def in_console_font(char: str) -> bool:
    """Whether the Linux console's default (CP437) font has `char`."""
    try:
        char.encode("cp437")
    except UnicodeEncodeError:
        return False
    return char.isprintable()


ASCII_LOOKALIKES = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043", "-"),
    **dict.fromkeys("\u2022\u25cf\u25cb\u25e6\u2219\u2023\u25aa\u25a0\u25a1\u2605\u2606\u2217\u273d", "*"),
    **dict.fromkeys("\u2192\u21d2\u25b6\u25ba\u25b8\u276f\u27f6\u2794", ">"),
    **dict.fromkeys("\u2190\u21d0\u25c0\u25c4\u25c2\u276e\u23ce\u21b5", "<"),
    **dict.fromkeys("\u2191\u25b2\u25b4\u2303", "^"),
    **dict.fromkeys("\u2193\u25bc\u25be", "v"),
    **dict.fromkeys("\u2713\u2714\u2611\u221a", "+"),
    **dict.fromkeys("\u2717\u2718\u00d7\u2612", "x"),
    "\u2026": ".", "\u00b7": ".", "\u00a0": " ", "\u00b0": "o", "\u00a9": "c", "\u00ae": "r",
    "\u2500": "-", "\u2502": "|",
    "\u2571": "/", "\u2572": "\\", "\u2573": "X", "\u2591": ".", "\u2592": ":", "\u2593": "#",
}
"""The nearest ASCII for typographic quotes, dashes, bullets, arrows and marks (one cell each)."""

CONSOLE_LOOKALIKES = {"\u2713": "\u221a", "\u2714": "\u221a", "\u25aa": "\u25a0", "\u25cf": "\u25a0"}
"""Nearer glyphs that the console font has."""

EIGHTHS = {  # block elements: (how much of the cell is filled, from which side)
    **{chr(0x2581 + k): (k + 1, "lower") for k in range(8)},  # lower one eighth .. full block
    **{chr(0x2589 + k): (7 - k, "left") for k in range(7)},  # left seven eighths .. left one eighth
    "\u2580": (4, "upper"), "\u2594": (1, "upper"), "\u2590": (4, "right"), "\u2595": (1, "right"),
}
HALF_BLOCKS = {"lower": "\u2584", "upper": "\u2580", "left": "\u258c", "right": "\u2590"}


def _box_line(name: str, glyph_set: GlyphSet) -> str:
    """A box-drawing character as light or double lines (console) or `+ - = |` (ASCII)."""
    words = name.removeprefix("BOX DRAWINGS ").split()
    if "DIAGONAL" in words:
        return {"\u2571": "/", "\u2572": "\\"}.get(unicodedata.lookup(name), "X")
    directions = {word for word in words if word in ("LEFT", "RIGHT", "UP", "DOWN", "HORIZONTAL", "VERTICAL")}
    across = directions <= {"LEFT", "RIGHT", "HORIZONTAL"}
    along = directions <= {"UP", "DOWN", "VERTICAL"}
    double = "DOUBLE" in words
    if glyph_set == "console":
        weight = "DOUBLE" if double and not ("LIGHT" in words or "HEAVY" in words) else "LIGHT"
        if across or along:
            return unicodedata.lookup(f"BOX DRAWINGS {weight} {'HORIZONTAL' if across else 'VERTICAL'}")
        plain = " ".join(word for word in words if word not in ("LIGHT", "HEAVY", "DOUBLE", "ARC"))
        for candidate in (f"BOX DRAWINGS {weight} {plain}", f"BOX DRAWINGS LIGHT {plain}"):
            with contextlib.suppress(KeyError):
                if in_console_font(char := unicodedata.lookup(candidate)):
                    return char
        return "\u253c"  # a light cross: the joint of lines this font cannot draw
    if across:
        return "=" if double else "-"
    return "|" if along else "+"


def _block(char: str, glyph_set: GlyphSet) -> str:
    """A part-filled cell rounded to empty, half or full (console), or to space or `#` (ASCII)."""
    filled, side = EIGHTHS[char]
    if glyph_set == "console":
        return " " if filled <= 2 else HALF_BLOCKS[side] if filled <= 5 else "\u2588"
    return "#" if filled >= 6 else " "


@functools.lru_cache(maxsize=4096)
def fit_char(char: str, glyph_set: GlyphSet) -> str:
    """`char` as `glyph_set` can draw it, in as many cells as it takes: itself, a look-alike, the
    letter without its accent, or `?` for each cell (a wide character gets two)."""
    if char.isascii() or glyph_set == "unicode" or (glyph_set == "console" and in_console_font(char)):
        return char
    if glyph_set == "console" and char in CONSOLE_LOOKALIKES:
        return CONSOLE_LOOKALIKES[char]
    if char in ASCII_LOOKALIKES:
        return ASCII_LOOKALIKES[char]
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        return _box_line(name, glyph_set)
    if char in EIGHTHS:
        return _block(char, glyph_set)
    cells = cell_len(char)
    plain = "".join(part for part in unicodedata.normalize("NFKD", char) if part.isascii() and part.isprintable())
    if plain and cells:
        return plain[:cells].ljust(cells)
    return "?" * cells


def fit_text(text: str, glyph_set: GlyphSet) -> str:
    """`text` with every character `glyph_set` cannot draw replaced, keeping its width in cells (so what
    was laid out stays in place); escape sequences are ASCII and pass unchanged."""
    if glyph_set == "unicode" or text.isascii():
        return text
    return "".join(fit_char(char, glyph_set) for char in text)
