"""History: every session, newest first, filtered by script and month; search the couple's own words.
Opens on the summaries alone (read in a worker); a session's full record is read only when opened."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static

from tui.core.wording import count_of
from tui.screens.history_rows import (
    KINDS,
    day_of,
    day_words,
    ending,
    kept_by_filter,
    month_choices,
    script_choices,
    short_length,
    speaking,
    with_match,
)
from tui.screens.history_workers import (
    HISTORY_READ,
    HISTORY_SEARCH,
    HitsFound,
    SummariesRead,
    find_words,
    read_summaries,
)
from tui.screens.session_detail import SessionDetailScreen
from tui.widgets.key_footer import KeyFooter
from tui.widgets.partner_text import PartnerLook, safe_text, sentence

if TYPE_CHECKING:
    from tui.session_service import SessionService

FIRST_PAGE = 60  # rows shown at once; the rest are added a page at a time after the first frame
PAGE = 250
LISTED_PLACES = 1000  # a search lists the newest places; a table of 50,000 rows froze the screen for seconds
NAME_WIDTH = 7
WORDS_WIDTH = 40


NOT_TYPED_IN = (" ", "/", "?")  # printable keys with a meaning of their own on the list
SCRIPT_WIDTH = 14  # the script's title in the list: every column fits at 80 columns


def cut(text: Text, width: int) -> Text:
    """`text` on at most `width` cells, ending in an ellipsis when cut."""
    text.truncate(width, overflow="ellipsis")
    return text


class HistoryScreen(Screen[None]):
    """The list of sessions or, while a search is typed in, the words that match; Enter opens one."""

    BINDINGS = [  # no letter keys here: a letter typed on the list starts a search (`on_key`)
        Binding("escape", "back", "Back", id="history.back"),
        Binding("ctrl+b", "back", "Back", show=False),  # also while typing in the search
        Binding("slash", "search", "Search", id="history.search", key_display="/"),
        Binding("ctrl+f", "search", "Search", show=False),
        Binding("ctrl+o", "together", "Together", id="history.together", tooltip="Our time together: what you have built"),
    ]
    DEFAULT_CSS = """
    HistoryScreen #history { padding: 0 1; }
    HistoryScreen #history-title { text-style: bold; height: 1; }
    HistoryScreen #history-filters { height: 1; margin: 1 0; }
    HistoryScreen #history-search { width: 1fr; margin-right: 1; }
    HistoryScreen #history-script { width: 26; margin-right: 1; }
    HistoryScreen #history-month { width: 20; }
    HistoryScreen #history-table { height: 1fr; }
    HistoryScreen #history-note { height: auto; max-height: 2; color: $text-muted; }
    """

    def __init__(self, sessions: SessionService, look: PartnerLook) -> None:
        super().__init__()
        self.sessions = sessions
        self.look = look
        self.summaries: list[dict[str, Any]] | None = None
        self.hits: list[dict[str, Any]] = []
        self.query_text = ""
        self.search_number = 0
        self.searching = False
        self.note = ""
        self.row_sessions: dict[str, str] = {}  # row key -> session id
        self.places_found = 0  # search hits the filters keep; only the newest LISTED_PLACES get a row
        self.row_started: dict[str, str] = {}  # row key -> when its session started (the store reads that year)
        self._pending: list[dict[str, Any]] = []  # rows of the list still to add, a page at a time
        self._adding = False  # a page is due after the next frame
        self.reading = True  # older years' summaries are still being read

    def compose(self) -> ComposeResult:
        """Title, the search and the two filters on one line, the table, a line of notes, the footer."""
        with Vertical(id="history"):
            yield Static("Looking back together", id="history-title")
            with Horizontal(id="history-filters"):
                yield Input(
                    placeholder="Search your words (Enter)", id="history-search", compact=True, select_on_focus=False
                )
                yield Select[str]([], prompt="Every script", id="history-script", compact=True)
                yield Select[str]([], prompt="Every month", id="history-month", compact=True)
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=False)
            yield Static("Reading your history...", id="history-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Read the summaries in a worker; the table has the focus."""
        self.query_one(DataTable).focus()
        store = self.sessions.store
        self.sessions.host.run_in_thread(lambda: read_summaries(store, FIRST_PAGE, self.post_message), HISTORY_READ)

    # -- reading ---------------------------------------------------------------------------------
    def on_summaries_read(self, message: SummariesRead) -> None:
        """Show the first rows as soon as they are read; once all are, offer the scripts and months."""
        first = self.summaries is None
        self.summaries = (self.summaries or []) + message.summaries
        self.reading = not message.done
        if first:
            self.show_rows()
        elif not self.query_text:  # no filter can be chosen before every year is read
            self._pending += message.summaries
            self._schedule_page()
        if message.done:
            self._fill_choices()
            if not self.query_text:
                self._say_count(len(self.summaries))

    def _fill_choices(self) -> None:
        summaries = self.summaries or []
        script = self.query_one("#history-script", Select)
        month = self.query_one("#history-month", Select)
        chosen_script, chosen_month = self._choice(script), self._choice(month)
        script_options = [(safe_text(title), script_id) for title, script_id in script_choices(summaries)]
        month_options = month_choices(summaries)
        script.set_options(script_options)
        month.set_options(month_options)
        if chosen_script in {value for _, value in script_options}:
            script.value = chosen_script
        if chosen_month in {value for _, value in month_options}:
            month.value = chosen_month

    @staticmethod
    def _choice(select: Select[str]) -> str | None:
        value = select.value
        return value if isinstance(value, str) else None

    @property
    def script_filter(self) -> str | None:
        """The script chosen, or None for every script."""
        return self._choice(self.query_one("#history-script", Select))

    @property
    def month_filter(self) -> str | None:
        """The month chosen ("2024-03"), or None for every month."""
        return self._choice(self.query_one("#history-month", Select))

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.show_rows()

    # -- the table ---------------------------------------------------------------------------------
    def show_rows(self) -> None:
        """The list of sessions, or the search results, as the filters leave them."""
        if self.summaries is None:
            return
        if self.query_text:
            self._show_hits()
        else:
            self._show_sessions()

    def _reset_table(self, columns: list[tuple[str | Text, int]]) -> DataTable[Any]:
        table: DataTable[Any] = self.query_one(DataTable)
        table.clear(columns=True)
        for label, width in columns:
            table.add_column(label, width=width)
        self.row_sessions = {}
        self.row_started = {}
        self._pending = []
        self.places_found = 0
        return table

    def _name_header(self, partner: str) -> Text:
        name = self.look.name(partner)  # type: ignore[arg-type]
        shown = name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "~"
        return safe_text(shown, "bold")

    def _show_sessions(self) -> None:
        table = self._reset_table(
            [("When", 15), ("Script", SCRIPT_WIDTH), ("Length", 9), (self._name_header("a"), 7), (self._name_header("b"), 7), ("", 11)]
        )
        kept = [item for item in self.summaries or [] if kept_by_filter(item, self.script_filter, self.month_filter)]
        self._add_session_rows(table, kept[:FIRST_PAGE])
        self._pending = kept[FIRST_PAGE:]
        self._schedule_page()
        self._say_count(len(kept))

    def _say_count(self, shown: int) -> None:
        total = len(self.summaries or [])
        if self.reading:
            self._say("Reading the older years...")
        elif not total:
            self._say("No sessions yet. When you have had one, it is kept here for you both to look back on.")
        elif shown == total:
            self._say(f"{count_of(total, 'session')}, newest first. Enter opens one.")
        else:
            self._say(f"{count_of(shown, 'session')} of {total} with these choices. Enter opens one.")

    def _schedule_page(self) -> None:
        if self._pending and not self._adding:
            self._adding = True
            self.call_after_refresh(self._add_next_page)

    def _add_next_page(self) -> None:
        """Add the next page of rows after a frame (so 10,000 sessions never hold up the first one)."""
        self._adding = False
        if not self._pending or self.query_text:
            return
        page, self._pending = self._pending[:PAGE], self._pending[PAGE:]
        self._add_session_rows(self.query_one(DataTable), page)
        self._schedule_page()

    def _add_session_rows(self, table: DataTable[Any], summaries: list[dict[str, Any]]) -> None:
        today = self.sessions.clock.now().date()
        rows = []
        for summary in summaries:
            key = str(summary.get("id"))
            title = str(summary.get("script_title") or summary.get("script_id") or "")
            cells = (
                day_words(day_of(summary), today),
                cut(safe_text(title), SCRIPT_WIDTH),
                short_length(summary.get("duration_seconds")),
                speaking(summary, "a"),
                speaking(summary, "b"),
                ending(summary),
            )
            if key in self.row_sessions:
                continue
            self.row_sessions[key] = key
            self.row_started[key] = str(summary.get("started_at") or "")
            rows.append((cells, key))
        for cells, key in rows:
            table.add_row(*cells, key=key)

    def _show_hits(self) -> None:
        table = self._reset_table([("When", 15), ("Whose words", 16), ("Words", WORDS_WIDTH)])
        self._add_hit_rows(table, self.hits)
        self._say_search()

    def _add_hit_rows(self, table: DataTable[Any], hits: list[dict[str, Any]]) -> None:
        today = self.sessions.clock.now().date()
        for hit in hits:
            if not kept_by_filter(hit, self.script_filter, self.month_filter):
                continue
            self.places_found += 1
            if len(self.row_sessions) >= LISTED_PLACES:
                continue
            key = f"hit-{len(self.row_sessions)}"
            self.row_sessions[key] = str(hit.get("session_id"))
            self.row_started[key] = str(hit.get("started_at") or "")
            by = hit.get("by")
            whose = KINDS.get(str(hit.get("kind")), str(hit.get("kind")))
            who = sentence(safe_text(self.look.name(by)), f", {whose}") if by in ("a", "b") else Text(whose)
            words = with_match(str(hit.get("text") or ""), self.query_text, WORDS_WIDTH)
            table.add_row(day_words(day_of(hit), today), who, words, key=key)

    def _say(self, words: str) -> None:
        self.note = words
        self.query_one("#history-note", Static).update(Text(words))

    def _say_search(self) -> None:
        found, listed = self.places_found, len(self.row_sessions)
        quoted = sentence('"', safe_text(self.query_text), '"').plain
        if self.searching:
            self._say(f"Looking for {quoted}... {count_of(found, 'place')} so far.")
        elif found > listed:
            self._say(
                f"{count_of(found, 'place')} with {quoted}; the newest {listed:,} are listed. "
                "More words find fewer."
            )
        elif found:
            self._say(f"{count_of(found, 'place')} with {quoted}, newest first. Enter opens the session.")
        else:
            self._say(f"Nothing you wrote holds {quoted}. Esc clears the search.")

    # -- searching ---------------------------------------------------------------------------------
    def on_key(self, event: events.Key) -> None:
        """A letter, digit or sign typed while the list has the focus goes to the search field, as if
        it had been typed there (Space, `/` and `?` keep their own meaning)."""
        character = event.character
        if not (event.is_printable and character and character not in NOT_TYPED_IN):
            return
        if not isinstance(self.focused, DataTable):
            return
        event.stop()
        event.prevent_default()
        search = self.query_one("#history-search", Input)
        search.focus()
        search.insert_text_at_cursor(character)

    def action_search(self) -> None:
        """Go to the search field."""
        self.query_one("#history-search", Input).focus()

    @on(Input.Submitted, "#history-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.search(event.value)
        self.query_one(DataTable).focus()  # the results are there to be opened

    @on(Input.Changed, "#history-search")
    def _search_changed(self, event: Input.Changed) -> None:
        if not event.value.strip() and self.query_text:
            self.search("")

    def search(self, text: str) -> None:
        """Look for `text` in the couple's words, year by year in a worker; "" goes back to the list."""
        self.query_text = " ".join(text.split())
        self.search_number += 1
        self.hits = []
        if not self.query_text:
            self.searching = False
            self.show_rows()
            return
        self.searching = True
        self.show_rows()
        number, query, store = self.search_number, self.query_text, self.sessions.store
        self.sessions.host.run_in_thread(lambda: find_words(store, query, number, self.post_message), HISTORY_SEARCH)

    def on_hits_found(self, message: HitsFound) -> None:
        """Show a year's hits as they come (a later search makes earlier answers stale)."""
        if message.search != self.search_number or self.summaries is None:
            return
        self.hits += message.hits
        self.searching = not message.done
        if message.hits:
            self._add_hit_rows(self.query_one(DataTable), message.hits)
        self._say_search()

    # -- opening and going back --------------------------------------------------------------------
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: open that session."""
        key = str(event.row_key.value)
        session_id = self.row_sessions.get(key)
        if session_id:
            self.open_session(session_id, self.row_started.get(key))

    def open_session(self, session_id: str, started_at: str | None = None) -> None:
        """Show one session's detail (`started_at`, when known, spares the store looking through every
        year for it); if it is deleted there, take it off the list."""
        screen = SessionDetailScreen(self.sessions, self.look, session_id, started_at)
        self.app.push_screen(screen, self._after_detail)

    def _after_detail(self, deleted: str | None) -> None:
        if not deleted:
            return
        if self.summaries is not None:
            self.summaries = [item for item in self.summaries if item.get("id") != deleted]
        self.hits = [hit for hit in self.hits if hit.get("session_id") != deleted]
        self._fill_choices()
        self.show_rows()
        self._say("That session is gone from your history (a backup was kept first).")

    def action_together(self) -> None:
        """Our time together, over the list (Esc comes back here)."""
        from tui.screens.together import TogetherScreen  # plotext and the screen: not paid for at start-up

        self.app.push_screen(TogetherScreen(self.sessions, self.look))

    def action_back(self) -> None:
        """Esc in the search field clears it; otherwise back home."""
        search = self.query_one("#history-search", Input)
        if search.has_focus and (search.value or self.query_text):
            search.value = ""
            self.search("")
            self.query_one(DataTable).focus()
            return
        if search.has_focus:
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)
