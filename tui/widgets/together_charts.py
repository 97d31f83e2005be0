"""The bar and line charts of "Our time together", drawn by plotext through textual-plotext. Imported only
when that screen opens (plotext is not loaded at start-up): nothing else may import this module at its top."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from tui.core.together import MonthEnergy
from tui.core.wording import MONTHS

ASCII_FRAME = str.maketrans("┌┐└┘├┤┬┴┼─│", "+++++++++-|")  # plotext draws its frame in box characters
PLAIN_THEME = "clear"  # no background of its own, the terminal's colours: reads on every theme
BEFORE_COLOUR, AFTER_COLOUR = "cyan", "green"  # among the 16 ANSI colours; the marks differ too


def week_label(monday: date) -> str:
    """A week by its Monday: "3 Mar"."""
    return f"{monday.day} {MONTHS[monday.month - 1][:3]}"


def minute_scale(most: int) -> tuple[int, int]:
    """The top of the minutes axis and the step between its marks: round numbers of minutes, at most six
    steps up to the busiest week."""
    step = next((step for step in (5, 10, 15, 30, 60, 120, 300, 600) if -(-most // step) <= 6), 0)
    if not step:
        step = 600 * -(-most // 3600)
    return max(step * -(-most // step), step * 2), step


Draw = Callable[[Plot, int], None]  # give plotext a chart's data, for a drawing this many columns wide


class PlainPlot(PlotextPlot):
    """A plotext chart on the terminal's own colours, its frame in ASCII when Unicode cannot be drawn; its
    data given by `draw` before every drawing (plotext keeps no layout between sizes)."""

    DEFAULT_CSS = """
    PlainPlot { height: 12; width: 1fr; }
    """

    def __init__(self, draw: Draw, *, unicode_ok: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.give_data = draw
        self.unicode_ok = unicode_ok
        self.theme = PLAIN_THEME

    def render(self) -> Text:
        """The chart, drawn for the current size (its frame in ASCII when needed)."""
        self.plt.clear_figure()  # ticks and limits too: clear_data keeps the last drawing's, which leaked between sizes
        self.give_data(self.plt, self.size.width)
        text = super().render()
        if self.unicode_ok or not isinstance(text, Text):
            return text  # type: ignore[return-value]
        copy = text.copy()
        copy.plain = text.plain.translate(ASCII_FRAME)  # the same length: the colours stay where they were
        return copy


def weekly_minutes_chart(weeks: list[tuple[date, int]], *, unicode_ok: bool, id: str | None = None) -> PlainPlot:
    """Minutes together in each of the last weeks, as bars; weeks labelled every other one when narrow."""

    def draw(plt: Plot, width: int) -> None:
        every = 1 if width >= 100 else 2
        last = (len(weeks) - 1) % every
        labels = [week_label(monday) if index % every == last else "" for index, (monday, _) in enumerate(weeks)]
        labels[-1] = "this week"  # still under way: its bar may grow
        positions = list(range(len(weeks)))
        marker = "sd" if unicode_ok else "#"
        plt.bar(positions, [minutes for _, minutes in weeks], marker=marker, color="blue", width=0.6)
        plt.xticks(positions, labels)
        top, step = minute_scale(max(minutes for _, minutes in weeks))
        plt.yticks(list(range(0, top + 1, step)))
        plt.ylim(0, top)

    return PlainPlot(draw, unicode_ok=unicode_ok, id=id)


def energy_chart(energy: list[MonthEnergy], *, unicode_ok: bool, id: str | None = None) -> PlainPlot:
    """The couple's check-in before and after their sessions, month by month: two lines with their own
    marks (o before, * after; the screen says so in words, plotext's legend would cover the lines)."""

    def draw(plt: Plot, width: int) -> None:
        positions = list(range(len(energy)))
        for when, marker, colour in (("before", "o", BEFORE_COLOUR), ("after", "*", AFTER_COLOUR)):
            points = [(x, getattr(item, when)) for x, item in zip(positions, energy, strict=True)]
            points = [(x, y) for x, y in points if y is not None]
            if points:
                plt.plot([x for x, _ in points], [y for _, y in points], marker=marker, color=colour)
        plt.xticks(positions, [MONTHS[item.month.month - 1][:3] for item in energy])
        plt.yticks([1, 2, 3, 4, 5])
        plt.ylim(1, 5)
        plt.xlim(-0.5, max(len(energy) - 0.5, 0.5))

    return PlainPlot(draw, unicode_ok=unicode_ok, id=id)
