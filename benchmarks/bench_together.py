"""How long "Our time together" takes with a long history: in the process (reading the summaries and
follow-ups, working out the charts) and as a couple sees it (`python -m tui` under a real pty at 80x24:
from pressing t on home to the screen drawn with all its data), with the app's memory before and after.

    python -m benchmarks.bench_together DATA_DIR   (a folder made by benchmarks/realistic_history.py)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pexpect
import pyte

from benchmarks.app_probe import (
    COLUMNS,
    LINES,
    ROOT,
    app_environment,
    flat,
    home_complete_phrase,
    memory_of,
    quit_app,
    settled,
)
from tui.core.together import time_together
from tui.store.file_store import FileHistoryStore

CHARTS_PHRASE = "appreciations given"  # the totals and the charts: shown once the newest years are read
COUNTING_PHRASE = "Counting the earlier years"  # shown until every year is read
TIMEOUT = 60.0


def in_process(data_dir: Path, runs: int) -> dict[str, float]:
    """Median seconds of the worker's three parts, on a store opened read-only."""
    store = FileHistoryStore.open_read_only(data_dir)
    parts: dict[str, list[float]] = {"summaries and follow-ups, apart": [], "the two by year, at once": [], "aggregates": []}
    for _ in range(runs):
        started = time.perf_counter()
        store.session_summaries(), store.follow_ups()
        apart = time.perf_counter()
        years = list(store.summaries_and_follow_ups_by_year())
        summaries = [summary for _, year_summaries, _ in years for summary in year_summaries]
        follow_ups = [item for _, _, year_follow_ups in years for item in year_follow_ups]
        read = time.perf_counter()
        time_together(summaries, follow_ups, datetime.now(UTC).date())
        parts["summaries and follow-ups, apart"].append(apart - started)
        parts["the two by year, at once"].append(read - apart)
        parts["aggregates"].append(time.perf_counter() - read)
    return {name: statistics.median(values) for name, values in parts.items()}


def wait_for(child: pexpect.spawn, stream: pyte.ByteStream, screen: pyte.Screen, phrase: str, shown: bool = True) -> float:
    """Feed the app's output to the screen until `phrase` shows (or, `shown` false, is gone); the moment."""
    give_up = time.perf_counter() + TIMEOUT
    while (phrase in flat(screen)) != shown:
        if time.perf_counter() > give_up:
            raise RuntimeError(f"{phrase!r} did not {'show' if shown else 'go'}:\n{flat(screen)}")
        try:
            stream.feed(child.read_nonblocking(65536, timeout=0.02))
        except pexpect.TIMEOUT:
            continue
    return time.perf_counter()


def as_seen(data_dir: Path, sessions_together: int) -> dict[str, float | str]:
    """Start the app, wait for home, press t; seconds to the totals and to the last frame, memory."""
    screen = pyte.Screen(COLUMNS, LINES)
    stream = pyte.ByteStream(screen)
    with tempfile.TemporaryDirectory() as config:
        child = pexpect.spawn(
            sys.executable, ["-m", "tui"], cwd=str(ROOT), env=app_environment(data_dir, Path(config)), dimensions=(LINES, COLUMNS)
        )
        try:
            wait_for(child, stream, screen, home_complete_phrase(sessions_together))
            settled(child, stream, time.perf_counter())
            home_peak, home_rss = memory_of(child.pid)
            pressed = time.perf_counter()
            child.send("t")
            charts = wait_for(child, stream, screen, CHARTS_PHRASE) - pressed
            whole = wait_for(child, stream, screen, COUNTING_PHRASE, shown=False) - pressed
            complete = settled(child, stream, pressed)
            peak, rss = memory_of(child.pid)
            return {
                "charts shown (s)": round(charts, 3),
                "totals whole (s)": round(whole, 3),
                "last frame (s)": round(complete, 3),
                "home peak RSS (MB)": round(home_peak / 2**20, 1),
                "peak RSS after (MB)": round(peak / 2**20, 1),
                "RSS after (MB)": round(rss / 2**20, 1),
                "home RSS (MB)": round(home_rss / 2**20, 1),
                "screen": "\n".join(screen.display),
            }
        finally:
            quit_app(child)


def main(argv: list[str] | None = None) -> int:
    """Print the figures for one history folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=5, help="in-process runs (the median is printed)")
    parser.add_argument("--starts", type=int, default=3, help="app starts under a pty")
    args = parser.parse_args(argv)
    store = FileHistoryStore.open_read_only(args.data_dir)
    together = store.session_count()
    print(f"{store.session_count(finished_only=False):,} sessions ({together:,} together) in {args.data_dir}")
    for name, seconds in in_process(args.data_dir, args.runs).items():
        print(f"  in the worker, {name}: {seconds * 1000:.0f} ms")
    seen = [as_seen(args.data_dir, together) for _ in range(args.starts)]
    for name in seen[0]:
        if name != "screen":
            print(f"  as seen, {name}: median {statistics.median(run[name] for run in seen)}")  # type: ignore[misc]
    print(seen[-1]["screen"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
