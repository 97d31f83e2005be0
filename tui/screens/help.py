"""Help: the keys, what each step asks of you, and the not-therapy note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.not_therapy import NOT_THERAPY_NOTE
from tui.widgets.key_footer import KeyFooter

CLOSING_WORDS = "Escape or F1 closes this (q too)."


class HelpScreen(ModalScreen[None]):
    """Keys (made from the bindings by `tui.keys`) and the note; Escape, F1, q or ? closes it. How to
    close it stays on the first line and in the footer, whatever is scrolled."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("q", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen #help-box { width: 78; max-width: 100%; height: 90%; border: thick $primary;
                           background: $surface; padding: 0 1; }
    HelpScreen #help-closing { color: $text-muted; height: 1; }
    HelpScreen #help-text { height: 1fr; }
    HelpScreen .help-title { text-style: bold; margin-top: 1; }
    """

    def __init__(self, keys_help: str) -> None:
        super().__init__()
        self.keys_help = keys_help

    def compose(self) -> ComposeResult:
        """How to close it, then the keys and the note (they scroll), and the footer."""
        with Vertical(id="help-box"):
            yield Static(CLOSING_WORDS, id="help-closing", markup=False)
            with VerticalScroll(id="help-text"):
                yield Static("Keys", classes="help-title")
                yield Static(self.keys_help, markup=False)
                yield Static("Please remember", classes="help-title")
                yield Static(NOT_THERAPY_NOTE, markup=False)
        yield KeyFooter()

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
