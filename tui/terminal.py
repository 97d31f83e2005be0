"""What the terminal can show: Unicode or not, colours or not, and the window title."""

from __future__ import annotations

import os

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


def locale_is_utf8(environ: dict[str, str] | None = None) -> bool:
    """Whether the locale promises UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as the C library reads them)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name)
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
