"""The running session: one step view at a time, the tick that drives the clock, and safe exits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Container
from textual.widgets import Static

from tui.core.events import EndTurnEarly, Event, Finish, RequestTimeOut
from tui.core.timer import TIME_UP, WARNING
from tui.save_words import end_here_question
from tui.screens.confirm import ConfirmScreen
from tui.screens.styled_once import StyledOnceScreen
from tui.screens.time_out import TimeOutScreen
from tui.widgets.countdown import title_face
from tui.widgets.key_footer import KeyFooter
from tui.widgets.partner_text import safe_text, sentence
from tui.widgets.remembered import remembered_text
from tui.widgets.steps import VIEWS, StepView
from tui.widgets.steps.base import StepLook
from tui.widgets.steps.turn import TurnView
from tui.widgets.toasts import hide_empty_toast_rack

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.core.engine import Session
    from tui.session_service import SessionService

TICK_SECONDS = 1.0  # the longest wait between ticks; a running clock ticks on its seconds' boundaries
BOUNDARY_MARGIN = 0.005  # seconds after a boundary, so the tick reads the new second
CHECKPOINT_SECONDS = 15.0  # during a turn
DRAFT_CHECKPOINT_SECONDS = 3.0  # new words being typed are saved this soon
MIN_WIDTH = 50
MIN_HEIGHT = 16


class Terminal(Protocol):
    """What a session does to the terminal itself: the bell, and the window's title."""

    def ring_bell(self, gentle: bool = False) -> None:
        """The bell at time up (the gentle warning stays silent)."""
        ...

    def set_window_title(self, title: str) -> None:
        """Show `title` in the terminal window's title bar."""
        ...


class SessionScreen(StyledOnceScreen[None]):
    """Hosts the current step's view and turns its messages into engine events."""

    BINDINGS = [
        Binding("ctrl+t", "time_out", "Time-out", id="session.time_out", priority=True),
        Binding("t", "time_out", "Time-out", show=False),
        Binding("ctrl+x", "end_here", "End here", id="session.end_here", priority=True),
        Binding("x", "end_here", "End here", show=False),
    ]
    DEFAULT_CSS = """
    SessionScreen #session-header { height: 1; background: $panel; color: $text; padding: 0 1; }
    SessionScreen #too-small { display: none; width: 1fr; height: 1fr; content-align: center middle;
                               text-align: center; }
    SessionScreen.too-small #too-small { display: block; }
    SessionScreen.too-small #step-host { display: none; }
    SessionScreen #step-host { height: 1fr; }
    SessionScreen #session-saving { display: none; height: auto; color: $text-warning;
                                    background: $warning-muted; padding: 0 1; }
    SessionScreen.cannot-save #session-saving { display: block; }
    SessionScreen #session-remember { display: none; height: auto; padding: 0 1; margin-bottom: 1;
                                      color: $text-muted; }
    SessionScreen.remembering #session-remember { display: block; }
    """

    def __init__(self, session: Session, sessions: SessionService, look: StepLook, terminal: Terminal) -> None:
        super().__init__()
        self.session = session
        self.sessions = sessions
        self.look = look
        self.terminal = terminal
        self.view: StepView | None = None
        self._shown_step = -1
        self._last_checkpoint = 0.0
        self._title = ""
        self._shown_saving = False
        self._views_made = 0
        self._checkpointed_draft = session.draft
        self._shown_header = ""
        self._shown_save_line = ""
        self._tick_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Header line, the step host, the too-small message and the footer."""
        yield Static("", id="session-header")
        yield Static("", id="session-saving", markup=False)
        yield Static("", id="session-remember")
        with Container(id="step-host"):  # the first step's view comes with the screen: one layout, one frame
            view = self._new_view()
            if view is not None:
                yield view
        yield Static(
            "Please make the window a little bigger.\nThe timer keeps running.", id="too-small", markup=False
        )

    async def on_mount(self) -> None:
        """The first step's view is there from compose; the footer joins it in the same first frame, then
        the tick starts and the first checkpoint is written."""
        with self.app.batch_update():  # one first frame, footer and all, rather than two
            hide_empty_toast_rack(self)
            if self.view is not None:
                self._view_shown()
            else:
                self._show_step()
            if self.view is not None and self.view.focusable:
                self.set_focus(self.view, scroll_visible=False)  # now: the footer shows the view's keys
            await self.mount(KeyFooter())
            self._check_size()
            self._schedule_tick()
        # after the first frame: the writer's thread would hold the interpreter while that frame is laid out
        self.call_after_refresh(self.sessions.save_checkpoint, self.session)
        if self.session.time_out is not None:  # resumed during a time-out: show it, with its way back
            self._show_time_out()

    def _checkpoint(self, now: float) -> None:
        self._last_checkpoint = now
        self._checkpointed_draft = self.session.draft
        self.sessions.save_checkpoint(self.session)

    def on_unmount(self) -> None:
        """The tick and the countdown in the window title end with this screen."""
        if self._tick_timer is not None:
            self._tick_timer.stop()
            self._tick_timer = None
        self.terminal.set_window_title("Hearthside")

    # -- drawing ---------------------------------------------------------------------------------
    def _show_step(self) -> None:
        runner = self.session.runner
        if runner is None or (self.view is not None and self.view.runner is runner):
            return  # already showing this step (events can arrive before this screen's mount)
        host = self.query_one("#step-host", Container)
        host.remove_children()
        view = self._new_view()
        if view is not None:
            host.mount(view)
        self._view_shown()

    def _new_view(self) -> StepView | None:
        """A view of the current step (kept as `self.view`), or None when no step runs."""
        runner = self.session.runner
        if runner is None:
            return None
        self._views_made += 1
        self.view = VIEWS[runner.step.kind](self.session, self.look, id=f"step-view-{self._views_made}")
        self._shown_step = runner.index
        return self.view

    def _view_shown(self) -> None:
        self.call_after_refresh(self._focus_view)
        self.refresh_header()

    def _show_remembered(self) -> None:
        """Above the first step, when the script asks: one past appreciation, literally (remember when)."""
        session = self.session
        words = remembered_text(session.remembered, session.clock.now().astimezone().date())
        shown = bool(words.plain) and session.step_index == 0
        if shown != self.has_class("remembering"):
            self.query_one("#session-remember", Static).update(words)
            self.set_class(shown, "remembering")

    def _focus_view(self) -> None:
        """Focus the step's view unless focus is already inside it: a modal closing after the step changed
        hands focus back to the view it was opened from, which is gone, and keys would reach nothing."""
        view = self.view
        focused = self.focused
        if view is None or not view.is_attached:
            return
        if focused is None or not focused.is_attached or view not in focused.ancestors_with_self:
            view.focus()

    def on_screen_resume(self) -> None:
        """Back from a modal (a question, a time-out): the clock catches up and keys go to the step."""
        if self.view is not None:
            self.view.refresh_clock()
        self.call_after_refresh(self._focus_view)

    def refresh_header(self) -> None:
        """Script title, step number and whether a save is under way."""
        session = self.session
        total = len(session.script.steps)
        self._shown_saving = self.sessions.saving
        saving = "  -  saving..." if self.sessions.saving else ""
        header = sentence(
            safe_text(session.script.title, "bold"),
            f"  -  step {session.step_index + 1} of {total}{saving}",
        )
        if header.plain != self._shown_header:  # an update re-lays out the screen: only when it changed
            self._shown_header = header.plain
            self.query_one("#session-header", Static).update(header)
        self._show_remembered()
        save_line = self.sessions.session_save_line()
        if save_line != self._shown_save_line:  # a lasting line while saving does not work
            self._shown_save_line = save_line
            self.query_one("#session-saving", Static).update(Text(save_line))
            self.set_class(bool(save_line), "cannot-save")

    def _schedule_tick(self) -> None:
        """The next tick: just after the clock's next second changes, or in TICK_SECONDS when no clock runs.
        The app runs the timer: a message to this screen while a modal covers it makes Textual 8.2.8 repaint
        the whole modal (some 4 KB a second over ssh for as long as "Leave now?" is open)."""
        delay = TICK_SECONDS
        runner = self.session.runner
        countdown = runner.countdown if runner is not None else None
        upcoming = countdown.seconds_to_next_change() if countdown is not None else None
        if upcoming is not None:
            delay = min(delay, upcoming + BOUNDARY_MARGIN)
        self._tick_timer = self.app.set_timer(delay, self._timed_tick, name="session tick")

    def _timed_tick(self) -> None:
        if not self.is_attached:
            return
        self.tick()
        self._schedule_tick()

    def tick(self) -> None:
        """Poll the engine's cues, redraw the clock, keep the title and checkpoints current."""
        session = self.session
        if not session.is_running:
            return
        for cue in session.poll():
            if cue == TIME_UP:
                self.terminal.ring_bell()
            elif cue == WARNING:
                self.terminal.ring_bell(gentle=True)
        if self.view is not None and self.is_active:  # under a modal a redraw repaints the whole screen
            self.view.refresh_clock()
        if self.sessions.saving != self._shown_saving:
            self.refresh_header()
        self._update_window_title()
        now = session.clock.monotonic()
        countdown = session.runner.countdown if session.runner is not None else None
        timed = countdown is not None and countdown.in_progress
        new_words = session.draft != self._checkpointed_draft
        interval = DRAFT_CHECKPOINT_SECONDS if new_words else CHECKPOINT_SECONDS
        if (timed or new_words) and now - self._last_checkpoint >= interval:
            self._checkpoint(now)

    def _update_window_title(self) -> None:
        runner = self.session.runner
        title = "Hearthside"
        if self.session.time_out is not None:
            title = "Time-out - Hearthside"
        elif runner is not None and runner.step.kind == "turns" and runner.phase == "speaking":
            timer = runner.countdown
            face = title_face(timer.display_seconds(), overtime=timer.is_time_up())
            title = f"{face} - {self.look.name(runner.speaker)} - Hearthside"
        if title != self._title:
            self._title = title
            self.terminal.set_window_title(title)

    def on_resize(self) -> None:
        """Below the minimum size, a friendly message; the timer keeps running underneath."""
        self._check_size()

    def _check_size(self) -> None:
        width, height = self.app.size
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "too-small")

    # -- events ----------------------------------------------------------------------------------
    def apply(self, event: Event) -> bool:
        """Hand one event to the engine and redraw whatever changed."""
        session = self.session
        accepted = session.handle(event)
        if not accepted:
            return False
        if session.is_over:
            self.sessions.session_ended(session)
            return True
        if session.step_index != self._shown_step:
            self._show_step()
        elif self.view is not None:
            self.view.refresh_state()
        self._checkpoint(session.clock.monotonic())  # every accepted event: typed words are never lost
        self.refresh_header()
        self._update_window_title()  # at once: the next tick may be a second away
        self.refresh_bindings()
        return True

    def on_step_view_send(self, message: StepView.Send) -> None:
        """A view asks for an engine event."""
        message.stop()
        self.apply(message.event)

    def on_turn_view_end_early_requested(self, message: TurnView.EndEarlyRequested) -> None:
        """Ending a turn early is deliberate: ask first."""
        message.stop()
        runner = self.session.runner
        name = self.look.name(runner.speaker) if runner is not None else ""
        question = sentence("End ", safe_text(name, "bold"), "'s turn now, before the time is up?")
        self.app.push_screen(
            ConfirmScreen(question, yes="End the turn", no="Keep going"),
            lambda yes: self.apply(EndTurnEarly()) if yes else None,
        )

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's live keys, in the order the footer shows them: the step's own first, then the
        session's, then the App's (a focused field would otherwise put ctrl+x before ctrl+t)."""
        declared = {
            node: [binding.key for binding in Binding.make_bindings(node.BINDINGS)] for node in (self, self.app)
        }
        place = {self: 1, self.app: 2}

        def position(item: tuple[str, ActiveBinding]) -> tuple[int, int]:
            key, active = item
            keys = declared.get(active.node, [])
            return place.get(active.node, 0), keys.index(key) if key in keys else 0

        return dict(sorted(super().active_bindings.items(), key=position))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Time-out and ending are live when the session would accept them."""
        if action == "time_out":
            return self.session.allows(RequestTimeOut())
        if action == "end_here":
            return self.session.allows(Finish())
        return True

    def action_time_out(self) -> None:
        """Stop the clock at once, then ask who calls the time-out while it is stopped."""
        if self.apply(RequestTimeOut()):
            self._show_time_out()

    def _show_time_out(self) -> None:
        self.app.push_screen(TimeOutScreen(self.session, self.look), self._time_out_answered)

    def _time_out_answered(self, event: Event | None) -> None:
        """Apply what the time-out screen answered; once a caller is named, show the pause."""
        if event is None or not self.apply(event):
            return
        if self.session.time_out is not None:
            self._show_time_out()

    def action_end_here(self) -> None:
        """End the session on purpose, keeping everything done so far."""
        self.app.push_screen(
            ConfirmScreen(
                Text(end_here_question(self.sessions.cannot_save)),
                yes="End here",
                no="Keep going",
            ),
            lambda yes: self.apply(Finish()) if yes else None,
        )
