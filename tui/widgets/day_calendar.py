"""A year of days as a calendar of cells (weeks across, Monday to Sunday down), GitHub-style: each day's
mark says how many sessions it had, by its shape as well as its colour, with a legend in words."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.widget import Widget

from tui.core.wording import MONTHS

LEVEL_WORDS = ("no session", "one", "two", "three or more")
UNICODE_MARKS = ("·", "░", "▒", "█")
ASCII_MARKS = (".", "+", "*", "#")
LEVEL_STYLES = ("dim", "green", "bold green", "bold bright_green")  # the 16 ANSI colours read on any theme
DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LABEL_WIDTH = 4


def level_of(sessions: int) -> int:
    """The calendar's level for a day with `sessions` sessions: 0, 1, 2, or 3 for three or more."""
    return min(max(sessions, 0), 3)


def calendar_text(
    days_met: dict[date, int], start: date, today: date, *, unicode_ok: bool, width: int, weeks: int = 53
) -> Text:
    """The calendar's rows: month names above, one row per weekday, one column per week from `start` (a
    Monday); cells are two columns wide when `width` allows, days after `today` left blank."""
    marks = UNICODE_MARKS if unicode_ok else ASCII_MARKS
    cell = 2 if LABEL_WIDTH + weeks * 2 <= width else 1
    header = [" "] * (LABEL_WIDTH + weeks * cell)
    for week in range(weeks):
        monday = start + timedelta(weeks=week)
        first = next((monday + timedelta(days=n) for n in range(7) if (monday + timedelta(days=n)).day == 1), None)
        if week == 0 or first is not None:
            name = MONTHS[(first or monday).month - 1][:3]
            at = LABEL_WIDTH + week * cell
            if all(char == " " for char in header[max(at - 1, 0) : at + len(name)]) and at + len(name) <= len(header):
                header[at : at + len(name)] = name
    lines = [Text("".join(header).rstrip(), style="dim")]
    for weekday in range(7):
        line = Text(DAY_LABELS[weekday].ljust(LABEL_WIDTH), style="dim")
        for week in range(weeks):
            day = start + timedelta(weeks=week, days=weekday)
            if day > today:
                line.append(" " * cell)
                continue
            level = level_of(days_met.get(day, 0))
            line.append(marks[level], style=LEVEL_STYLES[level])
            if cell == 2:
                line.append(" ")
        lines.append(line)
    return Text("\n").join(lines)


def legend_text(unicode_ok: bool) -> Text:
    """What each mark means, in words: "· no session  ░ one  ▒ two  █ three or more"."""
    marks = UNICODE_MARKS if unicode_ok else ASCII_MARKS
    legend = Text("Each mark is a day:  ")
    for level, words in enumerate(LEVEL_WORDS):
        legend.append(marks[level], style=LEVEL_STYLES[level])
        legend.append(f" {words}" + ("  " if level < 3 else ""))
    return legend


class DayCalendar(Widget):
    """The calendar of days met, drawn to the widget's width."""

    DEFAULT_CSS = """
    DayCalendar { height: 8; width: 1fr; }
    """

    def __init__(self, days_met: dict[date, int], start: date, today: date, *, unicode_ok: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.days_met = days_met
        self.start = start
        self.today = today
        self.unicode_ok = unicode_ok

    def render(self) -> Text:
        """The calendar at the current width."""
        return calendar_text(self.days_met, self.start, self.today, unicode_ok=self.unicode_ok, width=self.size.width)
