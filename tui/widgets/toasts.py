"""The screen's toast rack kept hidden from the first frame, so Textual's first "no toasts" does not lay out
and draw the whole screen once more."""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.screen import Screen

TOAST_RACK_ID = "textual-toastrack"  # the id Textual gives the rack it adds to every screen


def hide_empty_toast_rack(screen: Screen[object]) -> None:
    """Hide the rack in its inline style, as Textual does when it first shows no toasts: that first
    change, made after the first frame, was a layout and a full repaint (5.3 KB) of every new screen. A
    toast waiting to be shown still is: Textual shows the rack again for it."""
    try:
        screen.get_child_by_id(TOAST_RACK_ID).display = False
    except NoMatches:
        return  # notifications are off in this app
