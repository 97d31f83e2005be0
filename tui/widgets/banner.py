"""The banner that says, by name, in colour and in words, who is speaking and who is listening."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.core.script_model import PartnerId, other
from tui.widgets.partner_text import PartnerLook, partner_name, sentence


class TurnBanner(Static):
    """ "Maya is speaking - Jonah is listening", bordered in the speaker's colour."""

    DEFAULT_CSS = """
    TurnBanner {
        width: 1fr;
        height: 3;
        content-align: center middle;
        text-align: center;
        border: heavy $primary;
    }
    """

    def show_turn(
        self, look: PartnerLook, speaker: PartnerId, border_colour: str, time_up: bool = False
    ) -> None:
        """Show whose turn it is; after the time is up the border doubles, a change you cannot miss."""
        listener = other(speaker)
        text = sentence(
            partner_name(look, speaker), " is speaking  -  ", partner_name(look, listener), " is listening"
        )
        self.update(text)
        self.styles.border = ("double" if time_up else "heavy", border_colour)

    def show_words(self, text: Text, border_colour: str) -> None:
        """Show any other line, in the banner's place."""
        self.update(text)
        self.styles.border = ("heavy", border_colour)
