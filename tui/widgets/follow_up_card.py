"""One follow-up and its three choices (kept, not yet, let go), shared by the session's review step and
the Follow-ups screen so that both show and ask the same way."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from tui.core.script_model import PartnerId, other
from tui.core.wording import date_in_words, local_date
from tui.widgets.partner_text import PartnerLook, partner_name, safe_text, sentence

KIND_WORDS = {
    "promise": ("p", "a promise", "something I will do", "I will..."),
    "request": ("r", "a request", "something I would like from you", "Would you..."),
    "wish": ("w", "a wish", "something I hope for us", "I wish we..."),
}
DECISION_KEYS = (("k", "kept", "Kept"), ("n", "not_yet", "Not yet"), ("l", "let_go", "Let go"))
DECISION_HINT = "k: kept   n: not yet (keep it open)   l: let it go - any answer is fine"
DECIDED_WORDS = {
    "kept": ("Kept", "That is something to be glad of."),
    "not_yet": ("Not yet", "It stays open, no hurry."),
    "let_go": ("Let go", "That is fine too."),
}
UNDO_WORDS = "Press u to undo."
SAID_TEXT_WIDTH = 40  # how much of a follow-up's words the line after a decision repeats


def said_about(label: str, item: dict[str, Any], after: str) -> Text:
    """ "Let go: Call your mother on Sunday. That is fine too. Press u to undo." (the words literal, cut)."""
    words = " ".join(str(item.get("text", "")).split())
    if len(words) > SAID_TEXT_WIDTH:
        words = words[: SAID_TEXT_WIDTH - 3].rstrip() + "..."
    stop = " " if words.endswith((".", "!", "?", "…")) else ". "
    return sentence(f"{label}: ", safe_text(words, "bold"), f"{stop}{after}")


def decision_notice(status: str, item: dict[str, Any]) -> Text:
    """What is said once a follow-up is marked, with how to take it back."""
    label, kind_words = DECIDED_WORDS[status]
    return said_about(label, item, f"{kind_words} {UNDO_WORDS}")


def decision_bindings(prefix: str) -> list[Binding]:
    """The three choices as bindings to `decide(status)`, with ids under `prefix` ("review.kept")."""
    return [
        Binding(key, f"decide('{status}')", words, id=f"{prefix}.{status}")
        for key, status, words in DECISION_KEYS
    ]


def follow_up_heading(kind: str, owner: str, look: PartnerLook) -> Text:
    """ "A request from Jonah to Maya", "A promise from Maya", "A wish from both of you"."""
    label = KIND_WORDS.get(kind, ("", "a follow-up", "", ""))[1]
    if owner not in ("a", "b"):
        return sentence(label.capitalize(), " from ", Text("both of you", style="bold"))
    partner: PartnerId = owner  # type: ignore[assignment]
    heading = sentence(label.capitalize(), " from ", partner_name(look, partner))
    if kind == "request":
        heading = sentence(heading, " to ", partner_name(look, other(partner)))
    return heading


def when_words(moment: str, today: date, before: str) -> str:
    """ ", made last Tuesday" (`before` is "made", "kept"...), or nothing when the date cannot be read."""
    day = local_date(moment)
    return "" if day is None else f", {before} {date_in_words(day, today)}"


def follow_up_words(item: dict[str, Any], look: PartnerLook, today: date) -> Text:
    """Whose it is and to whom, since when, then its words exactly as typed."""
    heading = follow_up_heading(str(item.get("kind", "")), str(item.get("owner", "")), look)
    made = when_words(str(item.get("created_at", "")), today, "made")
    return sentence(heading, made, ":\n", safe_text(str(item.get("text", "")), "bold"))


class FollowUpCard(Static):
    """A follow-up in a rounded box: its heading and words (focusable on the Follow-ups screen, where the
    focused card is the one the three choices apply to)."""

    DEFAULT_CSS = """
    FollowUpCard { border: round $accent; padding: 0 1; height: auto; margin-bottom: 1; }
    FollowUpCard:focus { border: double $accent; background: $boost; }
    """

    def __init__(self, *, focusable: bool = False, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.can_focus = focusable
        self.item: dict[str, Any] = {}

    @property
    def follow_up_id(self) -> str:
        """The id of the follow-up shown ("" when none)."""
        return str(self.item.get("id", ""))

    def show(self, item: dict[str, Any], look: PartnerLook, today: date) -> None:
        """Show `item`: whose, to whom, since when, and its words."""
        self.item = item
        self.update(follow_up_words(item, look, today))

    def show_words(self, words: str | Text) -> None:
        """Show a calm note in place of a follow-up (there is none)."""
        self.item = {}
        self.update(words)
