"""Help: the keys, what each step asks of you, and the not-therapy note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.not_therapy import NOT_THERAPY_NOTE

KEYS_HELP = """\
Enter        continue: start a turn, move on when you are both ready
t            time-out: either of you may call one; the clock stops
e            end a turn early (it asks first)
x            end the session here, keeping what you did
1-5          your energy in a check-in
g / n        after a turn: the listener got it / not quite
m / d        mirroring: there is more / that's all
s / f        questions: skip / keep as a favourite
?            this help          ctrl+p  all actions
ctrl+q       quit (during a session it asks first; you can continue later)

During a turn, other keys do nothing: the time is protected."""


class HelpScreen(ModalScreen[None]):
    """Keys and the note; q, ? or Escape closes it."""

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

    def compose(self) -> ComposeResult:
        """Keys, then the note."""
        with VerticalScroll(id="help-box"):
            yield Static("Keys", classes="help-title")
            yield Static(KEYS_HELP, markup=False)
            yield Static("Please remember", classes="help-title")
            yield Static(NOT_THERAPY_NOTE, markup=False)
            yield Static("\nq: close", markup=False)

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
