"""The protected turn: whose floor it is, a large countdown, the guides, and the reflection."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Static

from tui.core.events import Continue, EndTurnEarly, NoMore, NotQuite, ReflectionConfirmed, ThereIsMore
from tui.core.runners.turns import GOING_ON, MORE, READY, REFLECT, SPEAKING, TurnsRunner
from tui.core.wording import duration_in_words
from tui.widgets.banner import TurnBanner
from tui.widgets.countdown import Countdown, clock_face
from tui.widgets.partner_text import safe_text, sentence
from tui.widgets.steps.base import Move, StepView
from tui.widgets.turn_progress import TurnProgress

DEFAULT_SPEAKER_GUIDE = "Speak from your own experience: I feel..., I need..."
# The listener's default guide promises only what the step's `reflect` will really ask of them. What a
# listener does (PRODUCT.md): listens without interrupting, takes in rather than rebuts, gives no unasked
# advice; said as an invitation, not an order.
LISTENER_WAY = "Listen to understand, without interrupting. There is no need to advise or defend."
DEFAULT_LISTENER_GUIDES = {
    "none": f"{LISTENER_WAY} Your own turn will come.",
    "paraphrase": f"{LISTENER_WAY} Afterwards you say back what you heard, in your own words.",
    "mirror": f"{LISTENER_WAY} Afterwards you mirror it back and ask: is there more?",
}
FLOOR_PHASES = (READY, SPEAKING, GOING_ON)  # the phases in which the speaker holds the floor


def default_listener_guide(reflect: str) -> str:
    """The listener's guide when the script gives none, matching what follows the turn."""
    return DEFAULT_LISTENER_GUIDES.get(reflect, DEFAULT_LISTENER_GUIDES["none"])


def turn_count_words(runner: TurnsRunner) -> str:
    """Where this step has got to, in the words we use: "piece 2 of 3" when one partner holds the floor for
    several pieces, "turn 1 of 2" when the two take turns (", round 2 of 3" with more rounds), "" for one."""
    total = runner.total_turns
    number = min(runner.turn_index + 1, total)
    if total <= 1:
        return ""
    if runner.step.speakers != "both":
        return f"piece {number} of {total}"
    rounds = runner.step.rounds
    if rounds <= 1:
        return f"turn {number} of {total}"
    return f"turn {number} of {total}, round {min(runner.round_number, rounds)} of {rounds}"


class TurnView(StepView, kind="turns"):
    """Renders a turns step in every phase; accidental keys change nothing."""

    BINDINGS = [
        Binding("enter", "continue", "Continue", id="turn.continue"),
        Binding("e", "end_early", "End turn", id="turn.end_early", tooltip="End turn early"),
        Binding("g", "got_it", "Got it", id="turn.got_it"),
        Binding("n", "not_quite", "Not quite", id="turn.not_quite"),
        Binding("m", "more", "There is more", id="turn.more"),
        Binding("d", "no_more", "That's all", id="turn.no_more"),
    ]
    ACTION_EVENTS = {
        "continue": Continue,
        "end_early": EndTurnEarly,  # the session screen asks first, then sends it
        "got_it": ReflectionConfirmed,
        "not_quite": NotQuite,
        "more": ThereIsMore,
        "no_more": NoMore,
    }
    DEFAULT_CSS = """
    TurnView #turn-meta { color: $text-muted; height: auto; }
    TurnView #turn-clock-row { height: auto; align-horizontal: center; }
    TurnView #turn-status { text-align: center; height: auto; margin: 0 0 1 0; }
    TurnView.warning #turn-status { text-style: bold; color: $warning; }
    TurnView.time-up #turn-status { text-style: bold reverse; color: $error; }
    TurnView #guides { height: auto; }
    TurnView #guides .guide { width: 1fr; }
    """

    class EndEarlyRequested(Message):
        """The speaker wants to end the turn early; the session screen confirms first."""

    _shown_status = ""
    _shown_time_up = False

    def compose(self) -> ComposeResult:
        """Banner, meta line, countdown, progress, status, guides."""
        yield TurnBanner(id="turn-banner")
        yield Static("", id="turn-meta", markup=False)
        with Vertical(id="turn-clock-row"):
            yield Countdown(self.look.unicode_ok, id="turn-clock")
        yield TurnProgress(self.look.unicode_ok, id="turn-progress")
        yield Static("", id="turn-status")
        with Horizontal(id="guides"):
            yield Static("", id="speaker-guide", classes="guide")
            yield Static("", id="listener-guide", classes="guide")
        yield self.step_text()

    # -- drawing ---------------------------------------------------------------------------------
    def refresh_state(self) -> None:
        """Banner, guides and words for the current phase."""
        if not self.live:
            return
        runner = self.runner
        step = runner.step
        speaker, listener = runner.speaker, runner.listener
        self._draw_banner()
        count = turn_count_words(runner)
        meta = f"{step.title}  -  {count}" if count else step.title
        if step.topic and runner.phase in (READY, SPEAKING):
            meta += f"\n{step.topic}"
        self.query_one("#turn-meta", Static).update(meta)
        self.query_one("#speaker-guide", Static).update(
            sentence(self.name_of(speaker), " speaks\n", safe_text(step.speaker_guide or DEFAULT_SPEAKER_GUIDE))
        )
        self.query_one("#listener-guide", Static).update(
            sentence(
                self.name_of(listener),
                " listens\n",
                safe_text(step.listener_guide or default_listener_guide(step.reflect)),
            )
        )
        self.query_one("#guides").display = runner.phase in FLOOR_PHASES
        self.query_one(".step-text").display = runner.phase in FLOOR_PHASES and bool(step.text.strip())
        self.query_one("#turn-clock-row").display = runner.phase in (READY, SPEAKING)
        self.query_one("#turn-progress").display = runner.phase in (READY, SPEAKING)
        self.refresh_clock(force=True)
        super().refresh_state()

    def refresh_clock(self, force: bool = False) -> None:
        """The countdown, the progress bar, the cue classes and the status line."""
        if not self.live:
            return
        runner = self.runner
        timer = runner.countdown
        phase = runner.phase
        time_up = phase == SPEAKING and timer.is_time_up()
        self.set_class(phase == SPEAKING and timer.in_warning(), "warning")
        self.set_class(time_up, "time-up")
        face = clock_face(timer.display_seconds(), overtime=time_up)
        status = self._status_text(phase, time_up)
        self.query_one("#turn-clock", Countdown).show(face, "overtime" if time_up else "")
        fraction = min(timer.elapsed_seconds(), timer.duration_seconds) / timer.duration_seconds
        self.query_one("#turn-progress", TurnProgress).show(fraction)
        if force or status.plain != self._shown_status:
            self._shown_status = status.plain
            self.query_one("#turn-status", Static).update(status)
        if time_up != self._shown_time_up:
            self._shown_time_up = time_up
            self._draw_banner()
            self.refresh_bindings()

    def _draw_banner(self) -> None:
        """Whose floor it is (doubled once the time is up), or who is asked what while reflecting."""
        runner = self.runner
        speaker, listener = runner.speaker, runner.listener
        banner = self.query_one("#turn-banner", TurnBanner)
        border = self.look.border_colour(speaker)
        if runner.phase == REFLECT:
            banner.show_asking(self.look, listener, ", say back what you heard", border)
        elif runner.phase == MORE:
            banner.show_asking(self.look, speaker, ", is there more?", border)
        elif runner.phase == GOING_ON:
            banner.show_asking(self.look, speaker, ", go on", border)
        else:
            time_up = runner.phase == SPEAKING and runner.countdown.is_time_up()
            banner.show_turn(self.look, speaker, border, time_up=time_up)

    def _status_text(self, phase: str, time_up: bool) -> Text:
        runner = self.runner
        speaker, listener = self.name_of(runner.speaker), self.name_of(runner.listener)
        length = duration_in_words(runner.step.turn_seconds)
        if phase == READY:
            return sentence("Press Enter to start ", speaker, f"'s {length}.")
        if phase == SPEAKING:
            if time_up:
                return sentence(
                    "Time is up. ", speaker, ", finish your thought. Press Enter when you are ready."
                )
            if runner.countdown.in_warning():
                return Text("Almost time: begin to round off.")
            return sentence("The floor is ", speaker, "'s. ", listener, " only listens.")
        if phase == REFLECT:
            retries = runner.reflection_attempts
            intro = "Try again: " if retries else ""
            mirror = runner.step.reflect == "mirror"
            ask = ' Then ask: "Did I get that?"' if mirror else ""
            return sentence(
                intro,
                listener,
                ", say back in your own words what ",
                speaker,
                " said.",
                ask,
                "\n",
                speaker,
                ": did ",
                listener,
                " get it?  g = got it, n = not quite",
            )
        if phase == MORE:
            return sentence(speaker, ": is there more?  m = there is more, d = that's all")
        if phase == GOING_ON:
            return sentence(
                speaker,
                ", say the rest. ",
                listener,
                " only listens.\nPress Enter when ",
                speaker,
                " has said it; then ",
                listener,
                " mirrors it back.",
            )
        return Text("")

    # -- actions ---------------------------------------------------------------------------------
    def action_continue(self) -> None:
        """Start the turn, or move on after the time is up (before that, Enter does nothing)."""
        self.send_action("continue")

    def action_end_early(self) -> None:
        """Ask the session screen to confirm ending the turn early."""
        self.post_message(self.EndEarlyRequested())

    def action_got_it(self) -> None:
        """The speaker confirms the reflection."""
        self.send_action("got_it")

    def action_not_quite(self) -> None:
        """The listener tries again."""
        self.send_action("not_quite")

    def action_more(self) -> None:
        """The speaker has more to say."""
        self.send_action("more")

    def action_no_more(self) -> None:
        """The speaker has said it all."""
        self.send_action("no_more")

    def next_move(self, words: str) -> Move:
        """A walk lets each turn's time run out before Enter, and says "that's all" when asked for more."""
        runner = self.runner
        if runner.phase == SPEAKING and not runner.countdown.is_time_up():
            return Move(("enter",), wait_seconds=runner.countdown.remaining_seconds())
        if runner.phase == MORE:
            return Move(("d",))
        return super().next_move(words)
