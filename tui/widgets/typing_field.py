"""The one-line field a partner types into during a step: tied to that partner, never selecting its words."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widgets import Input

from tui.core.script_model import PartnerId


class TypingField(Input):
    """An `Input` opened for one partner; a restored draft keeps its words with the cursor at the end."""

    BINDINGS = [Binding("enter", "submit", "Done", tooltip="Hand in what you wrote")]
    """The Input's own Enter, shown in the footer: it sits before the step's Enter, which it hides."""

    def __init__(self, value: str = "", *, masked: bool = False, **kwargs: Any) -> None:
        super().__init__(value=value, password=masked, select_on_focus=False, **kwargs)
        self.masked = masked
        self.author: PartnerId | None = None

    def open_for(self, author: PartnerId | None, draft: str) -> None:
        """Give the field to `author`, holding their draft (or nothing), masked again if it masks."""
        self.author = author
        self.value = draft
        self.cursor_position = len(draft)
        self.password = self.masked

    @property
    def words_shown(self) -> bool:
        """Whether a masking field shows its words right now (to their writer)."""
        return self.masked and not self.password

    def toggle_words_shown(self) -> None:
        """Show or hide the masked words."""
        if self.masked:
            self.password = not self.password
