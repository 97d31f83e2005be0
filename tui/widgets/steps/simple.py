"""Views for a note (words, maybe a gentle timer) and for the closing summary."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tui.core.events import Continue
from tui.core.script_model import other
from tui.core.wording import duration_in_words
from tui.widgets.countdown import Countdown, clock_face
from tui.widgets.partner_text import safe_text, sentence
from tui.widgets.steps.base import StepView


class NoteView(StepView, kind="note"):
    """A note to read together; Enter moves on whenever you are ready."""

    BINDINGS = [Binding("enter", "continue", "Continue", id="note.continue")]
    ACTION_EVENTS = {"continue": Continue}

    def compose(self) -> ComposeResult:
        """Title, the words, an optional gentle timer, and the hint."""
        yield self.step_title()
        yield self.step_text()
        if self.runner.countdown is not None:
            yield Countdown(self.look.unicode_ok, id="note-clock")
        yield Static("Enter: continue when you are both ready", classes="hint")

    def refresh_clock(self) -> None:
        """The gentle timer, if the note has one; at zero it just rests."""
        timer = self.runner.countdown
        if timer is None or not self.live:
            return
        done = timer.is_time_up()
        face = clock_face(0 if done else timer.display_seconds(), overtime=False)
        self.query_one("#note-clock", Countdown).show(face, "time is up - no hurry" if done else "")

    def action_continue(self) -> None:
        """Move on."""
        self.send_action("continue")


def time_in_words(seconds: float) -> str:
    """ "12 minutes" or "40 seconds" for the summary's sentences: whole minutes from one minute up."""
    return duration_in_words(seconds, rough=True)


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st..."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class CloseView(StepView, kind="close"):
    """What the couple did together, a total that only grows, and an optional closing ritual."""

    BINDINGS = [Binding("enter", "continue", "Finish", id="close.finish")]
    ACTION_EVENTS = {"continue": Continue}

    def compose(self) -> ComposeResult:
        """The summary lines."""
        yield self.step_title()
        yield Static(self.summary(), id="close-summary")
        ritual = self.runner.step.ritual or ""
        if ritual:
            yield Static(sentence("To close: ", safe_text(ritual, "italic")), classes="prompt")
        yield self.step_text()
        yield Static("Enter: finish and keep this session in your history", classes="hint")

    def summary(self) -> Text:
        """The closing summary, counted from the engine's log."""
        session = self.session
        log = session.log
        spoken = session.speaking_seconds()
        number = self.look.sessions_together + 1
        lines = [
            sentence("This is your ", Text(ordinal(number), style="bold"), " session together."),
            sentence("Time together: ", time_in_words(session.elapsed_seconds())),
        ]
        if log.turns:
            lines.append(
                sentence(
                    "Speaking time: ",
                    self.name_of("a"),
                    f" {time_in_words(spoken['a'])}, ",
                    self.name_of("b"),
                    f" {time_in_words(spoken['b'])}",
                )
            )
        if log.appreciations:
            lines.append(Text(f"Appreciations given: {len(log.appreciations)}"))
            for given in log.appreciations:
                if given.get("text"):
                    lines.append(
                        sentence(
                            "  ",
                            self.name_of(given["from"]),
                            " to ",
                            self.name_of(given["to"]),
                            ": ",
                            safe_text(given["text"], "italic"),
                        )
                    )
        if log.follow_ups:
            lines.append(Text(f"Things to carry forward: {len(log.follow_ups)}"))
            lines.extend(sentence("  ", self.follow_up_words(item)) for item in log.follow_ups)
        kept = sum(1 for review in log.reviews if review["status"] == "kept")
        if kept:
            lines.append(Text(f"Earlier promises kept: {kept}"))
        lines.append(Text("Thank you for making this time for each other.", style="italic"))
        return Text("\n").join(lines)

    def follow_up_words(self, item: dict[str, str]) -> Text:
        """ "A promise from Maya to Jonah: I will..." (or "from both of you"), with the words as typed."""
        kind = item.get("kind", "")
        article = {"promise": "A promise", "request": "A request", "wish": "A wish"}.get(kind, "Something")
        owner = item.get("owner", "")
        if owner in ("a", "b"):
            whose = sentence(" from ", self.name_of(owner), " to ", self.name_of(other(owner)))  # type: ignore[arg-type]
        else:
            whose = Text(" from both of you")
        return sentence(article, whose, ": ", safe_text(item.get("text", ""), "italic"))

    def action_continue(self) -> None:
        """Finish the session."""
        self.send_action("continue")
