"""Benchmark of the history store: one save and a full history load at 1,000 and 10,000 sessions.

Run: .venv/bin/python benchmarks/bench_store.py [SIZE ...]   (budget: save < 100 ms, load < 150 ms at
10,000; sizes default to 1,000 and 10,000, e.g. `bench_store.py 1000` for a quick check)
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "store")]  # this tree's `tui`, not an installed one

from store_support import follow_up, session_record, snapshot_of  # noqa: E402

from tui.store import FileHistoryStore  # noqa: E402

SIZES = (1_000, 10_000)
SAVES = 15
LOADS = 10


def timed(action: Callable[[], object], repeats: int) -> list[float]:
    """Milliseconds taken by each of `repeats` calls (results are freed outside the timing, as in the app)."""
    times = []
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - started) * 1000)
        del result
    return times


def summary(times: list[float]) -> str:
    """Best, median and worst, in ms."""
    return f"best {min(times):6.1f}   median {statistics.median(times):6.1f}   worst {max(times):6.1f} ms"


def bench(size: int, folder: Path) -> dict[str, list[float]]:
    """Fill a history with `size` sessions, then time saves and loads."""
    store = FileHistoryStore.open(folder)
    store.import_sessions(session_record(index, follow_ups=[follow_up()]) for index in range(size))
    file_size = store.path.stat().st_size
    print(f"\n{size:,} sessions: file {file_size / 1e6:.1f} MB, {file_size / size:,.0f} bytes per session")
    counter = iter(range(size, size * 2))
    results = {
        "save_session (same process wrote last)": timed(
            lambda: store.save_session(session_record(next(counter), follow_ups=[follow_up()])), SAVES
        ),
        "save_session (another process wrote last)": timed(
            lambda: FileHistoryStore(folder).save_session(session_record(next(counter))), SAVES
        ),
        "save_checkpoint": timed(lambda: store.save_checkpoint(snapshot_of(session_record(0))), SAVES),
        "sessions() - every full record, fresh parse": timed(store.sessions, LOADS),
        "session_summaries() - the history list": timed(store.session_summaries, LOADS),
        "session_count()": timed(store.session_count, LOADS),
        "FileHistoryStore.open": timed(lambda: FileHistoryStore.open(folder), 5),
    }
    for name, times in results.items():
        print(f"  {name:44} {summary(times)}")
    return results


def main(argv: list[str]) -> int:
    """Run the benchmark at the sizes given (or SIZES) and report the largest against the budget."""
    sizes = tuple(int(size) for size in argv) or SIZES
    record_size = len(orjson.dumps(session_record(0, follow_ups=[follow_up()])))
    print(f"Hearthside store benchmark; one realistic session record is {record_size:,} bytes of JSON")
    with tempfile.TemporaryDirectory() as temp:
        results = {size: bench(size, Path(temp) / str(size)) for size in sizes}
    largest = results[sizes[-1]]
    save = statistics.median(largest["save_session (same process wrote last)"])
    full = statistics.median(largest["sessions() - every full record, fresh parse"])
    listing = statistics.median(largest["session_summaries() - the history list"])
    print(
        f"\nAt {sizes[-1]:,} (medians): save {save:.1f} ms (budget 100); history list {listing:.1f} ms and "
        f"every full record {full:.1f} ms (budget 150). Load average now: {os.getloadavg()[0]:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
