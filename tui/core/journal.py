"""The history as a gentle Markdown journal (a heading per session, the couple's words quoted) and as CSV
(one row per session), for `hearthside export`. Both are built a session at a time: linear in the years."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from tui.core.session_story import full_date, how_it_ended, length_in_words, partner_name, session_story

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
LINE_START_MARKER = re.compile(r"^(\s*)(\d*)([-+=.)])", re.MULTILINE)  # a list item, a heading underline
CSV_COLUMNS = (
    "id",
    "started_at",
    "ended_at",
    "script_id",
    "script_title",
    "status",
    "duration_seconds",
    "partner_a",
    "partner_b",
    "speaking_seconds_a",
    "speaking_seconds_b",
    "checkin_first_a",
    "checkin_first_b",
    "checkin_last_a",
    "checkin_last_b",
    "appreciations",
    "answers",
    "reveals",
    "follow_ups",
    "time_outs",
)


def markdown_literal(text: str) -> str:
    """Text shown exactly as typed in Markdown: every character Markdown could read as markup escaped,
    line breaks kept inside the quote."""
    escaped = LINE_START_MARKER.sub(r"\1\2\\\3", MARKDOWN_SPECIAL.sub(r"\\\1", text))
    return escaped.replace("\n", "  \n> ")


def markdown_journal(
    records: Iterable[Mapping[str, Any]], statuses: Mapping[str, str], names: tuple[str, str] | None = None
) -> Iterator[str]:
    """The journal's text, piece by piece, sessions in the order given (newest first from the store)."""
    title = f"Our time together: {names[0]} and {names[1]}" if names else "Our time together"
    yield f"# {markdown_literal(title)}\n\n"
    for record in records:
        script = markdown_literal(str(record.get("script_title") or record.get("script_id") or "A session"))
        yield f"## {full_date(record)}: {script}\n\n"
        facts = [
            f"{partner_name(record, 'a')} and {partner_name(record, 'b')}",
            length_in_words(record),
            how_it_ended(record.get("status")),
        ]
        yield f"*{markdown_literal(', '.join(fact for fact in facts if fact))}*\n\n"
        for section in session_story(record, statuses):
            yield f"### {section.title}\n\n"
            for line in section.lines:
                label = f"**{markdown_literal(line.label)}**" if line.label else ""
                if line.words:
                    yield f"- {label}\n\n  > {markdown_literal(line.words)}\n\n" if label else f"> {markdown_literal(line.words)}\n\n"
                else:
                    yield f"- {markdown_literal(line.label)}\n"
            yield "\n"


def checkin_values(record: Mapping[str, Any]) -> dict[str, Any]:
    """Each partner's first and last check-in rating of the session ("" when none)."""
    found: dict[str, list[Any]] = {"a": [], "b": []}
    for checkin in record.get("checkins") or []:
        if isinstance(checkin, Mapping) and checkin.get("partner") in found:
            found[checkin["partner"]].append(checkin.get("value"))
    values: dict[str, Any] = {}
    for key, ratings in found.items():
        values[f"checkin_first_{key}"] = ratings[0] if ratings else ""
        values[f"checkin_last_{key}"] = ratings[-1] if len(ratings) > 1 else ""
    return values


def csv_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """One session as a CSV row (see CSV_COLUMNS)."""
    speaking = record.get("speaking_seconds") if isinstance(record.get("speaking_seconds"), Mapping) else {}
    row: dict[str, Any] = {key: record.get(key, "") for key in CSV_COLUMNS[:7]}
    row.update(
        partner_a=partner_name(record, "a"),
        partner_b=partner_name(record, "b"),
        speaking_seconds_a=speaking.get("a", ""),
        speaking_seconds_b=speaking.get("b", ""),
        **checkin_values(record),
    )
    for name in ("appreciations", "answers", "reveals", "follow_ups", "time_outs"):
        row[name] = len(record.get(name) or [])
    return row


def csv_table(records: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """The CSV text, a header then a row per session."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(csv_row(record))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
