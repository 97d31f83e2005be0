"""Looking-back figures measured in a fresh process through the public store API.

Run by bench_looking_back.py as `python benchmarks/looking_back_probe.py first-rows|search|detail|save DIR
[ARG]`; prints one JSON object (milliseconds, and bytes written for `save`).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this tree's `tui` and `benchmarks`, not an installed copy

from benchmarks.store_probe import io_counters, sessions_late_in_a_full_year  # noqa: E402
from tui.store import FileHistoryStore  # noqa: E402

FIRST_PAGE = 60  # rows the History screen shows first (tui/screens/history.py)


def first_rows(folder: Path) -> dict[str, Any]:
    """Opening the store and reading summaries until the History screen's first page is there."""
    started = time.perf_counter()
    store = FileHistoryStore.open(folder)
    found = 0
    for year in store.summaries_by_year():
        found += len(year)
        if found >= FIRST_PAGE:
            break
    return {"ms": (time.perf_counter() - started) * 1000, "rows": found}


def search(folder: Path, text: str, prepared: str = "") -> dict[str, Any]:
    """A whole search, as the History screen runs it: time to the first hits, to the last, and how many;
    with `prepared` ("prepared"), after `prepare_search` as the screen calls it once its list is read."""
    store = FileHistoryStore.open(folder)
    if prepared and hasattr(store, "prepare_search"):
        store.prepare_search()
    started = time.perf_counter()
    first_ms: float | None = None
    hits = 0
    for year_hits in store.search(text):
        if year_hits and first_ms is None:
            first_ms = (time.perf_counter() - started) * 1000
        hits += len(year_hits)
    last_ms = (time.perf_counter() - started) * 1000
    return {"first_ms": last_ms if first_ms is None else first_ms, "ms": last_ms, "hits": hits}


def detail(folder: Path, session_id: str, started_at: str) -> dict[str, Any]:
    """What a session's detail reads when it opens from the list (which knows when it started): the record
    and its follow-ups as they are now."""
    store = FileHistoryStore.open(folder)
    started = time.perf_counter()
    if hasattr(store, "session_detail"):
        record, follow_ups = store.session_detail(session_id, started_at)
    else:  # the code before the detail read only its own year
        record = store.session(session_id)
        follow_ups = [item for item in store.follow_ups() if item.get("session_id") == session_id]
    return {"ms": (time.perf_counter() - started) * 1000, "found": record is not None, "follow_ups": len(follow_ups)}


def save(folder: Path) -> dict[str, Any]:
    """A finished session saved late in the last full year: time and bytes written (the median of 5)."""
    store = FileHistoryStore.open(folder)
    figures = []
    for record in sessions_late_in_a_full_year(5):
        before, started = io_counters(), time.perf_counter()
        store.save_session(record)
        elapsed, after = (time.perf_counter() - started) * 1000, io_counters()
        figures.append((elapsed, max(after["wchar"] - before["wchar"], after["write_bytes"] - before["write_bytes"])))
    figures.sort()
    return {"ms": figures[len(figures) // 2][0], "bytes": sorted(found for _, found in figures)[len(figures) // 2]}


def main(argv: list[str]) -> int:
    """Run one probe and print its figures as JSON."""
    what, folder, *rest = argv
    probes = {"first-rows": first_rows, "search": search, "detail": detail, "save": save}
    figures = probes[what](Path(folder), *rest)
    sys.stdout.write(orjson.dumps(figures).decode() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
