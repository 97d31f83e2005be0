"""What each history table's documents must look like, declared once, and the pure split of a table into
the documents the code can use and those it cannot, each with a plain reason.

Required fields and types follow what the code really reads (tables.py, session_record.py, the engine's
snapshot and restore, Settings.from_dict); fields not declared here are left alone, so a newer or older
Hearthside may add its own. Optional fields may be missing or null.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import field
from typing import Any

from tui.core.frozen import frozen
from tui.store.json_kinds import (
    LIST,
    NUMBER,
    OBJECT,
    TEXT,
    TRUE_FALSE,
    WHOLE,
    Kind,
    kind_of,
    list_of,
    object_with,
)

SUMMARY_TEXT_FIELDS = (  # a summary's plain fields, copied from its session (`tables.summary_of`)
    "id",
    "status",
    "script_id",
    "script_title",
    "started_at",
    "ended_at",
    "first_speaker",
    "program_id",
)


# -- kinds the tables share -----------------------------------------------------------------------
NAMED = object_with("an object with a name", {"name": TEXT})
PARTNERS = object_with('the two partners ({"a": {"name": ...}, "b": {...}})', {"a": NAMED, "b": NAMED})
LIST_OF_OBJECTS = list_of(OBJECT)
NUMBERS_BY_PARTNER = object_with("numbers by partner", {"a": NUMBER, "b": NUMBER})
TIMES_BY_KIND = object_with("whole numbers by kind", {}, values=WHOLE)
LOG = object_with("a session log (lists of objects)", {}, values=LIST_OF_OBJECTS)


# -- fields and tables ----------------------------------------------------------------------------
@frozen
class Field:
    """One field of a document: its kind, and whether the code cannot do without it."""

    kind: Kind
    required: bool = False


def required(kind: Kind) -> Field:
    """A field every document of the table must carry, not null."""
    return Field(kind, required=True)


def optional(kind: Kind) -> Field:
    """A field that may be missing or null, but is of `kind` when it is there."""
    return Field(kind)


@frozen
class TableSchema:
    """The documents of one table: what one is called in a reason, and its fields.

    `falls_back`: the code reading this table already replaces a value of the wrong type by its default
    (Settings.from_dict), so such a value is worth a note, never a reason to set the document aside.
    """

    called: str
    plural: str
    fields: Mapping[str, Field]
    falls_back: bool = False
    non_empty_text: tuple[str, ...] = field(default=())
    required_names: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        names = tuple(name for name, spec in self.fields.items() if spec.required)
        object.__setattr__(self, "required_names", names)


TEXT_ID = required(TEXT)
SESSION_FIELDS: dict[str, Field] = {
    "id": TEXT_ID,
    "format": optional(WHOLE),
    "status": optional(TEXT),
    "script_id": optional(TEXT),
    "script_title": optional(TEXT),
    "script_hash": optional(TEXT),
    "method": optional(TEXT),
    "partners": optional(PARTNERS),
    "first_speaker": optional(TEXT),
    "started_at": optional(TEXT),
    "ended_at": optional(TEXT),
    "saved_at": optional(TEXT),
    "duration_seconds": optional(NUMBER),
    "switched_to": optional(TEXT),
    "program_id": optional(TEXT),
    "steps": optional(LIST_OF_OBJECTS),
    "speaking_seconds": optional(NUMBERS_BY_PARTNER),
    "overtime_seconds": optional(NUMBERS_BY_PARTNER),
    "draft": optional(OBJECT),
    **{
        name: optional(LIST_OF_OBJECTS)
        for name in (
            "turns",
            "time_outs",
            "checkins",
            "appreciations",
            "answers",
            "favourites",
            "reveals",
            "follow_ups",
            "reviews",
            "notes",
        )
    },
}
FOLLOW_UP_FIELDS: dict[str, Field] = {
    "id": TEXT_ID,
    "kind": optional(TEXT),
    "owner": optional(TEXT),
    "written_by": optional(TEXT),
    "text": optional(TEXT),
    "status": optional(TEXT),
    "created_at": optional(TEXT),
    "status_changed_at": optional(TEXT),
    "last_reviewed_at": optional(TEXT),
    "session_id": optional(TEXT),
    "script_id": optional(TEXT),
}
CHECKPOINT_FIELDS: dict[str, Field] = {
    "id": TEXT_ID,
    "format": optional(WHOLE),
    "script_id": optional(TEXT),
    "script_hash": optional(TEXT),
    "script_title": optional(TEXT),
    "script_path": optional(TEXT),
    "method": optional(TEXT),
    "partners": optional(PARTNERS),
    "first_speaker": optional(TEXT),
    "seed": optional(WHOLE),
    "program_id": optional(TEXT),
    "gentler_script_id": optional(TEXT),
    "open_follow_ups": optional(LIST_OF_OBJECTS),
    "prefilled_checkins": optional(OBJECT),
    "status": optional(TEXT),
    "started_at": optional(TEXT),
    "elapsed_seconds": optional(NUMBER),
    "step_index": optional(WHOLE),
    "step_outcomes": optional(LIST_OF_OBJECTS),
    "runner": optional(OBJECT),
    "time_out": optional(
        object_with("a time-out", {"by": TEXT, "started_at": TEXT, "step": WHOLE, "seconds": NUMBER})
    ),
    "draft": optional(TEXT),
    "draft_by": optional(TEXT),
    "log": optional(LOG),
    "saved_at": optional(TEXT),
}
SETTINGS_FIELDS: dict[str, Field] = {
    "name_a": optional(TEXT),
    "name_b": optional(TEXT),
    "colour_a": optional(TEXT),
    "colour_b": optional(TEXT),
    "bell": optional(TRUE_FALSE),
    "theme": optional(TEXT),
    "welcome_seen": optional(TRUE_FALSE),
    "extra": optional(OBJECT),
}
META_FIELDS: dict[str, Field] = {"schema_version": required(WHOLE), "year": optional(TEXT)}
YEAR_TOTALS_FIELDS: dict[str, Field] = {
    "year": required(TEXT),
    "sessions": required(WHOLE),
    "together": required(WHOLE),
    "programs": optional(TIMES_BY_KIND),
    "newest": optional(LIST),
}
SUMMARY_FIELDS: dict[str, Field] = {
    "id": TEXT_ID,
    **{name: optional(TEXT) for name in SUMMARY_TEXT_FIELDS if name != "id"},
    "partners": optional(object_with("names by partner", {"a": TEXT, "b": TEXT})),
    "duration_seconds": optional(NUMBER),
    "speaking_seconds": optional(NUMBERS_BY_PARTNER),
    "counts": optional(TIMES_BY_KIND),
    "checkins": optional(  # each partner's first rating, and their last when they rated again
        object_with("check-ins before and after", {"before": NUMBERS_BY_PARTNER, "after": NUMBERS_BY_PARTNER})
    ),
}

SCHEMAS: dict[str, TableSchema] = {
    "sessions": TableSchema("session", "sessions", SESSION_FIELDS, non_empty_text=("id",)),
    "follow_ups": TableSchema("follow-up", "follow-ups", FOLLOW_UP_FIELDS, non_empty_text=("id",)),
    "checkpoints": TableSchema(
        "unfinished session (checkpoint)",
        "unfinished sessions (checkpoints)",
        CHECKPOINT_FIELDS,
        non_empty_text=("id",),
    ),
    "settings": TableSchema("settings", "settings", SETTINGS_FIELDS, falls_back=True),
    "_meta": TableSchema("format note (_meta)", "format notes (_meta)", META_FIELDS),
    "years": TableSchema("year totals", "year totals", YEAR_TOTALS_FIELDS),
    "summaries": TableSchema("session summary", "session summaries", SUMMARY_FIELDS, non_empty_text=("id",)),
}


# -- checking documents ---------------------------------------------------------------------------
def is_doc_id(doc_id: object) -> bool:
    """A TinyDB document id: ASCII decimal digits that `int()` reads ("²".isdigit() is True, int() fails)."""
    limit = sys.get_int_max_str_digits() or sys.maxsize
    return isinstance(doc_id, str) and 0 < len(doc_id) <= limit and doc_id.isascii() and doc_id.isdigit()


def document_problem(schema: TableSchema, document: object) -> str | None:
    """Why `document` cannot be used as one of `schema`'s documents, or None when it can."""
    if not isinstance(document, dict):
        return f"it is {kind_of(document)}, not an object"
    fields = schema.fields
    for name, value in document.items():
        spec = fields.get(name)
        if spec is None or value is None or schema.falls_back:
            continue
        kind = spec.kind
        if type(value) not in kind.plain and kind.check(value) is not None:
            return kind.problem(name, value)
        if value == "" and name in schema.non_empty_text:
            return f"its {name} is empty text"
    if schema.falls_back:
        return None
    for name in schema.required_names:
        if document.get(name) is None:
            return f"it has no {name}" if name not in document else f"its {name} is null"
    return None


def fallbacks(schema: TableSchema, document: object) -> list[str]:
    """For a table whose reader falls back to defaults: each value that will be ignored, in words."""
    if not schema.falls_back or not isinstance(document, dict):
        return []
    found = []
    for name, spec in schema.fields.items():
        value = document.get(name)
        if value is not None and not spec.kind.fits(value):
            found.append(f"{spec.kind.problem(name, value)}; Hearthside uses its default")
    return found


@frozen
class Unusable:
    """A document the code cannot use: where it was and why, with the document exactly as it was read."""

    table: str
    doc_id: str
    document: object
    reason: str


def called(table: str, count: int = 1) -> str:
    """What one document of `table` is called in words ("session"), or several ("sessions")."""
    schema = SCHEMAS.get(table)
    if schema is None:
        return f'record of "{table}"' if count == 1 else f'records of "{table}"'
    return schema.called if count == 1 else schema.plural


def reason_for(table: str, doc_id: object, problem: str) -> str:
    """ "session under doc id 7: its id is a number (42), not text"."""
    where = doc_id if is_doc_id(doc_id) else f'"{doc_id}"'
    return f"{called(table)} under doc id {where}: {problem}"


def split_table(table: str, documents: Mapping[Any, Any]) -> tuple[dict[Any, Any], list[Unusable]]:
    """The documents of `table` the code can use (the same objects, same doc ids) and those it cannot;
    a table without a schema keeps every document whose doc id is sound."""
    schema = SCHEMAS.get(table)
    usable: dict[Any, Any] = {}
    unusable: list[Unusable] = []
    for doc_id, document in documents.items():
        if not is_doc_id(doc_id):
            problem: str | None = "its doc id is not a whole number written in the digits 0-9"
        elif schema is None:
            problem = None if isinstance(document, dict) else f"it is {kind_of(document)}, not an object"
        else:
            problem = document_problem(schema, document)
        if problem is None:
            usable[doc_id] = document
        else:
            unusable.append(Unusable(table, str(doc_id), document, reason_for(table, doc_id, problem)))
    return usable, unusable


def split_history(data: dict[Any, Any]) -> tuple[dict[Any, Any], list[Unusable]]:
    """One file's parsed data split into what the code can use and what it cannot. When everything fits,
    `data` itself is returned (no copy); otherwise a new outer dict whose tables are new only where a
    document was taken out. A value that is not a table of documents is left as it is."""
    unusable: list[Unusable] = []
    changed: dict[Any, Any] = {}
    for name, documents in data.items():
        if not isinstance(documents, dict):
            continue
        usable, left_out = split_table(str(name), documents)
        if left_out:
            unusable += left_out
            changed[name] = usable
    if not unusable:
        return data, []
    return {name: changed.get(name, documents) for name, documents in data.items()}, unusable
