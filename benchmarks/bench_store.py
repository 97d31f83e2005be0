"""Benchmark of the history store (v3 layout) at 1,000 and 10,000 sessions: checkpoint (ms, bytes
written), finished-session save, open with the daily backup due, doctor (ms, peak memory), and import of
1,000 / 2,000 / 4,000 sessions (is it linear?).

Run: .venv/bin/python benchmarks/bench_store.py [SIZE ...]   (sizes default to 1,000 and 10,000)
Budgets at 10,000: checkpoint < 20 ms and <= 100 KB written; session saved < 100 ms; a ten-minute turn
(40 checkpoints) <= 1 MB written; doctor and import linear.
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "store")]  # this tree's `tui`, not an installed one

from store_support import START, FixedClock, follow_up, session_record, snapshot_of  # noqa: E402

from tui.store import FileHistoryStore  # noqa: E402

SIZES = (1_000, 10_000)
IMPORT_SIZES = (1_000, 2_000, 4_000)
REPEATS = 15
TURN_CHECKPOINTS = 40
WORDS = "we talked about the garden and the week ahead, and what we would like more of "


def realistic(index: int) -> dict:
    """A session of 3-5 KB with typed words in it, one every 24 hours back from START (about 27 years
    at 10,000); its follow-up decided long ago unless it is among the newest 20."""
    record = session_record(-index)
    decided = {"status": "kept", "status_changed_at": record["ended_at"]} if index > 20 else {}
    record["follow_ups"] = [follow_up(created_at=record["started_at"], **decided)]
    record["notes"] = [{"text": WORDS * (2 + index % 3), "at": record["started_at"]} for _ in range(8)]
    return record


def wchar() -> int:
    """Bytes this process has written so far (all files), from /proc/self/io."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("wchar:"):
            return int(line.split()[1])
    return 0


def timed(action: Callable[[], object], repeats: int = REPEATS) -> tuple[list[float], list[int]]:
    """Milliseconds and bytes written by each of `repeats` calls."""
    times, written = [], []
    for _ in range(repeats):
        gc.collect()
        before, started = wchar(), time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
        written.append(wchar() - before)
    return times, written


def line(name: str, measured: tuple[list[float], list[int]]) -> str:
    """Median and worst ms, median bytes written."""
    times, written = measured
    return (
        f"  {name:42} median {statistics.median(times):7.1f} ms  worst {max(times):7.1f} ms  "
        f"written {statistics.median(written) / 1000:8.1f} KB"
    )


def doctor_in_child(folder: Path) -> tuple[float, float, float]:
    """Doctor's time (ms), the peak memory (MB) of a process that only runs it, and of one that only
    imports it."""
    peak = "[int(l.split()[1]) / 1024 for l in open('/proc/self/status') if l.startswith('VmHWM')][0]"
    code = (
        "import io, sys, time; sys.path.insert(0, sys.argv[2]); from tui.store.doctor import run_doctor; "
        f"started = time.perf_counter(); run_doctor(sys.argv[1], io.StringIO()); "
        f"print((time.perf_counter() - started) * 1000, {peak})"
    )
    baseline = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); import tui.store.doctor; print({peak})"],
        capture_output=True, text=True, check=True,
    )
    result = subprocess.run([sys.executable, "-c", code, str(folder), str(ROOT)], capture_output=True, text=True, check=True)
    ms, peak = (float(value) for value in result.stdout.split())
    return ms, peak, float(baseline.stdout)


def bench(size: int, folder: Path) -> None:
    """Fill a history with `size` sessions, then time what the app does."""
    clock = FixedClock()
    store = FileHistoryStore.open(folder, now=clock)
    started = time.perf_counter()
    store.import_sessions(realistic(index) for index in range(size))
    imported = time.perf_counter() - started
    total = sum(path.stat().st_size for path in folder.rglob("*.json") if "backups" not in path.parts)
    print(f"\n{size:,} sessions: {total / 1e6:.1f} MB in all, live file {store.path.stat().st_size / 1000:.1f} KB; "
          f"import took {imported:.1f} s")
    running = session_record(1, follow_ups=[follow_up()])
    running["notes"] = [{"text": WORDS * 20}]
    step = iter(range(10**6))
    print(line("save_checkpoint (the app, every few s)",
               timed(lambda: store.save_checkpoint({**snapshot_of(running), "draft": WORDS * 3, "n": next(step)}))))
    turn = timed(lambda: store.save_checkpoint({**snapshot_of(running), "n": next(step)}), TURN_CHECKPOINTS)
    print(f"  a ten-minute turn ({TURN_CHECKPOINTS} checkpoints): {sum(turn[1]) / 1000:.1f} KB written in all")
    counter = iter(range(size, size * 2))
    print(line("save_session (a finished session)", timed(lambda: store.save_session(realistic(-next(counter) % 300)))))
    print(line("save_session (another process wrote last)",
               timed(lambda: FileHistoryStore(folder, now=clock).save_session(realistic(-next(counter) % 300)))))
    print(line("session_count + open_follow_ups + checkpoints", timed(
        lambda: (store.session_count(), store.open_follow_ups(), store.checkpoints(), store.program_sittings("p")))))
    print(line("session_summaries() (the history list)", timed(store.session_summaries, 5)))
    print(line("sessions() (every full record)", timed(store.sessions, 3)))

    def open_with_daily_backup() -> None:
        clock.advance(days=1, seconds=1)
        FileHistoryStore.open(folder, now=clock)

    print(line("FileHistoryStore.open, daily backup due", timed(open_with_daily_backup, 5)))
    print(line("FileHistoryStore.open, no backup due", timed(lambda: FileHistoryStore.open(folder, now=clock), 5)))
    ms, peak, idle = doctor_in_child(folder)
    print(f"  {'doctor (own process)':42} {ms:7.1f} ms, peak memory {peak:.0f} MB (idle process {idle:.0f} MB)")


def bench_imports(folder: Path) -> None:
    """Import sizes in one go into an empty history: linear if time per session stays flat."""
    print("\nimport_sessions into an empty history:")
    for count in IMPORT_SIZES:
        records = [realistic(index) for index in range(count)]
        store = FileHistoryStore.open(folder / f"import-{count}")
        started = time.perf_counter()
        store.import_sessions(records)
        seconds = time.perf_counter() - started
        print(f"  {count:6,} sessions: {seconds * 1000:8.0f} ms ({seconds * 1e6 / count:6.0f} us per session)")


def main(argv: list[str]) -> int:
    """Run the benchmark at the sizes given (or SIZES)."""
    sizes = tuple(int(size) for size in argv) or SIZES
    record_size = len(orjson.dumps(realistic(0)))
    print(f"Hearthside store benchmark (v3 layout); one session record is {record_size:,} bytes of JSON; "
          f"{START - timedelta(days=max(sizes)):%Y} to {START:%Y}")
    with tempfile.TemporaryDirectory() as temp:
        for size in sizes:
            bench(size, Path(temp) / str(size))
        bench_imports(Path(temp))
    print(f"\nLoad average now: {os.getloadavg()[0]:.2f}; peak memory of this process "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
