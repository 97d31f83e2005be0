"""Programs: an ordered list of scripts spread over weeks, validated like scripts and decks."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from tui.core.frozen import frozen
from tui.core.problems import ScriptError
from tui.core.schema import Field, Reporter, check_table, suggestion, type_name
from tui.core.script_loader import check_header, check_id, check_top_level
from tui.core.script_model import THEMES
from tui.core.toml_files import TomlDocument, parse_toml_bytes, read_toml_file

PROGRAM_FIELDS: dict[str, Field] = {
    "id": Field("text", required=True),
    "title": Field("text", required=True, max_length=60),
    "summary": Field("text", required=True, max_length=300),
    "notes": Field("text", max_length=4000),
    "tags": Field("text_list", max_length=30),
    "themes": Field("choice_list", choices=THEMES),
}
PART_FIELDS: dict[str, Field] = {
    "script": Field("text", required=True),
    "title": Field("text", required=True, max_length=60),
    "text": Field("text", max_length=600),
    "times": Field("int", minimum=1, maximum=30),
    "every_days": Field("int", minimum=1, maximum=30, unit="days"),
    "spacing": Field("text", max_length=80),
}
NUMBER_WORDS = {2: "twice", 3: "three times", 4: "four times", 5: "five times", 6: "six times"}


def describe_spacing(times: int, every_days: int) -> str:
    """Plain words for how often a part is suggested, such as "every day for a week" or "once"."""
    if times == 1:
        if every_days == 1:
            return "once"
        rest = "a day" if every_days == 2 else f"{every_days - 1} days"
        return f"once, then {rest} off"
    count = NUMBER_WORDS.get(times, f"{times} times")
    if every_days == 1:
        span = "a week" if times == 7 else f"{times} days"
        return f"every day for {span}"
    if every_days == 2:
        return f"every other day, {count}"
    if every_days == 7:
        return f"once a week, {count}"
    return f"every {every_days} days, {count}"


@frozen
class ProgramPart:
    """One part of a program: a script to sit `times` times, `every_days` apart."""

    script: str
    title: str
    text: str = ""
    times: int = 1
    every_days: int = 1
    spacing: str = ""

    @property
    def spacing_text(self) -> str:
        """The spacing in words: the file's own, or one made from `times` and `every_days`."""
        return self.spacing or describe_spacing(self.times, self.every_days)

    @property
    def days(self) -> int:
        """Days this part takes before the next one begins."""
        return self.times * self.every_days


@frozen
class ProgramPosition:
    """Where the next sitting of a program falls: which part, and which sitting within it (from 1)."""

    part_index: int
    sitting: int
    part: ProgramPart
    start_day: int


@frozen
class Program:
    """A plan over weeks: ordered parts, each naming a script and a suggested spacing."""

    id: str
    title: str
    summary: str
    parts: tuple[ProgramPart, ...]
    notes: str = ""
    tags: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    source_path: str = ""
    content_hash: str = ""

    def script_ids(self) -> tuple[str, ...]:
        """The scripts the program uses, in order, each once."""
        return tuple(dict.fromkeys(part.script for part in self.parts))

    def total_sittings(self) -> int:
        """How many sessions the whole program suggests."""
        return sum(part.times for part in self.parts)

    def planned_days(self) -> int:
        """How many days the program spans at its suggested spacing."""
        return sum(part.days for part in self.parts)

    def length_words(self) -> str:
        """The program's size in words: "21 sessions over about 5 weeks" (whole weeks, at least one)."""
        weeks = max(1, round(self.planned_days() / 7))
        sessions = self.total_sittings()
        return f"{sessions} session{'' if sessions == 1 else 's'} over about {weeks} week{'' if weeks == 1 else 's'}"

    def locate(self, sittings_done: int) -> ProgramPosition | None:
        """The part and sitting that come after `sittings_done` sessions, or None when all are done."""
        remaining = max(0, sittings_done)
        day = 0
        for index, part in enumerate(self.parts):
            if remaining < part.times:
                return ProgramPosition(index, remaining + 1, part, day + remaining * part.every_days)
            remaining -= part.times
            day += part.days
        return None


def build_program(document: TomlDocument, known_scripts: Collection[str] | None = None) -> Program:
    """Validate a parsed program document and build the `Program`, or raise `ScriptError`.

    When `known_scripts` is given, every part must name one of those script ids.
    """
    report = Reporter(document.path, document.line_for_place)
    data = document.data
    check_top_level(data, {"program": "[program]", "parts": "[[parts]]"}, report)
    meta = check_header(data, "program", PROGRAM_FIELDS, report, "id, title and summary")
    parts: list[ProgramPart] = []
    raw_parts = data.get("parts")
    if not raw_parts:
        report("parts", "a program needs at least one [[parts]] table")
    elif isinstance(raw_parts, list):
        for index, raw in enumerate(raw_parts, start=1):
            part = _build_part(raw, f"parts[{index}]", report, known_scripts)
            if part is not None:
                parts.append(part)
    if report.problems:
        raise ScriptError(report.problems)
    return Program(
        id=meta["id"],
        title=meta["title"],
        summary=meta["summary"],
        parts=tuple(parts),
        notes=meta.get("notes", ""),
        tags=tuple(meta.get("tags", ())),
        themes=tuple(meta.get("themes", ())),
        source_path=document.path,
        content_hash=document.content_hash,
    )


def _build_part(
    raw: Any, place: str, report: Reporter, known_scripts: Collection[str] | None
) -> ProgramPart | None:
    if not isinstance(raw, dict):
        report(place, f"each part must be a [[parts]] table, got {type_name(raw)}")
        return None
    before = report.count
    values = check_table(raw, PART_FIELDS, place, report)
    script_id = values.get("script")
    check_id(script_id, f"{place}.script", report)
    if known_scripts is not None and script_id and script_id not in known_scripts:
        hint = suggestion(script_id, sorted(known_scripts))
        report(f"{place}.script", f'no script with id "{script_id}" was found{hint}')
    if report.count != before:
        return None
    return ProgramPart(**values)


def load_program(path: Path, known_scripts: Collection[str] | None = None) -> Program:
    """Read, validate and build one program file; raises only `ScriptError`."""
    return build_program(read_toml_file(path), known_scripts)


def parse_program_bytes(
    raw: bytes, path: str = "<program>", known_scripts: Collection[str] | None = None
) -> Program:
    """Validate program bytes without touching the disk (used by tests)."""
    return build_program(parse_toml_bytes(raw, path), known_scripts)
