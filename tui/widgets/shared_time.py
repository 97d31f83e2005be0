"""How the speaking time was shared, month by month: each bar is the whole of a month's speaking time, split
between the two partners (each part in their colour and with its own mark, and in words)."""

from __future__ import annotations

from rich.text import Text

from tui.core.together import MonthSpeaking
from tui.core.wording import MONTHS
from tui.widgets.partner_text import PartnerLook, safe_text

UNICODE_PARTS = {"a": "█", "b": "░"}
ASCII_PARTS = {"a": "#", "b": "="}
MONTH_WIDTH = 9  # "Mar 2026 "


def shares(month: MonthSpeaking) -> tuple[int, int]:
    """Each partner's part in whole percent, adding up to 100."""
    a = round(month.a_share * 100)
    return a, 100 - a


def shared_bars(months: list[MonthSpeaking], look: PartnerLook, *, unicode_ok: bool, width: int) -> Text:
    """One split bar per month, oldest first, with both parts in words after it."""
    parts = UNICODE_PARTS if unicode_ok else ASCII_PARTS
    words_width = 12
    bar_width = max(10, min(40, width - MONTH_WIDTH - words_width - 2))
    lines = []
    for month in months:
        a_percent, b_percent = shares(month)
        a_cells = round(month.a_share * bar_width)
        line = Text(f"{MONTHS[month.month.month - 1][:3]} {month.month.year} ", style="dim")
        line.append(parts["a"] * a_cells, style=look.colour("a"))
        line.append(parts["b"] * (bar_width - a_cells), style=look.colour("b"))
        line.append(f"  {a_percent}% / {b_percent}%")
        lines.append(line)
    return Text("\n").join(lines)


def shared_legend(look: PartnerLook, *, unicode_ok: bool) -> Text:
    """Whose part is whose: "█ Maya  ░ Jonah", then what a bar is."""
    parts = UNICODE_PARTS if unicode_ok else ASCII_PARTS
    legend = Text()
    for partner in ("a", "b"):
        legend.append(parts[partner], style=look.colour(partner))  # type: ignore[arg-type]
        legend.append(" ")
        legend.append_text(safe_text(look.name(partner), "bold"))  # type: ignore[arg-type]
        legend.append("  ")
    legend.append("- each bar is the whole of a month's speaking time, shared between you.")
    return legend
