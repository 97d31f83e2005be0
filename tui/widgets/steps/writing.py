"""Views for a private reveal, capturing a follow-up, and reviewing earlier follow-ups."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from tui.core.events import Answer, CaptureFollowUp, Continue, ReviewDecision, SkipCapture, UndoReview
from tui.core.runners.conversation import MAX_TYPED_LENGTH
from tui.core.runners.writing import HANDOVER, NOTHING_TO_REVIEW, REVEALED, REVIEWED, WRITING
from tui.core.script_model import other
from tui.widgets.follow_up_card import (
    DECISION_HINT,
    KIND_WORDS,
    FollowUpCard,
    decision_bindings,
    decision_notice,
)
from tui.widgets.partner_text import safe_text, sentence
from tui.widgets.steps.base import Move, StepView, typing
from tui.widgets.typing_field import TypingField


class RevealView(StepView, kind="reveal"):
    """A writes while B looks away (masked), a hand-over, B writes, then both answers side by side."""

    BINDINGS = [
        Binding("enter", "continue", "Continue", id="reveal.continue"),
        Binding("enter", "hand_in", "Hand in", show=False),
        Binding("ctrl+s", "show_words", "Show my words", id="reveal.show_words"),
        Binding("ctrl+s", "hide_words", "Hide my words", id="reveal.hide_words"),
    ]
    ACTION_EVENTS = {"continue": Continue, "hand_in": Answer}
    _shown_writer = ""
    DEFAULT_CSS = """
    RevealView #reveal-answers { height: auto; }
    RevealView .reveal-answer { width: 1fr; border: round $accent; padding: 0 1; height: auto; }
    """

    def compose(self) -> ComposeResult:
        """Prompt, instructions, the masked input and the reveal area."""
        yield self.step_title()
        yield self.step_text()
        yield Static(safe_text(self.runner.step.prompt, "bold"), classes="prompt")
        yield Static("", id="reveal-who", classes="prompt")
        yield TypingField(masked=True, max_length=MAX_TYPED_LENGTH, id="reveal-input", placeholder="Write here")
        with Horizontal(id="reveal-answers"):
            yield Static("", id="reveal-a", classes="reveal-answer")
            yield Static("", id="reveal-b", classes="reveal-answer")
        yield Static("", id="reveal-hint", classes="hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Showing the writer's own words is the view's alone (one key, named for what it will do);
        every other key is live when the session accepts its event."""
        if action in ("show_words", "hide_words"):
            shown = self.ready and self.query_one("#reveal-input", TypingField).words_shown
            return self.allows(Answer()) and shown == (action == "hide_words")
        return super().check_action(action, parameters)

    def refresh_state(self) -> None:
        """Instructions for the phase; answers appear only when both are written."""
        if not self.live or self.runner.done:
            return
        runner = self.runner
        phase = runner.phase
        writer = runner.writer
        entry = self.query_one("#reveal-input", TypingField)
        who = self.query_one("#reveal-who", Static)
        hint = self.query_one("#reveal-hint", Static)
        entry.display = phase == WRITING
        self.query_one("#reveal-answers").display = phase == REVEALED
        if phase == WRITING:
            who.update(
                sentence(
                    self.name_of(writer), " writes.  ", self.name_of(other(writer)), ", please look away."
                )
            )
            hint.update(
                "The words stay hidden until you have both written.  ctrl+s: show or hide your words.  "
                "Enter when done."
            )
            if self._shown_writer != writer:  # a new writer starts from their own draft (blank, or restored)
                self._shown_writer = writer
                entry.open_for(writer, self.session.draft)
            entry.focus()
        else:  # nobody writes: the field forgets the words and masks again before anyone else looks
            self._shown_writer = ""
            entry.open_for(None, "")
        if phase == HANDOVER:
            who.update(
                sentence(
                    "Thank you. Now hand over to ",
                    self.name_of(writer),
                    ".  ",
                    self.name_of(other(writer)),
                    ", please look away.",
                )
            )
            hint.update(sentence(self.name_of(writer), ": press Enter when you are ready to write."))
            self.focus()
        elif phase == REVEALED:
            who.update("Here is what you both wrote.")
            for partner in ("a", "b"):
                self.query_one(f"#reveal-{partner}", Static).update(
                    sentence(
                        self.name_of(partner), "\n", safe_text(runner.answers.get(partner, "") or "(nothing)")
                    )
                )
            hint.update("Take a moment with these together.  Enter: continue")
            self.focus()
        super().refresh_state()

    def on_input_submitted(self, event: TypingField.Submitted) -> None:
        """Enter in the masked input hands in this partner's answer."""
        event.stop()
        self.action_hand_in()

    def action_hand_in(self) -> None:
        """The field's words, as the answer of the writer it was opened for, wherever the focus is."""
        entry = self.query_one("#reveal-input", TypingField)
        self.send(Answer(entry.value, by=entry.author))

    def action_show_words(self) -> None:
        """Show the masked words to their writer (the partner is looking away)."""
        self.query_one("#reveal-input", TypingField).toggle_words_shown()
        self.refresh_bindings()

    def action_hide_words(self) -> None:
        """Mask the words again."""
        self.action_show_words()

    def action_continue(self) -> None:
        """Past the hand-over or the reveal."""
        self.send_action("continue")

    def next_move(self, words: str) -> Move:
        """A walk signs each private answer with its writer's initial, so the reveal shows whose is whose."""
        if self.runner.phase == WRITING:
            return super().next_move(f"{words} {self.look.name(self.runner.writer)[0]}")
        return super().next_move(words)


class CaptureView(StepView, kind="capture"):
    """Choose what it is and whose, then write it; or say there is nothing this time."""

    BINDINGS = [
        Binding("p", "choose('promise')", "Promise", id="capture.promise"),
        Binding("r", "choose('request')", "Request", id="capture.request"),
        Binding("w", "choose('wish')", "Wish", id="capture.wish"),
        Binding("1", "owner('a')", "Whose", show=False),
        Binding("2", "owner('b')", "Whose", show=False),
        Binding("3", "owner('both')", "Whose", show=False),
        Binding("n", "skip", "Nothing", id="capture.skip", tooltip="Nothing this time"),
        Binding("ctrl+b", "back", "Back", id="capture.back"),
        Binding("escape", "back", "Back", show=False),
        Binding("enter", "keep", "Keep it", show=False),
    ]
    ACTION_EVENTS = {"skip": SkipCapture}

    chosen_kind = ""  # what is being written, and whose it is: this view's own, until it is handed in
    owner = ""
    _field_position = -1  # which capturer (their place in the order) the typing line is open for

    def compose(self) -> ComposeResult:
        """The question, the choices, the typing line."""
        yield self.step_title()
        yield self.step_text()
        yield Static("", id="capture-who", classes="prompt")
        yield Static("", id="capture-choices")
        yield TypingField(max_length=MAX_TYPED_LENGTH, id="capture-input")
        yield Static("", id="capture-hint", classes="hint")

    def _would_keep(self, kind: str, owner: str) -> bool:
        """Whether the session would keep a follow-up of this kind and owner (written as its starter)."""
        starter = KIND_WORDS[kind][3] if kind in KIND_WORDS else ""
        return self.allows(CaptureFollowUp(kind=kind, text=starter, owner=owner))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Choosing keys before typing, each as the session allows; Back while typing."""
        writing_now = bool(self.chosen_kind)
        if action == "choose":
            return not writing_now and self._would_keep(str(parameters[0]), self.owner)
        if action == "owner":
            return not writing_now and any(self._would_keep(kind, str(parameters[0])) for kind in KIND_WORDS)
        if action in ("back", "keep"):
            return writing_now
        if action == "skip" and writing_now:
            return False
        return super().check_action(action, parameters)

    def refresh_state(self) -> None:
        """Either the choice of kind and owner, or the typing line."""
        if not self.live or self.runner.done:
            return
        runner = self.runner
        capturer = runner.capturer
        self.owner = self.owner or capturer
        prompt = runner.step.prompt or "Is there something to carry forward from today?"
        entry = self.query_one("#capture-input", TypingField)
        if self._field_position != runner.position:  # a new capturer starts from their own draft
            self._field_position = runner.position
            entry.open_for(capturer, self.session.draft)
        choices = self.query_one("#capture-choices", Static)
        hint = self.query_one("#capture-hint", Static)
        self.query_one("#capture-who", Static).update(sentence(self.name_of(capturer), "\n", safe_text(prompt)))
        whose = self._owner_words(self.owner)
        if not self.chosen_kind:
            lines = [
                Text(f"  {key}  {label}: {meaning}")
                for kind, (key, label, meaning, _) in KIND_WORDS.items()
                if kind in runner.step.kinds
            ]
            lines.append(
                sentence(
                    "\n  Whose is it? ",
                    whose,
                    "   (1, 2 or 3 to change: ",
                    self.name_of("a"),
                    ", ",
                    self.name_of("b"),
                    ", both of you)",
                )
            )
            choices.update(Text("\n").join(lines))
            entry.display = False
            hint.update("n: nothing this time - that is fine too")
            self.focus()
        else:
            _, label, _, starter = KIND_WORDS[self.chosen_kind]
            choices.update(sentence(f"Writing {label}, ", whose, "."))
            entry.display = True
            entry.placeholder = starter
            entry.focus()
            hint.update("Enter: keep it   ctrl+b: back")
        super().refresh_state()

    def _owner_words(self, owner: str) -> Text:
        if owner == "both":
            return Text("both of you", style="bold")
        return self.name_of(owner)  # type: ignore[arg-type]

    def action_choose(self, kind: str) -> None:
        """Pick promise, request or wish, then type it."""
        self.chosen_kind = kind
        self.refresh_state()

    def action_owner(self, owner: str) -> None:
        """Say whose it is."""
        self.owner = owner
        self.refresh_state()

    def action_back(self) -> None:
        """Back to choosing."""
        self.chosen_kind = ""
        self.refresh_state()

    def action_skip(self) -> None:
        """Nothing to carry forward this time."""
        self.owner = ""
        self.send_action("skip")

    def on_input_submitted(self, event: TypingField.Submitted) -> None:
        """Enter in the typing line keeps what was written."""
        event.stop()
        self.action_keep()

    def action_keep(self) -> None:
        """Keep the field's words as its capturer's, wherever the focus is (an empty line keeps nothing)."""
        entry = self.query_one("#capture-input", TypingField)
        kind, owner = self.chosen_kind, self.owner
        if not self.allows(CaptureFollowUp(kind=kind, text=entry.value, owner=owner, by=entry.author)):
            self.query_one("#capture-hint", Static).update("Write a few words first, or ctrl+b to go back.")
            return
        self.chosen_kind = ""
        self.owner = ""
        self.send(CaptureFollowUp(kind=kind, text=entry.value, owner=owner, by=entry.author))

    def next_move(self, words: str) -> Move:
        """A walk has the first partner write a follow-up of the first kind, and the other pass."""
        runner = self.runner
        if runner.position == 0 and not self.chosen_kind:
            key = KIND_WORDS[runner.step.kinds[0]][0]
            return Move((key, *typing(words), "enter"))
        return super().next_move(words) if self.chosen_kind else Move(("n",))


class ReviewView(StepView, kind="review"):
    """Earlier promises, requests and wishes, one at a time: kept, not yet, or let go (the card and its
    three choices are the Follow-ups screen's too); u takes the last answer back while on this step."""

    BINDINGS = [
        *decision_bindings("review"),
        Binding("enter", "continue", "Continue", id="review.continue"),
        Binding("u", "undo", "Undo", id="review.undo"),  # after Enter: a walk never undoes
    ]
    ACTION_EVENTS = {"decide": ReviewDecision, "continue": Continue, "undo": UndoReview}

    def compose(self) -> ComposeResult:
        """Progress, the follow-up, the choices."""
        yield self.step_title()
        yield self.step_text()
        yield Static("", id="review-progress", classes="hint")
        yield FollowUpCard(id="review-item")
        yield Static("", id="review-hint", classes="hint")

    def refresh_state(self) -> None:
        """The current follow-up, or a calm note that there is none or that all were answered; what the
        last answer was, with how to take it back."""
        if not self.live or self.runner.done:
            return
        runner = self.runner
        card = self.query_one("#review-item", FollowUpCard)
        progress = self.query_one("#review-progress", Static)
        hint = self.query_one("#review-hint", Static)
        last = runner.last_decision
        said = decision_notice(str(last["status"]), last) if last else None
        if runner.phase == NOTHING_TO_REVIEW:
            progress.update("")
            card.show_words("There are no open promises, requests or wishes from earlier sessions.")
            hint.update("Enter: continue")
        elif runner.phase == REVIEWED:
            progress.update(f"{len(runner.items)} of {len(runner.items)}")
            card.show_words("Each one has its answer. Thank you for looking at them together.")
            hint.update(sentence(said or "", "\nEnter: continue"))
        else:
            progress.update(f"{runner.position + 1} of {len(runner.items)}")
            card.show(runner.item, self.look, self.session.clock.now().astimezone().date())
            hint.update(sentence(said, "\n", DECISION_HINT) if said else DECISION_HINT)
        super().refresh_state()

    def action_decide(self, status: str) -> None:
        """How this one went."""
        self.send_action("decide", status)

    def action_continue(self) -> None:
        """All answered, or nothing to review: move on."""
        self.send_action("continue")

    def action_undo(self) -> None:
        """Take the last answer back: that follow-up is asked about again."""
        self.send_action("undo")
