"""Help: the keys, what each step asks of you, and the not-therapy note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.not_therapy import NOT_THERAPY_NOTE


class HelpScreen(ModalScreen[None]):
    """Keys (made from the bindings by `tui.keys`) and the note; q, ? or Escape closes it."""

    BINDINGS = [
        Binding("q", "close", "Close", id="help.close"),
        Binding("question_mark", "close", "Close", show=False),
        Binding("escape", "close", "Close", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen #help-box { width: 78; max-width: 100%; height: 90%; border: thick $primary;
                           background: $surface; padding: 0 1; }
    HelpScreen .help-title { text-style: bold; margin-top: 1; }
    """

    def __init__(self, keys_help: str) -> None:
        super().__init__()
        self.keys_help = keys_help

    def compose(self) -> ComposeResult:
        """Keys, then the note."""
        with VerticalScroll(id="help-box"):
            yield Static("Keys", classes="help-title")
            yield Static(self.keys_help, markup=False)
            yield Static("Please remember", classes="help-title")
            yield Static(NOT_THERAPY_NOTE, markup=False)
            yield Static("\nq: close", markup=False)

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
