"""`hearthside history` (a table of sessions, newest first, or JSON) and `hearthside history show ID` (one
session told in order). Lists read the summaries only; only `show` reads a full record."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, TextIO

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tui.core.session_story import (
    SHORTEST_PREFIX,
    day_of,
    find_session_id,
    how_it_ended,
    length_in_words,
    session_story,
    story_facts,
    story_heading,
    when_in_words,
)
from tui.core.wording import count_of
from tui.paths import data_dir
from tui.store import FileHistoryStore, StoreError

EXIT_OK = 0
TABLE_ROWS = 200  # rows of the Rich table printed first; the rest are streamed in its layout
STREAMED_ROWS = 500  # rows written at once after it
SEPARATOR = " │ "  # between two cells of a row, as Rich draws it (no edges, no edge padding)
MIN_SCRIPT_WIDTH = 10
COLUMNS = (("When", 17), ("Script", None), ("Length", 10), ("How it went", 13), ("ID", SHORTEST_PREFIX))
EXIT_FAILED = 1


def read_history(args: argparse.Namespace) -> FileHistoryStore | None:
    """The history, read-only (listing changes nothing); None after saying why it cannot be read."""
    try:
        return FileHistoryStore.open_read_only(data_dir(args.data_dir))
    except (StoreError, OSError) as error:
        print(f"The history cannot be read: {error}", file=sys.stderr)
        return None


def chosen_summaries(summaries: list[dict[str, Any]], args: argparse.Namespace) -> list[dict[str, Any]]:
    """The summaries `--script`, `--since` and `--limit` keep, newest first."""
    kept = summaries
    if args.script:
        kept = [summary for summary in kept if summary.get("script_id") == args.script]
    if args.since:
        kept = [summary for summary in kept if (day := day_of(summary)) is not None and day >= args.since]
    return kept[: args.limit] if args.limit else kept


def newest_chosen(store: FileHistoryStore, args: argparse.Namespace) -> list[dict[str, Any]]:
    """What `chosen_summaries` keeps, read a year at a time, newest first, and no further back than it
    needs: `--limit 20` reads only the newest year's index (or two)."""
    kept: list[dict[str, Any]] = []
    for year in store.summaries_by_year():
        kept += chosen_summaries(year, args)
        if args.limit and len(kept) >= args.limit:
            break
        older = [day for summary in year if (day := day_of(summary)) is not None]
        if args.since and older and max(older) < args.since:
            break  # every later year is older still
    return kept[: args.limit] if args.limit else kept


def row_cells(summary: dict[str, Any], today: date) -> tuple[str, ...]:
    """One session's cells, in `COLUMNS` order."""
    return (
        when_in_words(summary, today),
        str(summary.get("script_title") or summary.get("script_id") or ""),
        length_in_words(summary),
        how_it_ended(summary.get("status")),
        str(summary.get("id") or "")[:SHORTEST_PREFIX],
    )


def history_table(summaries: Sequence[dict[str, Any]], today: date, header: bool = True) -> Table:
    """The sessions as a Rich table with fixed column widths (so tables printed one after another line
    up); every cell is literal text, since a script title may look like markup."""
    table = Table(show_edge=False, pad_edge=False, header_style="bold", show_header=header)
    for column, width in COLUMNS:
        table.add_column(column, overflow="fold", width=width, ratio=None if width else 1)
    for summary in summaries:
        table.add_row(*(Text(cell) for cell in row_cells(summary, today)))
    return table


def column_widths(console: Console) -> list[int] | None:
    """The widths Rich gives `history_table`'s columns on this console (the script's takes what the others
    leave of the line), or None when the line is too narrow for the fixed ones to keep their width."""
    fixed = sum(width or 0 for _, width in COLUMNS) + len(SEPARATOR) * (len(COLUMNS) - 1)
    left = console.width - fixed
    return None if left < MIN_SCRIPT_WIDTH else [width or left for _, width in COLUMNS]


class RowPrinter:
    """Rows laid out as `history_table` lays them out, without a Rich table: each cell wrapped by Rich
    (once per distinct text and width, as few texts repeat but titles do) and padded to its width."""

    def __init__(self, console: Console, widths: list[int]) -> None:
        self.console = console
        self.widths = widths
        self._wrapped: dict[tuple[str, int], list[str]] = {}

    def lines_of(self, text: str, width: int) -> list[str]:
        """`text` folded into lines of `width` cells, each padded to it."""
        if "\n" not in text and cell_len(text) <= width:
            return [set_cell_size(text, width)]
        found = self._wrapped.get((text, width))
        if found is None:
            wrapped = Text(text).wrap(self.console, width, justify="left", overflow="fold")
            found = self._wrapped[text, width] = [set_cell_size(line.plain, width) for line in wrapped]
        return found

    def row(self, cells: Sequence[str]) -> str:
        """One row: as many lines as its tallest cell, the others blank below."""
        columns = [self.lines_of(cell, width) for cell, width in zip(cells, self.widths, strict=True)]
        tall = max(len(lines) for lines in columns)
        if tall == 1:
            return SEPARATOR.join(lines[0] for lines in columns)
        blank = [" " * width for width in self.widths]
        return "\n".join(
            SEPARATOR.join(lines[at] if at < len(lines) else blank[index] for index, lines in enumerate(columns))
            for at in range(tall)
        )


def print_history_table(console: Console, summaries: Sequence[dict[str, Any]], today: date) -> None:
    """Print the first TABLE_ROWS rows as a Rich table (its header and rule), then the rest streamed
    line by line in the same layout, a page of text at a time: Rich measures every row of a table, which
    for 10,000 rows takes seconds. On a line too narrow for that layout, Rich tables all the way."""
    console.print(history_table(summaries[:TABLE_ROWS], today))
    widths = column_widths(console)
    if widths is None:
        for start in range(TABLE_ROWS, len(summaries), TABLE_ROWS):
            console.print(history_table(summaries[start : start + TABLE_ROWS], today, header=False))
        return
    printer = RowPrinter(console, widths)
    for start in range(TABLE_ROWS, len(summaries), STREAMED_ROWS):
        page = [printer.row(row_cells(summary, today)) for summary in summaries[start : start + STREAMED_ROWS]]
        console.file.write("\n".join(page) + "\n")
    console.file.flush()


def command_history(args: argparse.Namespace, out: TextIO | None = None, today: date | None = None) -> int:
    """`hearthside history` and `hearthside history show ID`."""
    out = out or sys.stdout
    store = read_history(args)
    if store is None:
        return EXIT_FAILED
    today = today or date.today()
    if args.history_command == "show":
        return show_session(store, store.session_summaries(), args, out, today)
    chosen = newest_chosen(store, args)
    if args.json:
        json.dump(chosen, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return EXIT_OK
    console = Console(file=out, highlight=False)
    total = store.session_count(finished_only=False)
    if not chosen:
        console.print(Text("No sessions here yet." if not total else "No sessions match."))
        return EXIT_OK
    print_history_table(console, chosen, today)
    shown = count_of(len(chosen), "session")
    console.print(Text(f"{shown} of {total:,}. `hearthside history show ID` tells one of them."))
    return EXIT_OK


def show_session(
    store: FileHistoryStore, summaries: list[dict[str, Any]], args: argparse.Namespace, out: TextIO, today: date
) -> int:
    """Print one session: a heading, then each part of it in order, the couple's words literal."""
    session_id, problem = find_session_id(summaries, args.session_id)
    record = store.session(session_id) if session_id else None
    if record is None:
        print(problem or f"The session {args.session_id} cannot be read from the history.", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        json.dump(record, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return EXIT_OK
    statuses = {str(item.get("id")): str(item.get("status")) for item in store.follow_ups()}
    console = Console(file=out, highlight=False)
    when, title = story_heading(record, today)
    console.print(Text.assemble((f"{when}: ", "bold"), (title, "bold")))
    console.print(Text(story_facts(record)))
    for section in session_story(record, statuses):
        console.print()
        console.print(Text(section.title, style="bold underline"))
        for line in section.lines:
            console.print(Padding(Text(line.label, style="bold" if line.words else ""), (0, 0, 0, 2), expand=False))
            if line.words:
                console.print(Padding(Text(line.words), (0, 0, 0, 4), expand=False))
    console.print(Text(f"\nid {record.get('id')}", style="dim"))
    return EXIT_OK

