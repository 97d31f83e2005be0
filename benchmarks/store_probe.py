"""Store figures measured in a fresh process through the public API: time and bytes written per change.

Run by bench_history.py as `python benchmarks/store_probe.py changes|import|doctor DIR [N]`; prints one
JSON object.
"""

from __future__ import annotations

import contextlib
import gc
import io
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this tree's `tui` and `benchmarks`, not an installed copy

from benchmarks.realistic_history import (  # noqa: E402
    LAST_DAY,
    SEED,
    building_clock,
    realistic_records,
    take_daily_backups,
    turn_snapshots,
)
from tui.store import FileHistoryStore  # noqa: E402

CHANGES = 15  # timed checkpoints and session saves
OPENS = 4  # timed opens, with and without the daily backup due


def io_counters() -> dict[str, int]:
    """This process's wchar (bytes handed to write calls) and write_bytes (bytes sent to the disk)."""
    lines = Path("/proc/self/io").read_text().splitlines()
    values = dict(line.split(": ") for line in lines)
    return {"wchar": int(values["wchar"]), "write_bytes": int(values["write_bytes"])}


@dataclass
class Measured:
    """Milliseconds and bytes written, one entry per call."""

    ms: list[float]
    wchar: list[int]
    write_bytes: list[int]

    def as_dict(self) -> dict[str, Any]:
        """Medians and totals for the report."""
        return {
            "ms": statistics.median(self.ms),
            "ms_worst": max(self.ms),
            "wchar": statistics.median(self.wchar),
            "write_bytes": statistics.median(self.write_bytes),
            "wchar_total": sum(self.wchar),
            "write_bytes_total": sum(self.write_bytes),
            "ms_total": sum(self.ms),
            "calls": len(self.ms),
        }


def measure(calls: list[Callable[[], object]]) -> Measured:
    """Run each call once, timing it and counting what it wrote."""
    measured = Measured([], [], [])
    for call in calls:
        gc.collect()
        before = io_counters()
        started = time.perf_counter()
        call()
        elapsed = (time.perf_counter() - started) * 1000
        after = io_counters()
        measured.ms.append(elapsed)
        measured.wchar.append(after["wchar"] - before["wchar"])
        measured.write_bytes.append(after["write_bytes"] - before["write_bytes"])
    return measured


def changes(folder: Path) -> dict[str, Any]:
    """A checkpoint write, a finished session saved, a ten-minute turn's 40 checkpoints, and opening."""
    store = FileHistoryStore.open(folder)
    open_follow_ups = store.open_follow_ups()
    turn = turn_snapshots(40, 15.0, open_follow_ups=open_follow_ups)
    checkpoint = measure([lambda snapshot=snapshot: store.save_checkpoint(snapshot) for snapshot in turn[:CHANGES]])
    store.discard_checkpoint(turn[0]["id"])
    whole_turn = measure([lambda: [store.save_checkpoint(snapshot) for snapshot in turn]])
    store.discard_checkpoint(turn[0]["id"])
    records = sessions_late_in_a_full_year(CHANGES)
    session = measure([lambda record=record: store.save_session(record) for record in records])
    settings = store.load_settings()
    settings_saved = measure([lambda: store.save_settings(settings) for _ in range(5)])
    opening = opens(folder)
    return {
        "checkpoint": checkpoint.as_dict(),
        "checkpoint_bytes": len(orjson.dumps(turn[0])),
        "turn": whole_turn.as_dict(),
        "session": session.as_dict(),
        "session_bytes": statistics.median(len(orjson.dumps(record)) for record in records),
        "settings": settings_saved.as_dict(),
        **opening,
    }


def sessions_late_in_a_full_year(count: int) -> list[dict[str, Any]]:
    """New sessions dated in the last days of the history's last complete year: where a store that keeps
    sessions by year has the most to rewrite (its worst case for a session saved)."""
    year_end = datetime(LAST_DAY.year - 1, 12, 31, 23, tzinfo=UTC)
    return list(realistic_records(count, SEED + 1, count / 365.25, year_end))


def opens(folder: Path) -> dict[str, Any]:
    """`FileHistoryStore.open` with the daily backup due (a day later each time) and not due (an hour later)."""
    base = datetime.now(UTC) + timedelta(days=2)
    due: list[Callable[[], object]] = []
    not_due: list[Callable[[], object]] = []
    for index in range(OPENS):
        moment = base + timedelta(days=2 * index)
        due.append(lambda moment=moment: FileHistoryStore.open(folder, now=lambda: moment))
        later = moment + timedelta(hours=1)
        not_due.append(lambda later=later: FileHistoryStore.open(folder, now=lambda: later))
    with_backup, without_backup = Measured([], [], []), Measured([], [], [])
    for due_call, not_due_call in zip(due, not_due, strict=True):  # a due open, then one an hour later
        for call, into in ((due_call, with_backup), (not_due_call, without_backup)):
            one = measure([call])
            into.ms += one.ms
            into.wchar += one.wchar
            into.write_bytes += one.write_bytes
    return {"open": without_backup.as_dict(), "open_with_backup": with_backup.as_dict()}


def imported(folder: Path, count: int) -> dict[str, Any]:
    """`import_sessions` of `count` realistic sessions, in one call, into an empty folder; then the daily
    backups a folder in use would hold."""
    records = list(realistic_records(count))
    store = FileHistoryStore.open(folder, now=building_clock)
    done = measure([lambda: store.import_sessions(records)])
    take_daily_backups(folder)  # after the timing: doctor then sees a folder shaped like one in daily use
    return {"import": done.as_dict(), "sessions": count}


def peak_memory() -> int:
    """This process's peak resident memory since it started (VmHWM), in bytes; unlike getrusage's
    ru_maxrss it does not count the parent's memory copied by fork before exec."""
    line = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024


def doctor(folder: Path) -> dict[str, Any]:
    """`hearthside --data-dir DIR doctor` (the command line's own `main`), its answer, peak memory, and
    `work_ms`: the time of the command itself, once Python has started and imported it (the start-up,
    some 250 ms, is the same at any size and varies from run to run with the machine's load)."""
    from tui.cli import main as hearthside

    said = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(said):
        code = hearthside(["--data-dir", str(folder), "doctor"])
    work_ms = (time.perf_counter() - started) * 1000
    lines = said.getvalue().strip().splitlines()
    return {"exit": code, "last_line": lines[-1] if lines else "", "peak_rss": peak_memory(), "work_ms": work_ms}


def main(argv: list[str]) -> int:
    """`changes DIR`, `import DIR N` or `doctor DIR`: measure, then print the figures as JSON on stdout."""
    what, folder = argv[0], Path(argv[1])
    if what == "doctor":
        figures = doctor(folder)
    else:
        figures = changes(folder) if what == "changes" else imported(folder, int(argv[2]))
    sys.stdout.write(orjson.dumps(figures).decode() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
