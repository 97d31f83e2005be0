"""Our time together: totals that only grow, minutes per week, the days met, energy before and after, and
how the speaking time was shared. Read from the summaries in a worker; the charts (plotext) are imported
only once there is something to draw, so neither start-up nor this module pays for them."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from tui.core.together import MONTHS_SHOWN, WEEKS_SHOWN, TimeTogether, Totals, charts_start, time_together
from tui.core.wording import MONTHS, count_of
from tui.widgets.day_calendar import DayCalendar, legend_text
from tui.widgets.key_footer import KeyFooter
from tui.widgets.partner_text import PartnerLook
from tui.widgets.shared_time import shared_bars, shared_legend

if TYPE_CHECKING:
    from tui.session_service import SessionService

TOGETHER_READ = "together-read"  # the thread worker's group
CHARTS_FIRST_SECONDS = 1.0  # the longest the worker waits for the charts to be drawn before reading on
EMPTY_WORDS = (
    "Nothing here yet, and that is fine. After your first session together, this page fills with the "
    "time you have made for each other: the weeks, the days you met, how you felt before and after."
)

QUIET_WEEKS = "No sessions in these weeks. All the time you made before is still here, and still counts."


class TogetherRead(Message):
    """The worker read the summaries and follow-ups and worked out what the screen shows: first the years
    the charts need (their totals still counting), then every year (`done`)."""

    def __init__(self, together: TimeTogether, done: bool) -> None:
        super().__init__()
        self.together = together
        self.done = done


def hours_in_words(minutes: int) -> str:
    """ "45 minutes", "3 hours 20 minutes", "1,204 hours" (minutes left out from 100 hours up)."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return count_of(rest, "minute")
    if hours >= 100 or not rest:
        return count_of(hours, "hour")
    return f"{count_of(hours, 'hour')} {count_of(rest, 'minute')}"


def totals_text(totals: Totals, counting: bool = False) -> Text:
    """The counts that only grow, in a warm sentence or two (and a note while earlier years are counted)."""
    times = "once" if totals.sessions == 1 else f"{totals.sessions:,} times"
    since = f" since {MONTHS[totals.since.month - 1]} {totals.since.year}" if totals.since else ""
    lines = [
        Text(f"You have made time for each other {times}{since}: {hours_in_words(totals.minutes)} together.", "bold"),
        Text(
            f"{count_of(totals.appreciations, 'appreciation')} given, "
            f"{count_of(totals.promises_kept, 'promise or request', 'promises and requests')} kept."
        ),
    ]
    if counting:
        lines.append(Text("Counting the earlier years...", "dim"))
    return Text("\n").join(lines)


def energy_words(together: TimeTogether) -> str:
    """The latest month's averages in words, so the chart is never the only way to read them."""
    latest = together.energy[-1]
    parts = [f"{when} {value:.1f}" for when, value in (("before", latest.before), ("after", latest.after)) if value is not None]
    words = f"o before, * after (of 5, the two of you together). In {MONTHS[latest.month.month - 1]}: {', '.join(parts)}."
    if all(item.after is None for item in together.energy):
        words += " Your scripts have had no check-in at the end yet, so there is no line for after."
    return words


class TogetherScreen(Screen[None]):
    """What the couple has built, at a glance and kindly; Esc goes back."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="together.back"),
        Binding("b", "back", "Back", show=False),
    ]
    DEFAULT_CSS = """
    TogetherScreen #together { padding: 0 1; }
    TogetherScreen #together-title { text-style: bold; height: 1; margin-bottom: 1; }
    TogetherScreen .together-heading { text-style: bold; margin-top: 1; }
    TogetherScreen .together-note { color: $text-muted; }
    """

    def __init__(self, sessions: SessionService, look: PartnerLook) -> None:
        super().__init__()
        self.sessions = sessions
        self.look = look
        self.unicode_ok = bool(getattr(look, "unicode_ok", True))
        self.together: TimeTogether | None = None
        self.complete = False  # every year read, the totals whole
        self.charts_drawn = threading.Event()  # the worker waits for it before reading the older years

    def compose(self) -> ComposeResult:
        """The title and a note while the history is read; the rest comes when it is."""
        with VerticalScroll(id="together"):
            yield Static("Our time together", id="together-title")
            yield Static("Reading your history...", id="together-totals")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Read the summaries and follow-ups in a worker (never the full records)."""
        self.query_one(VerticalScroll).focus()
        store = self.sessions.store
        today = self.sessions.clock.now().astimezone().date()
        first_charted_year = str(charts_start(today).year)

        def read() -> None:
            summaries: list[dict[str, Any]] = []
            follow_ups: list[dict[str, Any]] = []
            charted = False
            worker = get_current_worker()
            for year, year_summaries, year_follow_ups in store.summaries_and_follow_ups_by_year():
                if worker.is_cancelled:
                    return
                summaries += year_summaries
                follow_ups += year_follow_ups
                if not charted and year <= first_charted_year:  # the charts' years are in: show them now
                    charted = True
                    self.post_message(TogetherRead(time_together(summaries, follow_ups, today), done=False))
                    self.charts_drawn.wait(CHARTS_FIRST_SECONDS)  # the charts draw without sharing the CPU
            self.post_message(TogetherRead(time_together(summaries, follow_ups, today), done=True))

        self.sessions.host.run_in_thread(read, TOGETHER_READ)

    def on_together_read(self, message: TogetherRead) -> None:
        """Show the charts as soon as their years are read, and the totals once every year is."""
        together = message.together
        if together.is_empty and not message.done:
            self.charts_drawn.set()
            return  # older years may still hold sessions
        charted = self.together is not None and not self.together.is_empty
        self.together, self.complete = together, message.done
        totals = self.query_one("#together-totals", Static)
        if together.is_empty:
            totals.update(Text(EMPTY_WORDS))
            return
        totals.update(totals_text(together.totals, counting=not message.done))
        if not charted:
            self.query_one(VerticalScroll).mount_all(self.sections(together))
        self.call_after_refresh(self.charts_drawn.set)

    def sections(self, together: TimeTogether) -> list[Any]:
        """The four looks back, each with a heading and its words."""
        from tui.widgets.together_charts import energy_chart, weekly_minutes_chart  # plotext: only now

        unicode_ok, width = self.unicode_ok, self.app.size.width - 4
        widgets: list[Any] = [heading(f"Minutes together, week by week (the last {WEEKS_SHOWN} weeks)")]
        if any(minutes for _monday, minutes in together.weeks):
            widgets.append(weekly_minutes_chart(together.weeks, unicode_ok=unicode_ok, id="together-weeks"))
        else:
            widgets.append(note(Text(QUIET_WEEKS)))
        widgets += [
            heading("The days you met, this past year"),
            DayCalendar(together.days_met, together.calendar_start, together.today, unicode_ok=unicode_ok, id="together-days"),
            note(legend_text(unicode_ok)),
        ]
        widgets.append(heading(f"How you felt before and after, month by month (the last {MONTHS_SHOWN} months)"))
        if together.energy:
            widgets += [note(Text(energy_words(together))), energy_chart(together.energy, unicode_ok=unicode_ok, id="together-energy")]
        else:
            widgets.append(note(Text("No check-ins in these months yet.")))
        widgets.append(heading("How you shared the speaking time, month by month"))
        if together.speaking:
            bars = shared_bars(together.speaking, self.look, unicode_ok=unicode_ok, width=width)
            widgets += [note(shared_legend(self.look, unicode_ok=unicode_ok)), Static(bars, id="together-speaking")]
        else:
            widgets.append(note(Text("No timed turns in these months yet.")))
        return widgets

    def action_back(self) -> None:
        """Back to where the couple came from."""
        self.dismiss(None)


def heading(words: str) -> Static:
    """A section's heading."""
    return Static(Text(words), classes="together-heading")


def note(words: Text) -> Static:
    """A line of explanation under a chart."""
    return Static(words, classes="together-note")
