"""One session looked back on: each step's outcome in order, in the couple's own words, shown literally.
The full record is read in a worker when the screen opens; deleting it asks first (the store backs up)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from tui.core.session_story import FOLLOW_UP_WORDS
from tui.core.wording import duration_in_words
from tui.screens.confirm import ConfirmScreen
from tui.screens.history_rows import day_of, day_words, ending, short_length
from tui.widgets.key_footer import KeyFooter
from tui.widgets.partner_text import PartnerLook, safe_text, sentence

if TYPE_CHECKING:
    from tui.session_service import SessionService

DETAIL_READ, DETAIL_DELETE = "detail-read", "detail-delete"  # thread workers' groups
KIND_WORDS = {"promise": "promise", "request": "request", "wish": "wish"}


class DetailRead(Message):
    """The worker read the session (None: not in history) and its follow-ups as they are now."""

    def __init__(self, record: dict[str, Any] | None, follow_ups: list[dict[str, Any]]) -> None:
        super().__init__()
        self.record = record
        self.follow_ups = follow_ups


class SessionDeleted(Message):
    """The worker deleted the session (`found` False: it was already gone)."""

    def __init__(self, found: bool) -> None:
        super().__init__()
        self.found = found


def indented(renderable: RenderableType, by: int) -> Padding:
    """`renderable` with its every line (wrapped ones too) moved `by` columns in."""
    return Padding(renderable, (0, 0, 0, by))


def of_step(record: dict[str, Any], name: str, index: int) -> list[dict[str, Any]]:
    """The items of one list in the record (turns, appreciations...) made in step `index`."""
    return [item for item in record.get(name) or () if isinstance(item, dict) and item.get("step") == index]


class SessionDetailScreen(Screen[str | None]):
    """A session's steps and words; dismissed with the session's id when it was deleted, else None."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="detail.back"),
        Binding("b", "back", "Back", show=False),
        Binding("d", "delete", "Delete this session", id="detail.delete"),
    ]
    DEFAULT_CSS = """
    SessionDetailScreen #detail { padding: 0 1; height: 1fr; }
    SessionDetailScreen #detail-title { text-style: bold; }
    SessionDetailScreen #detail-facts { color: $text-muted; margin-bottom: 1; }
    SessionDetailScreen .detail-step { margin-bottom: 1; height: auto; }
    """

    def __init__(
        self, sessions: SessionService, look: PartnerLook, session_id: str, started_at: str | None = None
    ) -> None:
        super().__init__()
        self.sessions = sessions
        self.look = look
        self.session_id = session_id
        self.started_at = started_at  # when the list knows it, only that year's files are read
        self.record: dict[str, Any] | None = None
        self.now_status: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        """The title, the facts, then the steps (scrolling), and the footer."""
        with VerticalScroll(id="detail"):
            yield Static("Reading this session...", id="detail-title")
            yield Static("", id="detail-facts")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Read the full record and its follow-ups' present state (its year's files only), in a worker."""
        store, session_id, started_at = self.sessions.store, self.session_id, self.started_at

        def read() -> None:
            self.post_message(DetailRead(*store.session_detail(session_id, started_at)))

        self.sessions.host.run_in_thread(read, DETAIL_READ)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Delete only a session that was found."""
        return self.record is not None if action == "delete" else True

    # -- showing ---------------------------------------------------------------------------------
    def who(self, partner: Any) -> Text:
        """A partner's name as written (bold), or "one of you" when the record does not say."""
        if partner in ("a", "b"):
            return safe_text(self.look.name(partner), "bold")
        return Text("one of you")

    def on_detail_read(self, message: DetailRead) -> None:
        """Draw the session, step by step."""
        self.record = message.record
        self.now_status = {str(item.get("id")): str(item.get("status") or "open") for item in message.follow_ups}
        title = self.query_one("#detail-title", Static)
        if message.record is None:
            title.update("This session is not in your history any more.")
            self.refresh_bindings()
            return
        record = message.record
        title.update(safe_text(str(record.get("script_title") or record.get("script_id") or "A session"), "bold"))
        self.query_one("#detail-facts", Static).update(self.facts(record))
        scroll = self.query_one("#detail", VerticalScroll)
        steps = sorted((s for s in record.get("steps") or () if isinstance(s, dict)), key=lambda s: s.get("index", 0))
        checkin_steps = [step.get("index") for step in steps if step.get("kind") == "checkin"]
        widgets = [Static(self.step(record, step, checkin_steps), classes="detail-step") for step in steps]
        draft = record.get("draft")
        if isinstance(draft, dict) and draft.get("text"):
            words = sentence("Words still being written when you stopped, by ", self.who(draft.get("by")), ":\n")
            widgets.append(Static(sentence(words, safe_text(str(draft["text"]))), classes="detail-step"))
        scroll.mount_all(widgets)
        self.refresh_bindings()

    def facts(self, record: dict[str, Any]) -> Text:
        """When, how long, how it ended, and each partner's speaking time."""
        today = self.sessions.clock.now().date()
        line = Text(f"{day_words(day_of(record), today)}, {short_length(record.get('duration_seconds'))}, ")
        line.append(ending(record))
        speaking = record.get("speaking_seconds") or {}
        if any(speaking.get(partner) for partner in ("a", "b")):
            line.append(". Speaking: ")
            line.append_text(sentence(self.who("a"), f" {short_length(speaking.get('a', 0))}, "))
            line.append_text(sentence(self.who("b"), f" {short_length(speaking.get('b', 0))}"))
        line.append(".")
        return line

    def step(self, record: dict[str, Any], step: dict[str, Any], checkin_steps: list[Any]) -> RenderableType:
        """One step: its title, then what happened in it."""
        index = step.get("index", 0)
        heading = sentence(f"{int(index) + 1 if isinstance(index, int) else '?'}. ", safe_text(str(step.get("title") or "")))
        heading.stylize("bold")
        if step.get("kind") == "checkin" and len(checkin_steps) > 1:
            heading.append("  (before)" if index == checkin_steps[0] else "  (after)", "dim")
        if step.get("status") == "skipped":
            heading.append("  skipped", "dim")
        parts: list[RenderableType] = [heading]
        parts += self.checkins(record, index)
        parts += self.turns(record, index)
        parts += self.appreciations(record, index)
        parts += self.answers(record, index)
        parts += self.reveals(record, index)
        parts += self.follow_ups(record, index)
        parts += self.reviews(record, index)
        for note in of_step(record, "notes", index):
            if isinstance(note.get("seconds"), int | float):
                parts.append(Text(f"  Taken quietly: {duration_in_words(note['seconds'], rough=True)}."))
        return Group(*parts)

    def checkins(self, record: dict[str, Any], index: int) -> list[RenderableType]:
        """Each partner's energy."""
        lines: list[RenderableType] = []
        for checkin in of_step(record, "checkins", index):
            lines.append(sentence("  ", self.who(checkin.get("partner")), f": energy {checkin.get('value')} of 5"))
        return lines

    def turns(self, record: dict[str, Any], index: int) -> list[RenderableType]:
        """Who spoke, for how long, overtime; the time-outs and who called them."""
        lines: list[RenderableType] = []
        for turn in of_step(record, "turns", index):
            line = sentence("  ", self.who(turn.get("speaker")), " spoke ")
            line.append(duration_in_words(float(turn.get("spoken_seconds") or 0), rough=True))
            line.append_text(sentence(", ", self.who(turn.get("listener")), " listened"))
            over = float(turn.get("overtime_seconds") or 0)
            if over >= 1:
                line.append(f"; {duration_in_words(over)} over the time")
            if turn.get("ended_early"):
                line.append("; ended early")
            lines.append(line)
        for time_out in of_step(record, "time_outs", index):
            line = sentence("  A time-out called by ", self.who(time_out.get("by")))
            if isinstance(time_out.get("seconds"), int | float):
                line.append(f", {duration_in_words(time_out['seconds'])}")
            lines.append(line)
        return lines

    def appreciations(self, record: dict[str, Any], index: int) -> list[RenderableType]:
        """Who thanked whom, and the words."""
        lines: list[RenderableType] = []
        for item in of_step(record, "appreciations", index):
            lines.append(sentence("  ", self.who(item.get("from")), " to ", self.who(item.get("to")), ":"))
            lines.append(indented(safe_text(str(item.get("text") or "")), 4))
        return lines

    def answers(self, record: dict[str, Any], index: int) -> list[RenderableType]:
        """Each question asked, each partner's answer, and the questions kept as favourites."""
        lines: list[RenderableType] = []
        asked = ""
        for item in of_step(record, "answers", index):
            question = str(item.get("question") or "")
            if question and question != asked:
                lines.append(sentence("  ", safe_text(question, "italic")))
                asked = question
            lines.append(indented(sentence(self.who(item.get("partner")), ": ", safe_text(str(item.get("text") or ""))), 4))
        for favourite in of_step(record, "favourites", index):
            lines.append(sentence("  Kept as a favourite: ", safe_text(str(favourite.get("question") or ""), "italic")))
        return lines

    def reveals(self, record: dict[str, Any], index: int) -> list[RenderableType]:
        """The prompt, and both private answers side by side."""
        shown: list[RenderableType] = []
        for reveal in of_step(record, "reveals", index):
            shown.append(indented(safe_text(str(reveal.get("prompt") or ""), "italic"), 2))
            answers = reveal.get("answers") if isinstance(reveal.get("answers"), dict) else {}
            table = Table.grid(expand=True, padding=(0, 2))
            table.add_column(ratio=1)
            table.add_column(ratio=1)
            table.add_row(self.who("a"), self.who("b"))
            table.add_row(safe_text(str(answers.get("a") or "")), safe_text(str(answers.get("b") or "")))
            shown.append(indented(table, 4))
        return shown

    def follow_ups(self, record: dict[str, Any], index: int) -> list[RenderableType]:
        """Each promise, request or wish, whose it is, and what became of it."""
        lines: list[RenderableType] = []
        for item in of_step(record, "follow_ups", index):
            kind = KIND_WORDS.get(str(item.get("kind")), "follow-up")
            now = FOLLOW_UP_WORDS.get(self.now_status.get(str(item.get("id")), ""), "")
            line = sentence(self.who(item.get("owner")), f"'s {kind}: ", safe_text(str(item.get("text") or "")))
            line.append(f"  ({now})" if now else "  (no longer kept)", "dim")
            lines.append(indented(line, 2))
        return lines

    def reviews(self, record: dict[str, Any], index: int) -> list[RenderableType]:
        """Earlier follow-ups looked at in this session, and what you decided."""
        lines: list[RenderableType] = []
        for review in of_step(record, "reviews", index):
            decided = {"kept": "kept", "let_go": "let go", "not_yet": "not yet", "open": "open"}
            line = sentence(safe_text(str(review.get("text") or "an earlier follow-up")), ": ")
            line.append(decided.get(str(review.get("status")), str(review.get("status"))))
            lines.append(indented(line, 2))
        return lines

    # -- deleting and going back -----------------------------------------------------------------
    def action_delete(self) -> None:
        """Ask first; then delete in a worker (the store keeps a backup first)."""
        if self.record is None:
            return
        title = safe_text(str(self.record.get("script_title") or "this session"), "bold")
        day = day_words(day_of(self.record), self.sessions.clock.now().date())
        question = sentence(
            "Delete ", title, f" ({day}) from your history?\n\n",
            "Its words and its follow-ups go with it. A backup of the history is kept first.",
        )
        store, session_id = self.sessions.store, self.session_id

        def answer(yes: bool | None) -> None:
            if yes:
                self.sessions.host.run_in_thread(
                    lambda: self.post_message(SessionDeleted(store.delete_session(session_id))), DETAIL_DELETE
                )

        self.app.push_screen(ConfirmScreen(question, yes="Delete it", no="Keep it"), answer)

    def on_session_deleted(self, message: SessionDeleted) -> None:
        """Gone: home's counts are read again, and the list takes it off."""
        self.sessions.load_overview()
        self.dismiss(self.session_id)

    def action_back(self) -> None:
        """Back to the list."""
        self.dismiss(None)
