"""What every step view shares: the session it shows, the partners' look, and sending events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static

from tui.core.events import Event
from tui.core.script_model import PartnerId
from tui.widgets.partner_text import PartnerLook, literal, partner_name
from tui.widgets.typing_field import TypingField

if TYPE_CHECKING:
    from tui.core.engine import Session


class StepView(VerticalScroll, can_focus=True):
    """Shows one step; key presses become `StepView.Send` messages carrying engine events."""

    DEFAULT_CSS = """
    StepView { height: 1fr; padding: 0 1; }
    StepView .step-title { text-style: bold; margin-bottom: 1; }
    StepView .prompt { margin-bottom: 1; }
    StepView .hint { color: $text-muted; margin-top: 1; }
    StepView .guide { border: round $panel-lighten-2; padding: 0 1; height: auto; }
    """

    class Send(Message):
        """Ask the session screen to apply an engine event."""

        def __init__(self, event: Event) -> None:
            super().__init__()
            self.event = event

    def __init__(self, session: Session, look: PartnerLook, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.look = look
        self.ready = False
        self._runner = session.runner

    def on_mount(self) -> None:
        """Draw the first state once the children exist (`is_mounted` is not yet true here)."""
        self.ready = True
        if self.screen.focused is None:  # take the keys at once, so none is lost between two steps
            self.focus()
        self.refresh_state()
        self.refresh_clock()

    @property
    def runner(self) -> Any:
        """The engine's runner for the step this view was made for."""
        return self._runner

    @property
    def live(self) -> bool:
        """Whether this view is drawn and its step is still the session's current one."""
        return self.ready and self.session.runner is self._runner and self.session.is_running

    def on_input_changed(self, event: Input.Changed) -> None:
        """Every keystroke's draft goes to the session as its author's, so a checkpoint or a dropped link keeps it."""
        field = event.input
        if self.live and isinstance(field, TypingField) and field.author is not None:
            self.session.set_draft(event.value, by=field.author)

    def send(self, event: Event) -> None:
        """Post an engine event to the session screen."""
        self.post_message(self.Send(event))

    def name_of(self, partner: PartnerId) -> Text:
        """A partner's name in their colour."""
        return partner_name(self.look, partner)

    def step_title(self) -> Static:
        """The step's title line."""
        return Static(literal(self.runner.step.title), classes="step-title")

    def refresh_state(self) -> None:
        """Redraw from the engine's state (after every accepted event)."""
        self.refresh_bindings()

    def refresh_clock(self) -> None:
        """Redraw what depends on time (called a few times a second; cheap when nothing changed)."""
