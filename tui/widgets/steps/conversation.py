"""Views for the check-in, appreciation rounds and question cards."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tui.core.events import (
    Answer,
    ChooseGentler,
    Continue,
    GiveAppreciation,
    Rate,
    SkipQuestion,
    ToggleFavourite,
)
from tui.core.runners.conversation import DECK_OFF, MAX_TYPED_LENGTH, RATING
from tui.widgets.partner_text import safe_text, sentence
from tui.widgets.steps.base import Move, StepView
from tui.widgets.typing_field import TypingField


def scale_lines(low: str, high: str) -> Text:
    """The 1-5 scale, one number a line, with the step's own words beside 1 and 5 (shown literally)."""
    ends = {1: low, 5: high}
    return Text("\n").join(
        sentence(f"  {value}", safe_text(f"  {ends[value]}") if value in ends else "") for value in range(1, 6)
    )
SCALE_KEYS = Binding.Group("Your answer")  # the footer shows the five keys together, then these words


class CheckinView(StepView, kind="checkin"):
    """Each partner picks 1-5 in turn; a low check-in offers something gentler, without judgement."""

    BINDINGS = [
        *(Binding(str(value), f"rate({value})", str(value), group=SCALE_KEYS) for value in range(1, 6)),
        Binding("enter", "continue", "Carry on", id="checkin.carry_on"),
        Binding("l", "gentler", "Gentler script", id="checkin.gentler", tooltip="Switch to the gentler one"),
    ]
    ACTION_EVENTS = {"rate": Rate, "continue": Continue, "gentler": ChooseGentler}

    def compose(self) -> ComposeResult:
        """Title, the question for the current partner, the scale, the hint."""
        yield self.step_title()
        yield self.step_text()
        yield Static("", id="checkin-question", classes="prompt")
        yield Static("", id="checkin-scale")
        yield Static("", id="checkin-hint", classes="hint")

    def refresh_state(self) -> None:
        """Ask whoever rates now, or make the gentle offer."""
        if not self.live:
            return
        runner = self.runner
        question = self.query_one("#checkin-question", Static)
        scale = self.query_one("#checkin-scale", Static)
        hint = self.query_one("#checkin-hint", Static)
        if runner.phase == RATING:
            rater = runner.rater
            question.update(sentence(self.name_of(rater), "\n", safe_text(runner.step.question)))
            scale.update(scale_lines(runner.step.low, runner.step.high))
            done = [self.name_of(partner) for partner in runner.ratings]
            answered = sentence(done[0], " has answered. ") if done else Text("")
            hint.update(sentence(answered, "Press a number from 1 to 5. There is no right answer."))
        else:
            gentler = self.look.script_title(self.session.context.gentler_script_id)
            question.update(
                Text(
                    "At least one of you answered low today. That is okay, and worth knowing.\n"
                    "A gentler session might suit today better:"
                )
            )
            scale.update(sentence("  ", safe_text(gentler, "bold")))
            hint.update("Enter: carry on with this session   l: switch to the gentler one")
        super().refresh_state()

    def action_rate(self, value: int) -> None:
        """The current partner's rating."""
        self.send_action("rate", value)

    def action_continue(self) -> None:
        """Carry on with this script."""
        self.send_action("continue")

    def action_gentler(self) -> None:
        """Switch to the gentler script."""
        self.send_action("gentler")

    def next_move(self, words: str) -> Move:
        """A walk rates a 4 (some energy, not low), and carries on after a low check-in."""
        return Move(("4",)) if self.allows(Rate(4)) else super().next_move(words)


class AppreciationView(StepView, kind="appreciation"):
    """Alternating appreciations with a sentence starter; typing is optional and kept if the script says."""

    BINDINGS = [Binding("enter", "give", "Given", id="appreciation.given")]
    ACTION_EVENTS = {"give": GiveAppreciation}
    _field_turn = -1  # which appreciation (its place in the round) the typing line is open for

    def compose(self) -> ComposeResult:
        """Who appreciates whom, the starter, an optional typed line, the count."""
        yield self.step_title()
        yield self.step_text()
        yield Static("", id="appreciation-who", classes="prompt")
        yield Static("", id="appreciation-starter", classes="prompt")
        if self.runner.step.save:
            yield TypingField(
                placeholder="Say it aloud. Type it too if you would like to keep it.",
                max_length=MAX_TYPED_LENGTH,
                id="appreciation-input",
            )
        yield Static("", id="appreciation-count", classes="hint")

    def refresh_state(self) -> None:
        """Show the current giver, receiver, starter and progress."""
        if not self.live or self.runner.done:
            return
        runner = self.runner
        self.query_one("#appreciation-who", Static).update(
            sentence(
                self.name_of(runner.giver),
                ", tell ",
                self.name_of(runner.receiver),
                " something you appreciate.",
            )
        )
        self.query_one("#appreciation-starter", Static).update(safe_text(f'"{runner.starter}"', "italic"))
        if runner.step.save:
            entry = self.query_one("#appreciation-input", TypingField)
            if self._field_turn != runner.given:  # a new giver starts from their own draft (blank, or restored)
                self._field_turn = runner.given
                entry.open_for(runner.giver, self.session.draft)
            entry.focus()  # the cursor waits in the typing line
        self.query_one("#appreciation-count", Static).update(
            f"Appreciation {runner.given + 1} of {runner.total}.  Enter when it has been said."
        )
        super().refresh_state()

    def on_input_submitted(self, event: TypingField.Submitted) -> None:
        """Enter in the typing line gives the appreciation."""
        event.stop()
        self.action_give()

    def action_give(self) -> None:
        """The appreciation was given: with the typing line's words, as its giver's, wherever the focus is."""
        if not self.runner.step.save:
            self.send(GiveAppreciation("", by=self.runner.giver))
            return
        entry = self.query_one("#appreciation-input", TypingField)
        self.send(GiveAppreciation(entry.value, by=entry.author))

    def next_move(self, words: str) -> Move:
        """A walk types the first appreciation of a saved round and only speaks the others."""
        if self.runner.given == 0 and self.runner.step.save:
            return super().next_move(words)
        return Move(("enter",))


class QuestionsView(StepView, kind="questions"):
    """One question card at a time: who answers, then next, skip, or keep it as a favourite."""

    BINDINGS = [
        Binding("enter", "answered", "Answered", id="questions.answered"),
        Binding("s", "skip", "Skip", id="questions.skip"),
        Binding("f", "favourite", "Favourite", id="questions.favourite", tooltip="Keep as favourite"),
        Binding("enter", "continue", "Continue", id="questions.continue"),  # past a deck turned off
    ]
    ACTION_EVENTS = {
        "answered": Answer,
        "skip": SkipQuestion,
        "favourite": ToggleFavourite,
        "continue": Continue,
    }
    DEFAULT_CSS = """
    QuestionsView #question-card { border: round $accent; padding: 1 2; height: auto; margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        """Progress, the card, who answers, the hint."""
        yield self.step_title()
        yield self.step_text()
        yield Static("", id="question-progress", classes="hint")
        yield Static("", id="question-card")
        yield Static("", id="question-who", classes="prompt")
        yield Static(
            "Enter: answered   s: skip this one   f: keep it as a favourite", id="question-keys", classes="hint"
        )

    def refresh_state(self) -> None:
        """The card, its number and who answers it; or, for a deck that is turned off, a kind word."""
        if not self.live or self.runner.done:
            return
        runner = self.runner
        if runner.phase == DECK_OFF:
            self.show_deck_off()
            super().refresh_state()
            return
        kept = "  (kept as a favourite)" if runner.is_favourite else ""
        self.query_one("#question-progress", Static).update(
            f"Question {runner.card_index + 1} of {len(runner.cards)}{kept}"
        )
        self.query_one("#question-card", Static).update(safe_text(runner.card, "bold"))
        answerers = runner.answerers
        if len(answerers) == 2:
            first, second = answerers
            if runner.answerer == first:
                who = sentence(self.name_of(first), " answers first, then ", self.name_of(second), ".")
            else:
                who = sentence("Now ", self.name_of(second), " answers.")
        else:
            who = sentence(self.name_of(runner.answerer), " answers this one.")
        self.query_one("#question-who", Static).update(who)
        super().refresh_state()

    def show_deck_off(self) -> None:
        """Say that these cards are from a deck the couple has not turned on, and how to turn it on."""
        deck = self.runner.deck_title
        named = sentence("These cards would come from ", safe_text(deck, "bold"), ", ") if deck else Text(
            "These cards would come from "
        )
        self.query_one("#question-progress", Static).update("")
        self.query_one("#question-card", Static).update(
            sentence(
                named,
                "a deck that stays off until you choose it. ",
                "You can turn it on in Settings, whenever you both like.",
            )
        )
        self.query_one("#question-who", Static).update("The rest of the session goes on as planned.")
        self.query_one("#question-keys", Static).update("Enter: go on to the next step")

    def action_continue(self) -> None:
        """Go past a deck that is turned off."""
        self.send_action("continue")

    def action_answered(self) -> None:
        """The current partner has answered aloud."""
        self.send(Answer("", by=self.runner.author))

    def action_skip(self) -> None:
        """Put this card aside."""
        self.send_action("skip")

    def action_favourite(self) -> None:
        """Keep (or stop keeping) this card."""
        self.send_action("favourite")
