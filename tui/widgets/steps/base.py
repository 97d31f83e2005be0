"""What every step view shares: the session it shows, the partners' look, and sending events."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from rich.text import Text
from textual import events
from textual.actions import parse as parse_action
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static

from tui.core.events import Event
from tui.core.frozen import frozen
from tui.core.script_model import PartnerId
from tui.core.step_kinds import KindRegistry
from tui.widgets.partner_text import PartnerLook, partner_name, safe_text
from tui.widgets.typing_field import TypingField

if TYPE_CHECKING:
    from tui.core.engine import Session


class StepLook(PartnerLook, Protocol):
    """What a step view needs besides names and colours: border colours, whether Unicode draws,
    script titles and how many sessions came before (the App provides it)."""

    @property
    def unicode_ok(self) -> bool:
        """Whether the terminal can draw box characters and symbols."""
        ...

    @property
    def sessions_together(self) -> int:
        """Sessions finished before the current one."""
        ...

    def border_colour(self, partner: PartnerId) -> str:
        """A partner's colour for CSS borders."""
        ...

    def script_title(self, script_id: str) -> str:
        """A script's title, or its id when it is no longer in the library."""
        ...


@frozen
class Move:
    """One deliberate move through a step, as a couple would make it: let the clock run, then press keys.

    The walks in the tests and the screenshots take these moves, so they need no table of step kinds.
    """

    keys: tuple[str, ...]
    wait_seconds: float = 0.0


def typing(text: str) -> tuple[str, ...]:
    """The key presses that type `text` into a field."""
    return tuple("space" if char == " " else char for char in text)


class StepView(VerticalScroll, can_focus=True):
    """Shows one step; key presses become `StepView.Send` messages carrying engine events.

    A subclass names the kind it shows (`class NoteView(StepView, kind="note")`), which puts it in
    `VIEWS`. `ACTION_EVENTS` says which engine event each of its actions sends; whether that action is
    live now (and so shown in the footer and the palette) is the session's answer to `allows()`.
    """

    ACTION_EVENTS: ClassVar[dict[str, Callable[..., Event]]] = {}

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

    def __init_subclass__(cls, kind: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if kind is not None:
            VIEWS.register(kind, cls)

    def __init__(self, session: Session, look: StepLook, **kwargs: Any) -> None:
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

    def on_key(self, event: events.Key) -> None:
        """A letter typed while this step's field is open but the focus is elsewhere (after Tab) is part
        of the words: it goes into the field, never to a one-letter key such as "x" (end here)."""
        if not event.is_printable or event.character is None:
            return
        field = next((f for f in self.query(TypingField) if f.display and not f.has_focus), None)
        if field is None:
            return
        event.stop()
        event.prevent_default()
        field.focus()
        field.insert_text_at_cursor(event.character)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Every keystroke's draft goes to the session as its author's, so a checkpoint or a dropped link keeps it."""
        field = event.input
        if self.live and isinstance(field, TypingField) and field.author is not None:
            self.session.set_draft(event.value, by=field.author)

    def send(self, event: Event) -> None:
        """Post an engine event to the session screen."""
        self.post_message(self.Send(event))

    def event_for(self, action: str, parameters: tuple[object, ...] = ()) -> Event | None:
        """The engine event an action sends, or None for an action that only changes this view."""
        make = self.ACTION_EVENTS.get(action)
        return make(*parameters) if make is not None else None

    def send_action(self, action: str, *parameters: object) -> None:
        """Send the engine event that `action` stands for."""
        event = self.event_for(action, parameters)
        if event is not None:
            self.send(event)

    def allows(self, event: Event) -> bool:
        """Whether the session accepts `event` now, for the step this view shows."""
        return self.session.runner is self._runner and self.session.allows(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An action that sends an engine event is live exactly when the session would accept it."""
        event = self.event_for(action, parameters)
        return True if event is None else self.allows(event)

    def next_move(self, words: str) -> Move:
        """The move a couple would make now: type `words` into a field that waits for them, or else
        press the first key that is live."""
        focused = self.screen.focused
        if isinstance(focused, Input) and focused.display and self in focused.ancestors:
            return Move((*typing(words), "enter"))
        for binding in type(self).BINDINGS:
            if not isinstance(binding, Binding):
                continue
            _, action, parameters = parse_action(binding.action)
            if self.check_action(action, parameters):
                return Move((binding.key.split(",")[0],))
        raise RuntimeError(f"{type(self).__name__} has no live key in the phase {self.runner.phase!r}")

    def name_of(self, partner: PartnerId) -> Text:
        """A partner's name in their colour."""
        return partner_name(self.look, partner)

    def step_title(self) -> Static:
        """The step's title line."""
        return Static(safe_text(self.runner.step.title), classes="step-title")

    def step_text(self) -> Static:
        """The script's own words for this step (its `text`), hidden when it has none."""
        words = self.runner.step.text.strip()
        shown = Static(safe_text(words), classes="prompt step-text")
        shown.display = bool(words)
        return shown

    def refresh_state(self) -> None:
        """Redraw from the engine's state (after every accepted event)."""
        self.refresh_bindings()

    def refresh_clock(self) -> None:
        """Redraw what depends on time (called a few times a second; cheap when nothing changed)."""


VIEWS: KindRegistry[StepView] = KindRegistry("view")
