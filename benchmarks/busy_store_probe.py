"""Two figures measured in fresh processes: loading every built-in script, deck and program, and a save
right after another process wrote to the same history.

Run by run.py as `python benchmarks/busy_store_probe.py library|save-after-other DIR [N]|write DIR SEED`;
prints one JSON object.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this tree's `tui` and `benchmarks`, not an installed copy

SAVES = 5


def library_load() -> dict[str, Any]:
    """Milliseconds to load every built-in script, deck and program from their files (`load_library`, in a
    process that has imported the loader), then to read the same library back from a fresh cache folder."""
    from tui.core.library import load_library
    from tui.store.library_cache import cached_library

    started, cpu_started = time.perf_counter(), time.process_time()
    library = load_library()
    ms = (time.perf_counter() - started) * 1000
    cpu_ms = (time.process_time() - cpu_started) * 1000  # the work itself, whatever else runs
    with tempfile.TemporaryDirectory() as cache:
        cached_library(Path(cache), None)  # the first start of a new version reads the files and keeps them
        cached_started = time.perf_counter()
        cached = cached_library(Path(cache), None)  # what every later start does
        cached_ms = (time.perf_counter() - cached_started) * 1000
    if len(cached.entries) != len(library.entries):
        raise RuntimeError("the cached library is not the library")
    return {
        "ms": ms,
        "cpu_ms": cpu_ms,
        "cached_ms": cached_ms,
        "scripts": len(library.entries),
        "decks": len(library.decks),
        "programs": len(library.programs),
        "problems": len(library.problems),
    }


def write_one(folder: Path, seed: int) -> dict[str, Any]:
    """Another process: open the history and save one new session (dated after the history)."""
    from benchmarks.realistic_history import sessions_after_history
    from tui.store import FileHistoryStore

    record = sessions_after_history(1, seed=seed)[0]
    FileHistoryStore.open(folder).save_session(record)
    return {"saved": record["id"]}


def save_after_other(folder: Path, saves: int) -> dict[str, Any]:
    """This process keeps the history open (as the app does); each time another process saves a session,
    then this one saves its own, timed."""
    from benchmarks.realistic_history import sessions_after_history
    from tui.store import FileHistoryStore

    store = FileHistoryStore.open(folder)
    store.session_count()  # read it once, as home does
    own = sessions_after_history(saves, seed=9_000)
    timings = []
    for index, record in enumerate(own):
        other = [sys.executable, str(Path(__file__)), "write", str(folder), str(5_000 + index)]
        subprocess.run(other, cwd=ROOT, check=True, capture_output=True)
        started = time.perf_counter()
        store.save_session(record)
        timings.append((time.perf_counter() - started) * 1000)
    return {"ms": statistics.median(timings), "ms_each": timings, "sessions": store.session_count(finished_only=False)}


def main(argv: list[str]) -> int:
    """Measure what `argv` asks and print the figures as JSON on stdout."""
    what = argv[0]
    if what == "library":
        figures = library_load()
    elif what == "write":
        figures = write_one(Path(argv[1]), int(argv[2]))
    else:
        figures = save_after_other(Path(argv[1]), int(argv[2]) if len(argv) > 2 else SAVES)
    sys.stdout.write(orjson.dumps(figures).decode() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
