"""How the history screens write a session in a few words: its day, its length, its ending, the
couple's words with a search match picked out; and which summaries a filter keeps. No widgets here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from rich.text import Text

from tui.core.session_status import ABANDONED, ENDED_EARLY, FINISHED, SWITCHED
from tui.core.wording import MONTHS, WEEKDAYS, date_in_words, local_date
from tui.widgets.partner_text import safe_text

ENDINGS = {  # short words for a column at 80x24 (the CLI tells it in full: core.session_story.HOW_IT_ENDED)
    FINISHED: "finished",
    ENDED_EARLY: "ended early",
    ABANDONED: "unfinished",
    SWITCHED: "switched",
}
KINDS = {"appreciation": "thanks", "answer": "answer", "reveal": "reveal", "follow-up": "follow-up"}
MATCH_STYLE = "reverse bold"  # reverse reads in 16 colours and with NO_COLOR too


def day_of(summary: dict[str, Any]) -> date | None:
    """The local calendar day a session started on, or None when its start is not a date."""
    return local_date(str(summary.get("started_at") or ""))


def day_words(day: date | None, today: date) -> str:
    """ "today", "last Tuesday", "Sun 3 March 2024": a day the way people say it."""
    if day is None:
        return "an unknown day"
    words = date_in_words(day, today)
    if words[:1].isdigit():  # not a near day: weekday, day, month and year, short enough for a column
        return f"{WEEKDAYS[day.weekday()][:3]} {day.day} {MONTHS[day.month - 1][:3]} {day.year}"
    return words


def month_of(summary: dict[str, Any]) -> str:
    """ "2024-03" for a session started in March 2024; "" when its start is not a date."""
    day = day_of(summary)
    return "" if day is None else f"{day.year:04d}-{day.month:02d}"


def month_words(month: str) -> str:
    """ "March 2024" for "2024-03"."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def short_length(seconds: Any) -> str:
    """ "24 min", "1 h 5 min", "40 s"; "-" when unknown."""
    if not isinstance(seconds, int | float) or isinstance(seconds, bool) or seconds < 0:
        return "-"
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    hours, minutes = divmod(round(total / 60), 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def speaking(summary: dict[str, Any], partner: str) -> str:
    """One partner's speaking time in the session, short; "-" when the session had no turns."""
    seconds = (summary.get("speaking_seconds") or {}).get(partner)
    return short_length(seconds) if seconds else "-"


def ending(summary: dict[str, Any]) -> str:
    """How the session ended, in words."""
    return ENDINGS.get(str(summary.get("status") or ""), "not finished")


def script_choices(summaries: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    """(title, script id) of every script in the history, by title."""
    titles: dict[str, str] = {}
    for summary in summaries:
        script_id = str(summary.get("script_id") or "")
        titles.setdefault(script_id, str(summary.get("script_title") or script_id or "no script"))
    return sorted(((title, script_id) for script_id, title in titles.items()), key=lambda pair: pair[0].casefold())


def month_choices(summaries: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
    """(words, "YYYY-MM") of every month that has a session, newest first."""
    months = sorted({month for summary in summaries if (month := month_of(summary))}, reverse=True)
    return [(month_words(month), month) for month in months]


def kept_by_filter(item: dict[str, Any], script_id: str | None, month: str | None) -> bool:
    """Whether a summary (or a search hit) is of that script and that month (None: any)."""
    if script_id is not None and str(item.get("script_id") or "") != script_id:
        return False
    return month is None or month_of(item) == month


def with_match(words: str, query: str, width: int) -> Text:
    """The words on one line, literally, around the first match of `query` (any case), every match
    picked out; long words are cut with "..." so the match stays in sight."""
    line = " ".join(words.split())
    pattern = re.compile(re.escape(" ".join(query.split())), re.IGNORECASE) if query.strip() else None
    first = pattern.search(line) if pattern else None
    start = 0
    if first is not None and first.end() > width - 3:
        start = max(0, first.start() - width // 3)
    shown = line[start:]
    prefix = "..." if start else ""
    if len(prefix) + len(shown) > width:
        shown = shown[: max(0, width - len(prefix) - 3)] + "..."
    text = Text(prefix)
    text.append_text(safe_text(shown))
    if pattern is not None:
        for found in pattern.finditer(shown):
            text.stylize(MATCH_STYLE, len(prefix) + found.start(), len(prefix) + found.end())
    return text
