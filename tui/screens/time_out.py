"""The time-out: who calls it, then a calm pause that shows who called it and for how long."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.events import CallTimeOut, CancelTimeOut, Event, Resume
from tui.widgets.countdown import clock_face
from tui.widgets.key_footer import KeyFooter
from tui.widgets.partner_text import PartnerLook, partner_name, sentence

if TYPE_CHECKING:
    from tui.core.engine import Session


WHO_CALLS = Binding.Group("Who calls it")  # the footer shows 1 and 2 together, then these words


class TimeOutScreen(ModalScreen[Event | None]):
    """Asks who calls the time-out (1 or 2) while the clock is already stopped, or shows the pause.

    It changes nothing itself: it dismisses with the event its parent should apply (the caller named,
    the request cancelled, or resuming).
    """

    BINDINGS = [
        Binding("1", "call('a')", "First partner", group=WHO_CALLS),
        Binding("2", "call('b')", "Second partner", group=WHO_CALLS),
        Binding("c", "cancel", "Cancel", id="time_out.cancel"),
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("enter", "resume", "Resume", id="time_out.resume"),
        Binding("r", "resume", "Resume", show=False),
    ]
    DEFAULT_CSS = """
    TimeOutScreen { align: center middle; }
    TimeOutScreen #time-out-box { width: 64; max-width: 95%; height: auto; border: thick $warning;
                                  background: $surface; padding: 1 2; }
    TimeOutScreen #time-out-length { text-style: bold; margin-top: 1; }
    """

    def __init__(self, session: Session, look: PartnerLook) -> None:
        super().__init__()
        self.session = session
        self.look = look
        self._shown_length = "-"

    def compose(self) -> ComposeResult:
        """The question, then the pause's words and its length."""
        with Vertical(id="time-out-box"):
            yield Static("", id="time-out-words")
            yield Static("", id="time-out-length")
            yield Static("", id="time-out-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Ask who calls it; keep the length of the pause current."""
        self._draw()
        self.set_interval(0.5, self._draw_length)

    @property
    def called(self) -> bool:
        """Whether someone has been named as calling the time-out."""
        return self.session.time_out is not None and self.session.time_out.by is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Naming or cancelling while the caller is asked, resuming during; as the session allows."""
        event = self._event_for(action, parameters)
        return True if event is None else self.session.allows(event)

    @staticmethod
    def _event_for(action: str, parameters: tuple[object, ...]) -> Event | None:
        if action == "call":
            return CallTimeOut(parameters[0])  # type: ignore[arg-type]
        if action == "cancel":
            return CancelTimeOut()
        if action == "resume":
            return Resume()
        return None

    def _draw(self) -> None:
        words = self.query_one("#time-out-words", Static)
        hint = self.query_one("#time-out-hint", Static)
        if not self.called:
            words.update(
                sentence(
                    "Who is calling the time-out?\n\n  1  ",
                    partner_name(self.look, "a"),
                    "\n  2  ",
                    partner_name(self.look, "b"),
                )
            )
            hint.update("c: cancel")
        else:
            by = self.session.time_out.by  # type: ignore[union-attr]
            words.update(
                sentence(
                    Text("Time-out", style="bold"),
                    " called by ",
                    partner_name(self.look, by),
                    ".\nThe clock is stopped. Take a breath; nobody needs to say anything.",
                )
            )
            hint.update("Enter: resume the same turn when you are both ready")
        self._draw_length()
        self.refresh_bindings()

    def _draw_length(self) -> None:
        shown = ""
        if self.called:
            shown = f"Paused for {clock_face(int(self.session.time_out_seconds()), overtime=False)}"
        if shown != self._shown_length:  # redraw once a second at most, not on every check
            self._shown_length = shown
            self.query_one("#time-out-length", Static).update(shown)

    def action_call(self, partner: str) -> None:
        """Name who calls the time-out."""
        self.dismiss(CallTimeOut(partner))  # type: ignore[arg-type]

    def action_cancel(self) -> None:
        """Nobody called it after all: the clock goes on with the time it had."""
        self.dismiss(CancelTimeOut())

    def action_resume(self) -> None:
        """End the time-out and go back to the same turn."""
        self.dismiss(Resume())
