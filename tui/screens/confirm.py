"""A small yes/no question that never relies on Escape alone."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.widgets.key_footer import KeyFooter


class ConfirmScreen(ModalScreen[bool]):
    """Asks one question; `y` answers yes, `n` (or Escape) answers no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "answer(False)", "No", show=False),
    ]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen #confirm-box { width: 72; max-width: 95%; height: auto; max-height: 100%;
                                 border: thick $primary; background: $surface; padding: 0 2; }
    ConfirmScreen #confirm-question { height: auto; max-height: 17; margin-top: 1; }
    ConfirmScreen #confirm-buttons { height: auto; margin-top: 1; align-horizontal: center; }
    ConfirmScreen Button { margin: 0 1; }
    """

    def __init__(self, question: Text, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(id="confirm-box"):
            with VerticalScroll(id="confirm-question"):
                yield Static(self.question)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes_label} (y)", id="confirm-yes", variant="primary")
                yield Button(f"{self.no_label} (n)", id="confirm-no")
        yield KeyFooter()

    def on_mount(self) -> None:
        """The safe answer has the focus."""
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Mouse or Enter on a button."""
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        """Answer by key."""
        self.dismiss(answer)
