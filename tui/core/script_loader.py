"""Build validated `Script` and `Deck` models from TOML, reporting every problem at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tui.core.problems import ScriptError
from tui.core.schema import Field, Reporter, check_table, suggestion, type_name
from tui.core.script_model import INTENSITIES, THEMES, Deck, DeckLookup, DeckQuestion, Script, Step
from tui.core.step_kinds import step_kind, step_kind_names
from tui.core.toml_files import TomlDocument, parse_toml_bytes, read_toml_file

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")

SCRIPT_FIELDS: dict[str, Field] = {
    "id": Field("text", required=True),
    "title": Field("text", required=True, max_length=60),
    "summary": Field("text", required=True, max_length=300),
    "method": Field("text", required=True, max_length=200),
    "tags": Field("text_list", max_length=30),
    "intensity": Field("choice", choices=INTENSITIES),
    "notes": Field("text", max_length=4000),
    "themes": Field("choice_list", choices=THEMES),
    "unequal": Field("bool"),
    "gentler": Field("text"),
    "remember_when": Field("bool"),
}

DECK_FIELDS: dict[str, Field] = {
    "id": Field("text", required=True),
    "title": Field("text", required=True, max_length=60),
    "summary": Field("text", max_length=300),
    "tags": Field("text_list", max_length=30),
    "opt_in": Field("bool"),
}
QUESTION_FIELDS: dict[str, Field] = {
    "text": Field("text", required=True, max_length=300),
    "intensity": Field("choice", choices=INTENSITIES),
}

def check_id(value: Any, place: str, report: Reporter) -> None:
    if isinstance(value, str) and value and not ID_PATTERN.match(value):
        report(place, f'"{value}" must use only lowercase letters, digits and dashes (at most 60)')


def check_top_level(data: dict[str, Any], allowed: dict[str, str], report: Reporter) -> None:
    for key, value in data.items():
        if key not in allowed:
            report(
                key,
                f'unknown table or key "{key}"{suggestion(key, list(allowed))}; '
                f"a file holds {' and '.join(allowed.values())}",
            )
        elif allowed[key].startswith("[[") and not isinstance(value, list):
            report(key, f"must be written as {allowed[key]} (an array of tables), got {type_name(value)}")
        elif (
            allowed[key].startswith("[") and not allowed[key].startswith("[[") and not isinstance(value, dict)
        ):
            report(key, f"must be a table written as {allowed[key]}, got {type_name(value)}")


def check_header(
    data: dict[str, Any],
    table: str,
    fields: dict[str, Field],
    report: Reporter,
    needs: str,
    header: Any = None,
) -> dict[str, Any]:
    """A file's `[table]`: reported when missing, checked against `fields`, its id checked; returns the
    valid keys. `header` replaces the raw table when the caller has already set something aside."""
    if table not in data:
        report(table, f"missing the [{table}] table with {needs}")
    header = data.get(table) if header is None else header
    meta = check_table(header, fields, table, report) if isinstance(header, dict) else {}
    check_id(meta.get("id"), f"{table}.id", report)
    return meta


def build_script(document: TomlDocument, find_deck: DeckLookup | None = None) -> Script:
    """Validate a parsed script document and build the `Script`, or raise `ScriptError`."""
    report = Reporter(document.path, document.line_for_place)
    data = document.data
    if "deck" in data and "script" not in data:
        report("deck", "this file is a question deck, not a script; decks belong in the decks/ folder")
        raise ScriptError(report.problems)
    check_top_level(data, {"script": "[script]", "steps": "[[steps]]"}, report)
    header = data.get("script")
    if isinstance(header, dict) and "steps" in header:
        # TOML puts every key below a [script] header into that table, so `steps = ...` lands there
        report(
            "script.steps",
            '"steps" is inside [script]; write each step as its own [[steps]] table after [script]',
        )
        header = {key: value for key, value in header.items() if key != "steps"}
    meta = check_header(data, "script", SCRIPT_FIELDS, report, "id, title, summary and method", header)
    check_id(meta.get("gentler"), "script.gentler", report)

    raw_steps = data.get("steps")
    steps: list[Step] = []
    if "steps" not in data:
        report("steps", "a script needs at least one [[steps]] table")
    elif isinstance(raw_steps, list):
        if not raw_steps:
            report("steps", "a script needs at least one [[steps]] table")
        for index, raw_step in enumerate(raw_steps, start=1):
            step = _build_step(raw_step, f"steps[{index}]", report, find_deck)
            if step is not None:
                steps.append(step)

    if not report.problems and not meta.get("unequal", False):
        _check_equal_time(meta, steps, report)
    if report.problems:
        raise ScriptError(report.problems)
    return Script(
        id=meta["id"],
        title=meta["title"],
        summary=meta["summary"],
        method=meta["method"],
        steps=tuple(steps),
        tags=tuple(meta.get("tags", ())),
        intensity=meta.get("intensity", "light"),
        notes=meta.get("notes", ""),
        themes=tuple(meta.get("themes", ())),
        unequal=meta.get("unequal", False),
        gentler=meta.get("gentler", ""),
        remember_when=meta.get("remember_when", False),
        source_path=document.path,
        content_hash=document.content_hash,
    )


def _build_step(raw: Any, place: str, report: Reporter, find_deck: DeckLookup | None) -> Step | None:
    if not isinstance(raw, dict):
        report(place, f"each step must be a [[steps]] table, got {type_name(raw)}")
        return None
    kind = raw.get("kind")
    names = step_kind_names()
    valid = ", ".join(names)
    if kind is None:
        report(f"{place}.kind", f'missing "kind"; it is one of: {valid}')
        return None
    if not isinstance(kind, str):
        report(
            f"{place}.kind",
            f'must be text in quotes like "turns", got {type_name(kind)}; valid kinds: {valid}',
        )
        return None
    if kind not in names:
        hint = suggestion(kind, list(names))
        report(f"{place}.kind", f'unknown step kind "{kind}"{hint}; valid kinds: {valid}')
        return None
    declared = step_kind(kind)
    before = report.count
    values = check_table(raw, declared.all_fields(), place, report)
    values.pop("kind", None)
    values.setdefault("title", declared.default_title)
    values.setdefault("text", "")
    if declared.check is not None:
        declared.check(values, place, report, find_deck)
    if report.count != before:
        return None
    return declared.model(kind=kind, **values)


def _check_equal_time(meta: dict[str, Any], steps: list[Step], report: Reporter) -> None:
    script = Script(id="", title="", summary="", method="", steps=tuple(steps))
    for session_first in ("a", "b"):
        totals = script.turn_seconds_by_partner(session_first)
        if abs(totals["a"] - totals["b"]) > 1e-6:
            report(
                "steps",
                f"speaking time is unequal ({totals['a'] / 60:g} min for one partner, "
                f"{totals['b'] / 60:g} for the other); balance the turns, or set unequal = true "
                "in [script] if that is meant",
            )
            return


def build_deck(document: TomlDocument) -> Deck:
    """Validate a parsed deck document and build the `Deck`, or raise `ScriptError`."""
    report = Reporter(document.path, document.line_for_place)
    data = document.data
    if "script" in data and "deck" not in data:
        report("script", "this file is a script, not a question deck; scripts do not belong in decks/")
        raise ScriptError(report.problems)
    check_top_level(data, {"deck": "[deck]", "questions": "[[questions]]"}, report)
    meta = check_header(data, "deck", DECK_FIELDS, report, "id and title")
    questions: list[DeckQuestion] = []
    raw_questions = data.get("questions")
    if "questions" not in data or raw_questions == []:  # a wrong type was reported above
        report("questions", "a deck needs at least one [[questions]] table")
    elif isinstance(raw_questions, list):
        for index, raw in enumerate(raw_questions, start=1):
            place = f"questions[{index}]"
            if not isinstance(raw, dict):
                report(place, f"each question must be a [[questions]] table, got {type_name(raw)}")
                continue
            values = check_table(raw, QUESTION_FIELDS, place, report)
            if "text" in values:
                questions.append(DeckQuestion(values["text"], values.get("intensity", "light")))
    if report.problems:
        raise ScriptError(report.problems)
    return Deck(
        id=meta["id"],
        title=meta["title"],
        summary=meta.get("summary", ""),
        questions=tuple(questions),
        tags=tuple(meta.get("tags", ())),
        source_path=document.path,
        opt_in=bool(meta.get("opt_in", False)),
    )


def load_script(path: Path, find_deck: DeckLookup | None = None) -> Script:
    """Read, validate and build one script file; raises only `ScriptError`."""
    return build_script(read_toml_file(path), find_deck)


def load_deck(path: Path) -> Deck:
    """Read, validate and build one deck file; raises only `ScriptError`."""
    return build_deck(read_toml_file(path))


def parse_script_bytes(raw: bytes, path: str = "<script>", find_deck: DeckLookup | None = None) -> Script:
    """Validate script bytes without touching the disk (used by tests and fuzzing)."""
    return build_script(parse_toml_bytes(raw, path), find_deck)
