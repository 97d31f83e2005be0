"""Follow-ups: every open promise and request to mark kept, not yet or let go; wishes apart, to revisit;
what was kept, to be glad of, and what was let go. Reads and writes go through the session service (in
workers)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.core.follow_ups import FollowUpShelf, Mark, MarksMade, decided, shelve
from tui.session_host import FollowUpsLoaded
from tui.widgets.follow_up_card import (
    DECIDED_WORDS,
    DECISION_HINT,
    UNDO_WORDS,
    FollowUpCard,
    decision_bindings,
    decision_notice,
    follow_up_heading,
    said_about,
    when_words,
)
from tui.widgets.key_footer import KeyFooter
from tui.widgets.partner_text import PartnerLook, safe_text, sentence

if TYPE_CHECKING:
    from tui.session_service import SessionService

NOTHING_OPEN = "Nothing is open just now. What you carry forward from a session waits here."
NO_WISHES = "No wishes yet. A session's last step can keep one for you both."
NOTHING_KEPT_YET = "Promises you keep will gather here."
UNDONE_WORDS = "It is open again, as it was."
ANSWERED_SINCE = "Answered again since, in a session"
CANNOT_UNDO_WORDS = "What you chose here can no longer be undone."
UNDO_BEFORE_WORDS = "Press u to undo the answer before it."


class FollowUpsScreen(Screen[None]):
    """Open promises and requests, wishes and dreams, what was kept and what was let go; the focused card
    takes k, n, l, and u undoes the last of them (the store's follow-up goes back to open), even after
    leaving the screen and coming back: `marks` lives as long as the app runs."""

    BINDINGS = [
        *decision_bindings("follow_ups"),
        Binding("u", "undo", "Undo", id="follow_ups.undo"),
        Binding("escape", "back", "Back", id="follow_ups.back"),
        Binding("b", "back", "Back", show=False),
        Binding("down", "app.focus_next", "Next", show=False, priority=True),  # before the list's own scrolling
        Binding("up", "app.focus_previous", "Previous", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    FollowUpsScreen #follow-ups { padding: 0 2; }
    FollowUpsScreen #follow-ups-title { text-style: bold; }
    FollowUpsScreen #follow-ups-list { height: 1fr; }
    FollowUpsScreen .follow-ups-section { text-style: bold; margin-top: 1; }
    FollowUpsScreen .follow-ups-note { color: $text-muted; margin-bottom: 1; }
    FollowUpsScreen .follow-ups-kept, FollowUpsScreen .follow-ups-let-go { padding: 0 1; max-width: 92; }
    FollowUpsScreen FollowUpCard { max-width: 92; }  /* a wide terminal: cards stay cards, not long bars */
    FollowUpsScreen #follow-ups-hint { color: $text-muted; height: auto; }
    """

    def __init__(self, sessions: SessionService, look: PartnerLook, marks: MarksMade | None = None) -> None:
        super().__init__()
        self.sessions = sessions
        self.look = look
        self.marks = marks if marks is not None else MarksMade()  # the answers given here, each undoable
        self.follow_ups: list[dict[str, Any]] = []
        self.loaded = False
        self.said: Text | None = None  # what the last decision or undo here said

    def compose(self) -> ComposeResult:
        """Title, the three groups (filled once read), the hint."""
        with Vertical(id="follow-ups"):
            yield Static("Follow-ups: what you carry forward together", id="follow-ups-title")
            yield VerticalScroll(id="follow-ups-list")
            yield Static("Reading your follow-ups...", id="follow-ups-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Ask the store for every follow-up (in a worker); reads after any write, even one asked for
        before the screen was last left, come here."""
        self.marks.deliver = self.post_message
        self.sessions.load_follow_ups(self.post_message, self.marks.changes)

    def on_unmount(self) -> None:
        """Reads asked for from now on have no screen to go to."""
        if self.marks.deliver == self.post_message:
            self.marks.deliver = None

    @property
    def today(self) -> date:
        """Today in the local calendar, from the app's clock."""
        return self.sessions.clock.now().astimezone().date()

    @property
    def shelf(self) -> FollowUpShelf:
        """The follow-ups in their groups."""
        return shelve(self.follow_ups)

    async def on_follow_ups_loaded(self, message: FollowUpsLoaded) -> None:
        """Show what was read, unless a decision was made here since it was asked for."""
        if message.asked_at < self.marks.changes:
            return
        first = not self.loaded
        self.follow_ups = message.follow_ups
        self.loaded = True
        mark, dropped = self.marks.undoable(self.follow_ups)
        if dropped:
            self.said = self._cannot_undo(dropped[0], mark)
        elif first and mark is not None and self.said is None:  # back on the screen: u still undoes it
            self.said = said_about(f"Your last answer here, {DECIDED_WORDS[mark.status][0].lower()}", mark.before, UNDO_WORDS)
        card = self.focused_card()
        cards = list(self.query(FollowUpCard))
        await self.show_groups(card.follow_up_id if card else "", cards.index(card) if card else 0)

    async def show_groups(self, focus_on: str = "", focus_position: int = 0) -> None:
        """Rebuild the list: open promises and requests, wishes, then what was kept; the focus goes to
        the card of `focus_on`, else to the card at `focus_position`."""
        shelf = self.shelf
        rows: list[Widget] = [Static("Promises and requests still open", classes="follow-ups-section")]
        rows.extend(self._cards(shelf.asks, "ask") or [Static(NOTHING_OPEN, classes="follow-ups-note")])
        rows.append(Static("Wishes and dreams, to come back to", classes="follow-ups-section"))
        rows.extend(self._cards(shelf.wishes, "wish") or [Static(NO_WISHES, classes="follow-ups-note")])
        rows.append(Static("Kept: something to be glad of", classes="follow-ups-section"))
        rows.extend(
            [Static(self._closed_words(item, "kept"), classes="follow-ups-kept") for item in shelf.kept]
            or [Static(NOTHING_KEPT_YET, classes="follow-ups-note")]
        )
        if shelf.let_go:  # only once there are some: nothing to look for before
            rows.append(Static("Let go: set down, and that is fine", classes="follow-ups-section"))
            rows.extend(Static(self._closed_words(item, "let go"), classes="follow-ups-let-go") for item in shelf.let_go)
        listing = self.query_one("#follow-ups-list", VerticalScroll)
        async with listing.batch():
            await listing.remove_children()
            await listing.mount_all(rows)
        cards = list(listing.query(FollowUpCard))
        if cards:
            chosen = next((card for card in cards if focus_on and card.follow_up_id == focus_on), None)
            chosen = chosen or cards[min(focus_position, len(cards) - 1)]
            first = chosen is cards[0]
            chosen.focus(scroll_visible=not first)
            if first:  # the section's title stays in sight above the first card
                listing.scroll_home(animate=False)
        else:
            listing.focus()
        self._show_said()

    def _show_said(self) -> None:
        """The hint line: what was last said here, then the keys."""
        after = DECISION_HINT if self.query(FollowUpCard) else "Esc or b: back to home"
        self._hint(sentence(self.said, "\n", after) if self.said else Text(after))
        self.refresh_bindings()

    def _cards(self, items: list[dict[str, Any]], group: str) -> list[Widget]:
        cards: list[Widget] = []
        for item in items:
            card = FollowUpCard(focusable=True, classes=f"follow-up-{group}")
            card.show(item, self.look, self.today)
            cards.append(card)
        return cards

    def _closed_words(self, item: dict[str, Any], how: str) -> Text:
        """ "A promise from Maya, kept yesterday: ..." (`how` is "kept" or "let go")."""
        heading = follow_up_heading(str(item.get("kind", "")), str(item.get("owner", "")), self.look)
        moment = str(item.get("status_changed_at") or item.get("last_reviewed_at") or "")
        return sentence(heading, when_words(moment, self.today, how), ": ", safe_text(str(item.get("text", ""))))

    def _cannot_undo(self, dropped: Mark, still: Mark | None) -> Text:
        """Says that the newest answer given here was changed since, so u will not take it back."""
        return said_about(ANSWERED_SINCE, dropped.before, f"{CANNOT_UNDO_WORDS} {UNDO_BEFORE_WORDS if still else ''}".strip())

    def _hint(self, words: Text) -> None:
        self.query_one("#follow-ups-hint", Static).update(words)

    def focused_card(self) -> FollowUpCard | None:
        """The card the three choices apply to now."""
        focused = self.focused
        return focused if isinstance(focused, FollowUpCard) and focused.follow_up_id else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The choices only while a follow-up card has the focus."""
        if action == "decide":
            return self.focused_card() is not None
        if action == "undo":
            return self.loaded and bool(self.marks.marks)
        return True

    async def action_decide(self, status: str) -> None:
        """Mark the focused follow-up, show it at once, and write it through the service's writer."""
        card = self.focused_card()
        if card is None:
            return
        follow_up_id = card.follow_up_id
        cards = list(self.query(FollowUpCard))
        position = cards.index(card)
        after = cards[position + 1].follow_up_id if position + 1 < len(cards) else ""
        before = next((item for item in self.follow_ups if item.get("id") == follow_up_id), card.item)
        self.marks.marks.append(Mark(follow_up_id, status, dict(before)))
        self.follow_ups = decided(self.follow_ups, follow_up_id, status, self.sessions.clock.now().isoformat())
        self._write(follow_up_id, status)
        self.said = decision_notice(status, before)
        await self.show_groups(after, position)

    async def action_undo(self) -> None:
        """Undo the last answer given here (in this run of the app): the follow-up is open again (in the store
        too) and has the focus; if it was answered again since, say that it cannot be undone instead."""
        last, dropped = self.marks.undoable(self.follow_ups)
        if dropped:
            self.said = self._cannot_undo(dropped[0], last)
            self._show_said()
            return
        if last is None:
            return
        self.marks.marks.pop()
        self.follow_ups = [last.before if item.get("id") == last.follow_up_id else item for item in self.follow_ups]
        self._write(last.follow_up_id, "open")
        self.said = said_about("Undone", last.before, UNDONE_WORDS)
        await self.show_groups(last.follow_up_id)

    def _write(self, follow_up_id: str, status: str) -> None:
        """Write one status through the service's ordered writer; once on disk, read every follow-up again
        (a read asked for before a later change here is dropped when it arrives)."""
        self.marks.changes += 1
        asked_at = self.marks.changes
        marks = self.marks

        def read_again() -> None:
            if marks.deliver is not None:  # the screen showing now, maybe not this one
                self.sessions.load_follow_ups(marks.deliver, asked_at)

        self.sessions.decide_follow_up(follow_up_id, status, then=read_again)

    def on_descendant_focus(self) -> None:
        """The choices' keys follow the focus in the footer."""
        self.refresh_bindings()

    def action_back(self) -> None:
        """Back to home."""
        self.dismiss(None)
