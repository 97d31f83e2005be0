"""The footer every screen shows: compact, without the palette's key, so the keys that matter fit in 80
columns (the help names ctrl+p for every other action)."""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer in its compact style and without the command palette's key on the right."""

    DEFAULT_CSS = """
    KeyFooter.-compact FooterLabel { margin: 0 1 0 0; }
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
