"""The words index: per year, beside its sessions file, every text a search looks in (appreciations,
answers, follow-ups, reveal answers) with what a hit shows, so a search never parses the full records.
Written by the same change as its year file (so the redo log keeps the two together); a year without
one is searched in its sessions file instead, the same way."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from itertools import chain, repeat
from operator import itemgetter
from typing import Any

import tui.store.tables as tables
from tui.core.frozen import frozen

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
    IndexError, KeyError, AttributeError or ValueError."""
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


@frozen
class PreparedWords:
    """A words file's table made ready for many searches, in `search_texts`' order: its texts casefolded
    once, and what each hit shows, kept in flat columns (few objects for the collector to walk)."""

    folded: list[str]  # every text casefolded, newest session first, each session's in its order
    texts: list[str]  # the same texts as written
    kinds: list[Any]
    bys: list[Any]
    steps: list[Any]
    owners: array[int]  # per text: its session's place in the session columns
    sessions: tuple[list[Any], ...]  # per HIT_FIELDS, one column of every session's value
    plain: bool  # every session field, kind and by is a JSON scalar (else each hit gets copies)


SCALARS = {str, int, float, bool, type(None)}
TEXT_OR_NONE = {str, type(None)}


def prepare(texts: dict[str, dict[str, Any]]) -> PreparedWords:
    """A words file's table as `PreparedWords`; a table not of `texts_of`'s shape raises as `search_texts`
    does (TypeError also for a text entry not of four)."""
    entries: list[list[Any]] = []
    owners: array[int] = array("I")
    ordered = tables.sessions_newest_first(list(texts.values()))
    for place, session in enumerate(ordered):
        said = session[TEXTS]
        entries += said
        owners.extend(repeat(place, len(said)))
    if not set(map(type, entries)) <= {list} or not set(map(len, entries)) <= {4}:
        raise TypeError("a text entry is not [kind, by, step, text]")
    sessions = tuple([session.get(key) for session in ordered] for key in HIT_FIELDS)
    kinds, bys, steps, written = (list(map(itemgetter(column), entries)) for column in range(4))
    folded = [text.casefold() for text in written]
    kind_types, by_types = set(map(type, kinds)), set(map(type, bys))
    plain = kind_types | by_types | set(map(type, chain.from_iterable(sessions))) <= SCALARS
    shared: dict[str | None, str | None] = {}  # one string object per distinct kind and partner, not one per text
    if kind_types <= TEXT_OR_NONE:  # not for numbers: True == 1 == 1.0 as keys
        kinds = list(map(shared.setdefault, kinds, kinds))
    if by_types <= TEXT_OR_NONE:
        bys = list(map(shared.setdefault, bys, bys))
    return PreparedWords(folded, written, kinds, bys, steps, owners, sessions, plain)


def search_prepared(prepared: PreparedWords, folded: str) -> list[dict[str, Any]]:
    """The hits for `folded` (already casefolded) in prepared words: the same new dicts, in the same order,
    as `search_texts` gives for the table they were prepared from."""
    found: list[dict[str, Any]] = []
    started, script_ids, titles, session_ids = prepared.sessions
    kinds, bys, steps, texts, owners = prepared.kinds, prepared.bys, prepared.steps, prepared.texts, prepared.owners
    for index in [index for index, text in enumerate(prepared.folded) if folded in text]:
        owner, step = owners[index], steps[index]
        hit = {
            "started_at": started[owner],
            "script_id": script_ids[owner],
            "script_title": titles[owner],
            "session_id": session_ids[owner],
            "kind": kinds[index],
            "by": bys[index],
            "text": texts[index],
            "step": step if type(step) is int else scalar(step),
        }
        found.append(hit if prepared.plain else {key: scalar(value) for key, value in hit.items()})
    return found


MALFORMED = (TypeError, IndexError, KeyError, AttributeError, ValueError)  # what `search_texts` raises on a changed file
