"""Build validated `Script` and `Deck` models from TOML, reporting every problem at once."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.core.problems import ScriptError
from tui.core.schema import Field, Reporter, check_table, suggestion, type_name
from tui.core.script_model import (
    FOLLOW_UP_KINDS,
    INTENSITIES,
    STEP_KINDS,
    THEMES,
    AppreciationStep,
    CaptureStep,
    CheckinStep,
    CloseStep,
    Deck,
    DeckQuestion,
    NoteStep,
    QuestionsStep,
    RevealStep,
    ReviewStep,
    Script,
    Step,
    TurnsStep,
)
from tui.core.toml_files import TomlDocument, parse_toml_bytes, read_toml_file

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
FIRST = ("rotate", "a", "b")
TITLE = Field("text", max_length=60)
TEXT = Field("text", max_length=2000)
MINUTES = Field("number", minimum=0.05, maximum=120, unit="minutes")
COUNT = Field("int", minimum=1, maximum=20)
GUIDE = Field("text", max_length=400)
DEFAULT_QUESTION_COUNT = 5  # cards drawn when a questions step gives no `count` (fewer if fewer exist)

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
}

COMMON_STEP_FIELDS: dict[str, Field] = {"kind": Field("text", required=True), "title": TITLE, "text": TEXT}

STEP_FIELDS: dict[str, dict[str, Field]] = {
    "note": {"minutes": MINUTES},
    "checkin": {
        "question": Field("text", max_length=200),
        "low_at": Field("int", minimum=1, maximum=4),
        "offer_gentler": Field("bool"),
    },
    "turns": {
        "minutes": Field("number", required=True, minimum=0.05, maximum=120, unit="minutes"),
        "rounds": COUNT,
        "first": Field("choice", choices=FIRST),
        "speakers": Field("choice", choices=("both", "first", "second")),
        "warn_seconds": Field("int", minimum=0, maximum=7200, unit="seconds"),
        "reflect": Field("choice", choices=("none", "paraphrase", "mirror")),
        "speaker_guide": GUIDE,
        "listener_guide": GUIDE,
        "topic": Field("text", max_length=300),
    },
    "appreciation": {
        "each": COUNT,
        "save": Field("bool"),
        "first": Field("choice", choices=FIRST),
        "starters": Field("text_list", max_length=120),
    },
    "questions": {
        "deck": Field("text"),
        "questions": Field("text_list", max_length=300),
        "count": COUNT,
        "answer": Field("choice", choices=("alternate", "both")),
        "intensity": Field("choice_list", choices=INTENSITIES),
        "first": Field("choice", choices=FIRST),
        "shuffle": Field("bool"),
    },
    "reveal": {
        "prompt": Field("text", required=True, max_length=300),
        "first": Field("choice", choices=FIRST),
    },
    "capture": {
        "prompt": Field("text", max_length=300),
        "kinds": Field("choice_list", choices=FOLLOW_UP_KINDS, minimum=1),
        "each": Field("bool"),
        "first": Field("choice", choices=FIRST),
    },
    "review": {"kinds": Field("choice_list", choices=FOLLOW_UP_KINDS, minimum=1)},
    "close": {"ritual": Field("text", max_length=300)},
}

STEP_CLASSES: dict[str, type[Step]] = {
    "note": NoteStep,
    "checkin": CheckinStep,
    "turns": TurnsStep,
    "appreciation": AppreciationStep,
    "questions": QuestionsStep,
    "reveal": RevealStep,
    "capture": CaptureStep,
    "review": ReviewStep,
    "close": CloseStep,
}

DEFAULT_TITLES = {
    "note": "A moment",
    "checkin": "Check-in",
    "turns": "Turns",
    "appreciation": "Appreciations",
    "questions": "Questions",
    "reveal": "Write, then reveal",
    "capture": "Something to carry forward",
    "review": "Looking back at follow-ups",
    "close": "Closing",
}

DECK_FIELDS: dict[str, Field] = {
    "id": Field("text", required=True),
    "title": Field("text", required=True, max_length=60),
    "summary": Field("text", max_length=300),
    "tags": Field("text_list", max_length=30),
}
QUESTION_FIELDS: dict[str, Field] = {
    "text": Field("text", required=True, max_length=300),
    "intensity": Field("choice", choices=INTENSITIES),
}

DeckLookup = Callable[[str], Deck | None]


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
        source_path=document.path,
        content_hash=document.content_hash,
    )


def _build_step(raw: Any, place: str, report: Reporter, find_deck: DeckLookup | None) -> Step | None:
    if not isinstance(raw, dict):
        report(place, f"each step must be a [[steps]] table, got {type_name(raw)}")
        return None
    kind = raw.get("kind")
    valid = ", ".join(STEP_KINDS)
    if kind is None:
        report(f"{place}.kind", f'missing "kind"; it is one of: {valid}')
        return None
    if not isinstance(kind, str):
        report(
            f"{place}.kind",
            f'must be text in quotes like "turns", got {type_name(kind)}; valid kinds: {valid}',
        )
        return None
    if kind not in STEP_KINDS:
        hint = suggestion(kind, list(STEP_KINDS))
        report(f"{place}.kind", f'unknown step kind "{kind}"{hint}; valid kinds: {valid}')
        return None
    fields = {**COMMON_STEP_FIELDS, **STEP_FIELDS[kind]}
    before = report.count
    values = check_table(raw, fields, place, report)
    values.pop("kind", None)
    values.setdefault("title", DEFAULT_TITLES[kind])
    values.setdefault("text", "")
    if kind == "note" and not values["text"].strip():
        report(f"{place}.text", "a note step needs some text to show")
    if kind == "turns":
        _check_turns(values, place, report)
    if kind == "questions":
        _check_questions(values, place, report, find_deck)
    if report.count != before:
        return None
    return STEP_CLASSES[kind](kind=kind, **values)


def _check_turns(values: dict[str, Any], place: str, report: Reporter) -> None:
    minutes = values.get("minutes")
    turn_seconds = None if minutes is None else round(minutes * 60.0, 3)
    warn = values.get("warn_seconds", 60 if turn_seconds is None or turn_seconds > 60 else 0)
    if turn_seconds is not None and warn >= turn_seconds:
        report(
            f"{place}.warn_seconds",
            f"the warning ({warn} s) must come before the end of a {minutes:g}-minute turn "
            f"({turn_seconds:g} s); use a smaller number or 0 for none",
        )
    values["warn_seconds"] = warn


def _check_questions(
    values: dict[str, Any], place: str, report: Reporter, find_deck: DeckLookup | None
) -> None:
    deck_id = values.get("deck", "")
    inline = values.get("questions", ())
    count_given = "count" in values
    count = values.get("count", DEFAULT_QUESTION_COUNT)
    if deck_id and inline:
        report(place, 'give either "deck" or "questions", not both')
        return
    if not deck_id and not inline:
        report(place, 'needs a "deck" (a deck id) or "questions" (a list of questions)')
        return
    wanted = set(values.get("intensity", ())) or set(INTENSITIES)
    if inline:
        if not count_given:
            values["count"] = min(DEFAULT_QUESTION_COUNT, len(inline))  # a short list is not a mistake
        elif count > len(inline):
            report(f"{place}.count", f"asks for {count} questions but only {len(inline)} are listed")
        return
    if find_deck is None:
        return
    deck = find_deck(deck_id)
    if deck is None:
        report(f"{place}.deck", f'no deck with id "{deck_id}" was found in sessions/decks/')
        return
    available = sum(1 for question in deck.questions if question.intensity in wanted)
    if not count_given and available > 0:
        values["count"] = min(DEFAULT_QUESTION_COUNT, available)
    elif count > available:
        report(f"{place}.count", f'asks for {count} questions but deck "{deck_id}" has {available} that fit')


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
