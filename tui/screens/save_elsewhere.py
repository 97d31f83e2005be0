"""Save what could not be saved in a file of the couple's choosing (an export `hearthside import` reads)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.widgets.key_footer import KeyFooter


class SaveElsewhereScreen(ModalScreen[str | None]):
    """A path to type (a file in the home folder is offered); Enter saves there, Escape goes back."""

    BINDINGS = [
        Binding("ctrl+b", "back", "Back", id="save_elsewhere.back"),  # Escape is slow over SSH; b is typed
        Binding("escape", "back", "Back", show=False),
    ]
    DEFAULT_CSS = """
    SaveElsewhereScreen { align: center middle; }
    SaveElsewhereScreen #elsewhere-box { width: 76; max-width: 98%; height: auto; max-height: 100%;
                                          border: thick $warning; background: $surface; padding: 0 2; }
    SaveElsewhereScreen #elsewhere-words { height: auto; margin: 1 0; }
    SaveElsewhereScreen #elsewhere-hint { color: $text-muted; margin-bottom: 1; }
    """

    def __init__(self, reason: str, offered: Path) -> None:
        super().__init__()
        self.reason = reason
        self.offered = offered

    def compose(self) -> ComposeResult:
        """What happened, the path field and what the keys do."""
        with Vertical(id="elsewhere-box"):
            yield Static(
                Text(
                    f"Your history cannot be saved just now ({self.reason}), so what you made is only here, "
                    "in Hearthside. Save it in a file: type where, or keep the place offered."
                ),
                id="elsewhere-words",
            )
            yield Input(str(self.offered), id="elsewhere-path")
            yield Static(
                "Enter saves it there. Later, `hearthside import FILE` puts it back in your history.",
                id="elsewhere-hint",
                markup=False,
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        """The path field has the keys, its text ready to be kept or changed."""
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: save where the field says."""
        event.stop()
        path = event.value.strip()
        if path:
            self.dismiss(path)

    def action_back(self) -> None:
        """Escape: nothing is written; the work stays kept in Hearthside."""
        self.dismiss(None)
