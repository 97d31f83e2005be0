"""First run: a short welcome, both names and colours, and the not-therapy note, shown once."""

from __future__ import annotations

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from tui.core.settings import Settings
from tui.screens.not_therapy import NOT_THERAPY_NOTE
from tui.widgets.key_footer import KeyFooter
from tui.widgets.partner_form import PartnerForm


class WelcomeScreen(Screen[Settings]):
    """Asks for the two names and colours; dismisses with the updated settings."""

    BINDINGS = [
        Binding("ctrl+s", "begin", "Begin", id="welcome.begin"),
        # Enter in the first name moves on before the keys after it are handed on (as Tab does, see
        # APP_BINDINGS): in a burst ("Ann<Enter>Bob") they would otherwise still reach the first name.
        Binding("enter", "next_name", "Next name", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    WelcomeScreen #welcome { padding: 1 2 0 2; }
    WelcomeScreen #welcome-title { text-style: bold; }
    WelcomeScreen #not-therapy { border: round $panel-lighten-2; padding: 0 1; color: $text-muted; }
    WelcomeScreen #welcome-end { height: 3; }
    WelcomeScreen #welcome-problem { color: $error; width: 1fr; height: 3; content-align: left middle;
                                     padding: 0 1; }
    """

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        """Welcome words, the form, the note, the begin button."""
        with VerticalScroll(id="welcome"):
            yield Static("Welcome to Hearthside", id="welcome-title")
            yield Static("A calm place for the two of you to talk. First, who are you?")
            yield PartnerForm(self.settings, id="welcome-form")
            # one screen at 80x24: the note's paragraphs without the blank lines between them
            yield Static(NOT_THERAPY_NOTE.replace("\n\n", "\n"), id="not-therapy", markup=False)
            with Horizontal(id="welcome-end"):
                yield Button("Begin (ctrl+s)", id="begin", variant="primary")
                yield Static("", id="welcome-problem")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Start in the first empty name."""
        for partner in ("a", "b"):
            entry = self.query_one(f"#name-{partner}", Input)
            if not entry.value:
                entry.focus()
                return
        self.query_one("#begin", Button).focus()

    def action_next_name(self) -> None:
        """Enter in the first name: the focus moves to the second at once, not after the keys already queued
        (`Widget.focus` waits behind them); anywhere else Enter does what it does there."""
        first = self.query_one("#name-a", Input)
        if self.focused is not first:
            raise SkipAction()
        self.set_focus(self.query_one("#name-b", Input))

    @on(Input.Submitted, "#name-b")
    def _second_name_submitted(self, event: Input.Submitted) -> None:
        """Enter in the second name begins (once the letters before it are in the field)."""
        event.stop()
        self.action_begin()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The Begin button."""
        self.action_begin()

    def action_begin(self) -> None:
        """Keep the names and go on, or say what is missing."""
        form = self.query_one(PartnerForm)
        problem = form.problem()
        if problem:
            self.query_one("#welcome-problem", Static).update(problem)
            return
        form.apply_to(self.settings)
        self.settings.welcome_seen = True
        self.dismiss(self.settings)
