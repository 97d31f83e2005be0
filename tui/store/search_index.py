"""The words index: per year, beside its sessions file, every text a search looks in (appreciations,
answers, follow-ups, reveal answers) with what a hit shows, so a search never parses the full records.
Written by the same change as its year file (so the redo log keeps the two together); a year without
one is searched in its sessions file instead, the same way."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import tui.store.tables as tables

TEXTS = "texts"  # the words file's table: one document per session, under the session's doc id
INDEX_FORMAT = 2  # the year indexes' format: older ones are rebuilt from their year file once (2: words files)
SEARCHED_TEXTS = (  # (list in a record, what a hit there is called, who wrote it)
    ("appreciations", "appreciation", "from"),
    ("answers", "answer", "partner"),
    ("follow_ups", "follow-up", "written_by"),
)
SESSION_FIELDS = ("id", "started_at", "ended_at", "script_id", "script_title")
HIT_FIELDS = ("started_at", "script_id", "script_title", "id")  # a hit's session, in `search_texts`' order


def searched_texts(record: dict[str, Any]) -> Iterator[tuple[str, Any, Any, Any]]:
    """(kind, by, text, step) of every text a search looks in, in the record's order: appreciations,
    answers, follow-ups, then the reveal answers (partner by partner)."""
    for name, kind, author in SEARCHED_TEXTS:
        for item in record.get(name) or ():
            if isinstance(item, dict):
                yield kind, item.get(author) or item.get("owner"), item.get("text"), item.get("step")
    for reveal in record.get("reveals") or ():
        answers = reveal.get("answers") if isinstance(reveal, dict) else None
        for partner, text in sorted((answers or {}).items()) if isinstance(answers, dict) else ():
            yield "reveal", partner, text, reveal.get("step")


def scalar(value: Any) -> Any:
    """A JSON scalar as it is; anything else (a list, an object) as a copy, never shared with a parse."""
    return value if value is None or isinstance(value, str | int | float | bool) else tables.detached(value)


def texts_of(record: dict[str, Any]) -> dict[str, Any]:
    """A session's document in the words file: what a hit shows of the session, and its texts as
    [kind, by, step, text] (only texts: a search matches nothing else)."""
    entry: dict[str, Any] = {key: record.get(key) for key in SESSION_FIELDS}
    entry[TEXTS] = [
        [kind, by if by in ("a", "b") else None, scalar(step), text]
        for kind, by, text, step in searched_texts(record)
        if isinstance(text, str)
    ]
    return entry


def matches_in(record: dict[str, Any], folded: str) -> list[dict[str, Any]]:
    """Every appreciation, answer, reveal answer and follow-up of one full record whose text holds
    `folded` (already casefolded), in the record's order."""
    base = {"started_at": record.get("started_at"), "script_id": record.get("script_id")}
    base.update(script_title=record.get("script_title"), session_id=record.get("id"))
    return [
        {**base, "kind": kind, "by": by if by in ("a", "b") else None, "text": text, "step": step}
        for kind, by, text, step in searched_texts(record)
        if isinstance(text, str) and folded in text.casefold()
    ]


def search_texts(texts: dict[str, dict[str, Any]], folded: str) -> list[dict[str, Any]]:
    """The hits for `folded` (already casefolded) in a words file's table, newest session first, each
    session's in its record's order (new dicts). A table not of `texts_of`'s shape raises TypeError,
    IndexError, KeyError or AttributeError."""
    found: list[dict[str, Any]] = []
    for session in tables.sessions_newest_first(list(texts.values())):
        matched = [entry for entry in session[TEXTS] if folded in entry[3].casefold()]
        if not matched:
            continue
        started_at, script_id, script_title, session_id = (session.get(key) for key in HIT_FIELDS)
        found += [
            {
                "started_at": started_at,
                "script_id": script_id,
                "script_title": script_title,
                "session_id": session_id,
                "kind": kind,
                "by": by,
                "text": text,
                "step": step if type(step) is int else scalar(step),
            }
            for kind, by, step, text in matched
        ]
    return found


def vocabulary(texts: dict[str, dict[str, Any]]) -> str:
    """Every distinct casefolded run of non-space characters in a words file's table, one a line: a text
    holds a query only if each of the query's own runs is within one of these (a query without spaces:
    exactly when), so a year whose vocabulary lacks one cannot hold it. Raises as `search_texts` does."""
    runs: set[str] = set()
    for session in texts.values():
        for entry in session[TEXTS]:
            runs.update(entry[3].casefold().split())
    return "\n".join(sorted(runs))


def may_hold(vocabulary_lines: str, folded: str) -> bool:
    """Whether a year with this `vocabulary` can hold `folded` (already casefolded) at all."""
    return all(run in vocabulary_lines for run in folded.split())


MALFORMED = (TypeError, IndexError, KeyError, AttributeError)  # what `search_texts` raises on a changed file
