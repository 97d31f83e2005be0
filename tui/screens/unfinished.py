"""Asked before a new session starts while one is unfinished: continue it, keep it for later, or start fresh."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.core.wording import count_of
from tui.overview import CONTINUE_IT, KEEP_FOR_LATER, START_FRESH, Unfinished
from tui.widgets.partner_text import safe_text, sentence


def unfinished_question(unfinished: Unfinished, others: int) -> Text:
    """The words of the question: the session by its title and when it was left, and what each answer does."""
    lines = [
        sentence("You have a session you have not finished: ", safe_text(unfinished.title, "bold"), "."),
        Text(f"You left it {unfinished.left}, at step {unfinished.step}."),
    ]
    if others:
        more = count_of(others, "other unfinished session")
        lines.append(Text(f"({more} also {'waits' if others == 1 else 'wait'} on the home screen.)"))
    lines += [
        Text(""),
        Text("What would you like to do with it?"),
        Text("Continue it: go back to where you were."),
        Text("Keep it for later: start the new one; it waits on the home screen."),
        Text("Start fresh: start the new one; the old one is kept in your history as unfinished."),
    ]
    return Text("\n").join(lines)


class UnfinishedScreen(ModalScreen[str | None]):
    """Dismisses with CONTINUE_IT, KEEP_FOR_LATER or START_FRESH; Escape (None) starts nothing."""

    BINDINGS = [
        Binding("c", f"answer('{CONTINUE_IT}')", "Continue it", id="unfinished.continue"),
        Binding("k", f"answer('{KEEP_FOR_LATER}')", "Keep for later", id="unfinished.keep"),
        Binding("f", f"answer('{START_FRESH}')", "Start fresh", id="unfinished.fresh"),
        Binding("n", "cancel", "Not now", id="unfinished.cancel"),
        Binding("escape", "cancel", "Not now", show=False),
    ]
    DEFAULT_CSS = """
    UnfinishedScreen { align: center middle; }
    UnfinishedScreen #unfinished-box { width: 76; max-width: 100%; height: auto; max-height: 100%;
                                       border: thick $primary; background: $surface; padding: 0 2; }
    UnfinishedScreen #unfinished-question { height: auto; margin-top: 1; }
    UnfinishedScreen #unfinished-buttons { height: auto; margin-top: 1; align-horizontal: center; }
    UnfinishedScreen Button { margin: 0 1; min-width: 14; }
    """

    def __init__(self, unfinished: Unfinished, others: int = 0) -> None:
        super().__init__()
        self.unfinished = unfinished
        self.others = others

    def compose(self) -> ComposeResult:
        """The question and three answers."""
        with Vertical(id="unfinished-box"):
            yield Static(unfinished_question(self.unfinished, self.others), id="unfinished-question")
            with Horizontal(id="unfinished-buttons"):
                yield Button("Continue it (c)", id=CONTINUE_IT, variant="primary")
                yield Button("Keep for later (k)", id=KEEP_FOR_LATER)
                yield Button("Start fresh (f)", id=START_FRESH)

    def on_mount(self) -> None:
        """Keeping it for later loses nothing and starts what was asked for: it has the focus."""
        self.query_one(f"#{KEEP_FOR_LATER}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Mouse or Enter on an answer."""
        self.dismiss(event.button.id)

    def action_answer(self, choice: str) -> None:
        """Answer by key."""
        self.dismiss(choice)

    def action_cancel(self) -> None:
        """Changed their mind: nothing starts, the unfinished session keeps waiting."""
        self.dismiss(None)
