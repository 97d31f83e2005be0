"""Reading a v3 history, as both stores do: counts and rotation from the live file's totals, lists from
the indexes, full records from the year files, one year at a time."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator
from typing import Any

import tui.store.tables as tables
from tui.store.change import FileSource
from tui.store.history_json import Data, collector_paused
from tui.store.layout import index_key, newest_first, words_key, year_key, year_of_text
from tui.store.search_index import MALFORMED, TEXTS, matches_in, search_texts
from tui.store.tables import FOLLOW_UPS, SESSIONS, SUMMARIES, YEARS


def totals(live: Data) -> list[dict[str, Any]]:
    """The live file's totals row per year."""
    return list(live.get(YEARS, {}).values())


def session_count(live: Data, finished_only: bool) -> int:
    """Sessions that count as time together, or all, from the totals."""
    return sum(int(row.get("together" if finished_only else "sessions") or 0) for row in totals(live))


def program_sittings(live: Data, program_id: str) -> int:
    """Time together in one program, from the totals."""
    return sum(int((row.get("programs") or {}).get(program_id) or 0) for row in totals(live))


def last_first_speaker(live: Data) -> str | None:
    """Who spoke first in the newest session, from the totals."""
    return tables.last_first_speaker(totals(live))


def summaries(source: FileSource) -> list[dict[str, Any]]:
    """Every session's summary, newest first (new dicts, nothing shared), from the indexes only."""
    found: list[dict[str, Any]] = []
    for year in source.years():
        found += [dict(summary) for summary in ((source.load(index_key(year)) or {}).get(SUMMARIES, {})).values()]
    return tables.sessions_newest_first(found)


def summaries_by_year(source: FileSource) -> Iterator[list[dict[str, Any]]]:
    """Every session's summary, one list per year, newest year first and newest first within it: the
    newest rows can be shown before the older years' indexes are read."""
    for year in newest_first(source.years()):
        summaries = ((source.load(index_key(year)) or {}).get(SUMMARIES, {})).values()
        yield tables.sessions_newest_first([dict(summary) for summary in summaries])


def sessions(source: FileSource) -> list[dict[str, Any]]:
    """Every full record, newest first, read year by year (detached copies, the caller's)."""
    found: list[dict[str, Any]] = []
    with collector_paused():
        for year in source.years():
            found += tables.detached(list(((source.load(year_key(year)) or {}).get(SESSIONS, {})).values()))
    return tables.sessions_newest_first(found)


def session_year(source: FileSource, session_id: str, started_at: str | None = None) -> tuple[str, str] | None:
    """The year whose index holds `session_id` and its doc id there: the year of `started_at` is looked in
    first, the others (newest first) only when it is not there."""
    years = newest_first(source.years())
    year = year_of_text(started_at)
    for candidate in [year, *years] if year in years else years:
        for doc_id, summary in ((source.load(index_key(candidate)) or {}).get(SUMMARIES, {})).items():
            if summary.get("id") == session_id:
                return candidate, doc_id
    return None


def session(source: FileSource, session_id: str, started_at: str | None = None) -> dict[str, Any] | None:
    """One session: its year found from the indexes (that of `started_at` first), then only that year file
    read (a detached copy)."""
    found = session_year(source, session_id, started_at)
    return None if found is None else record_in(source, session_id, *found)


def record_in(source: FileSource, session_id: str, year: str, doc_id: str) -> dict[str, Any] | None:
    """The full record of `session_id` in `year`'s sessions file, under `doc_id` as its index says (else
    looked for), a detached copy."""
    records = (source.load(year_key(year)) or {}).get(SESSIONS, {})
    record = records.get(doc_id)
    if record is None or record.get("id") != session_id:
        record = next((item for item in records.values() if item.get("id") == session_id), None)
    return None if record is None else tables.detached(record)


def session_detail(
    live: Data, source: FileSource, session_id: str, started_at: str | None = None
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """One session and the follow-ups it made as they are now (open ones from the live file, decided ones
    from its year's index, oldest first): only its year's index and sessions file are read when
    `started_at` is when it started, as a list row knows."""
    found = session_year(source, session_id, started_at)
    if found is None:
        return None, []
    record = record_in(source, session_id, *found)
    items = [item for item in live.get(FOLLOW_UPS, {}).values() if item.get("session_id") == session_id]
    decided = ((source.load(index_key(found[0])) or {}).get(FOLLOW_UPS, {})).values()
    items += [item for item in decided if item.get("session_id") == session_id]
    return record, tables.detached(sorted(items, key=lambda item: item.get("created_at") or ""))


def open_follow_ups(live: Data) -> list[dict[str, Any]]:
    """Open follow-ups (all in the live file), oldest first (detached)."""
    items = [item for item in live.get(FOLLOW_UPS, {}).values() if tables.is_open(item)]
    return tables.detached(sorted(items, key=lambda item: item.get("created_at") or ""))


def follow_ups(live: Data, source: FileSource) -> list[dict[str, Any]]:
    """Every follow-up: the open ones in the live file and the decided ones in the indexes, oldest first."""
    items = list(live.get(FOLLOW_UPS, {}).values())
    for year in source.years():
        items += ((source.load(index_key(year)) or {}).get(FOLLOW_UPS, {})).values()
    return tables.detached(sorted(items, key=lambda item: item.get("created_at") or ""))


def summaries_and_follow_ups_by_year(
    live: Data, source: FileSource
) -> Iterator[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]]:
    """Each year's summaries and decided follow-ups from its index (read once), newest year first; the
    first year also brings the live file's open follow-ups (new dicts, nothing shared). What "Our time
    together" reads: the newest years are enough for its charts, the rest only add to the totals."""
    opened = tables.detached(list(live.get(FOLLOW_UPS, {}).values()))
    years = newest_first(source.years())
    for year in years:
        index = source.load(index_key(year)) or {}
        summaries = tables.sessions_newest_first([dict(summary) for summary in index.get(SUMMARIES, {}).values()])
        decided = tables.detached(list(index.get(FOLLOW_UPS, {}).values()))
        yield year, summaries, opened + decided
        opened = []
    if not years and opened:
        yield "", [], opened


def search_year(source: FileSource, year: str, text: str) -> list[dict[str, Any]]:
    """The hits for `text` (any case) in one year's sessions, newest session first (new dicts): from the
    year's words file, or from its sessions file when it has none (written before there were any)."""
    folded = text.casefold()
    words = source.load(words_key(year))
    if words is not None:
        with contextlib.suppress(*MALFORMED):  # a words file changed by hand: its year file says the same
            return search_texts(words.get(TEXTS, {}), folded)
    records = ((source.load(year_key(year)) or {}).get(SESSIONS, {})).values()
    found: list[dict[str, Any]] = []
    for record in tables.sessions_newest_first([record for record in records if isinstance(record, dict)]):
        found += matches_in(record, folded)
    return tables.detached(found)


def questions_seen_since(source: FileSource, since: str) -> dict[str, list[str]]:
    """The question cards shown in sessions started at or after `since` (answered or skipped) and those
    kept as favourites then, each once; only the year files from `since`'s year on are read."""
    first_year = since[:4]
    seen: dict[str, None] = {}
    favourites: dict[str, None] = {}
    with collector_paused():
        for year in source.years():
            if not (year.isdigit() and year >= first_year):
                continue
            for record in ((source.load(year_key(year)) or {}).get(SESSIONS, {})).values():
                if str(record.get("started_at") or "") < since:
                    continue
                for entry in record.get("answers") or ():
                    if isinstance(entry, dict) and isinstance(entry.get("question"), str):
                        seen[entry["question"]] = None
                for entry in record.get("favourites") or ():
                    if isinstance(entry, dict) and isinstance(entry.get("question"), str):
                        favourites[entry["question"]] = None
    return {"seen": list(seen), "favourites": list(favourites)}


def a_past_appreciation(live: Data, source: FileSource, rng: random.Random) -> dict[str, Any] | None:
    """One typed appreciation from the past, chosen at random with `rng`: a year weighted by its number of
    sessions (the live file's totals), a session of it weighted by its appreciations (its index), then one
    of that session's appreciations with words (one year file read); None when there is none yet. The
    appreciation comes with its session's `started_at` and the partners' names."""
    weights = {str(row.get("year")): int(row.get("sessions") or 0) for row in totals(live)}
    years = [year for year in source.years() if weights.get(year, 0) > 0]
    while years:
        year = rng.choices(years, weights=[weights[year] for year in years])[0]
        years.remove(year)
        summaries = ((source.load(index_key(year)) or {}).get(SUMMARIES, {})).items()
        candidates = [(doc_id, (s.get("counts") or {}).get("appreciations") or 0) for doc_id, s in summaries]
        candidates = [(doc_id, count) for doc_id, count in candidates if count > 0]
        records = (source.load(year_key(year)) or {}).get(SESSIONS, {})
        while candidates:
            pick = rng.choices(candidates, weights=[count for _, count in candidates])[0]
            candidates.remove(pick)
            record = records.get(pick[0]) or {}
            said = [
                entry
                for entry in record.get("appreciations") or ()
                if isinstance(entry, dict) and isinstance(entry.get("text"), str) and entry["text"].strip()
            ]
            if said:
                chosen = tables.detached(rng.choice(said))
                chosen["started_at"] = record.get("started_at") or ""
                partners = record.get("partners") or {}
                chosen["names"] = {key: str((partners.get(key) or {}).get("name") or "") for key in ("a", "b")}
                return chosen
    return None
