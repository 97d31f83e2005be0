"""A realistic history for benchmarks and screenshots: years of sessions of the built-in scripts, played
through the real engine by a seeded couple, written through the store's public API.

Run: python benchmarks/realistic_history.py DATA_DIR [--sessions N] [--seed S] [--batch B]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this tree's `tui` and `benchmarks`, not an installed copy

from benchmarks.couple_driver import CoupleDriver, played_record, seeded_uuid  # noqa: E402
from benchmarks.realistic_words import CoupleWords  # noqa: E402
from tui.core.clock import ManualClock  # noqa: E402
from tui.core.engine import Session  # noqa: E402
from tui.core.events import Start  # noqa: E402
from tui.core.library import Library, load_library  # noqa: E402
from tui.core.partners import Partners, choose_first_speaker  # noqa: E402
from tui.core.runners.turns import TurnsRunner  # noqa: E402
from tui.core.session_status import SWITCHED  # noqa: E402
from tui.core.settings import Settings  # noqa: E402
from tui.store import FileHistoryStore  # noqa: E402

SESSIONS = 10_000
YEARS = 27
SEED = 10
BATCH = 1_000
DAILY_BACKUPS = 10  # a folder in daily use holds this many daily backups of (nearly) the whole history
LAST_DAY = datetime(2026, 3, 1, tzinfo=UTC)  # fixed, so a seed gives the same history on any day
NAMES = ("Maya", "Jonah")
GENTLE_SCRIPT_ID = "low-energy"  # what the app offers after a low check-in when a script names none
PROGRAM_EVERY = 1_500  # about every four years the couple follows the built-in program once
SCRIPT_WEIGHTS = {  # how often a couple reaches for each built-in script (others: 2)
    "evening-check-in": 20,
    "ten-minutes-each": 12,
    "appreciation-round": 10,
    "couple-meeting": 8,
    "small-wins": 6,
    "stress-reducing": 6,
    "remember-when": 5,
    "be-curious": 5,
    "low-energy": 4,
    "temperature-reading": 4,
    "speaker-listener": 4,
    "mirroring-dialogue": 3,
    "gentle-repair": 3,
    "naming-it-together": 1,
}


def builtin_library() -> Library:
    """The built-in scripts, decks and programs of this tree (the couple's own folder is not read)."""
    return load_library(user_dir=None)


def couple_settings(names: tuple[str, str] = NAMES) -> dict[str, Any]:
    """Settings of a returning couple: two names, the welcome seen."""
    return Settings(name_a=names[0], name_b=names[1], welcome_seen=True).to_dict()


@dataclass
class CoupleHistory:
    """Plays sessions one after another, about one a day, keeping what the next session needs to know:
    who spoke first last time, the follow-ups still open, a gentler script chosen, a program followed."""

    library: Library
    sessions: int = SESSIONS
    seed: int = SEED
    years: float = YEARS
    names: tuple[str, str] = NAMES
    last_day: datetime = LAST_DAY
    open_follow_ups: dict[str, dict[str, Any]] = field(default_factory=dict)
    last_first: str | None = None

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.words = CoupleWords(self.rng)
        self.partners = Partners(*self.names)
        scripts = sorted(self.library.entries)
        self.script_ids = scripts
        self.weights = [SCRIPT_WEIGHTS.get(script_id, 2) for script_id in scripts]
        self.first_day = self.last_day - timedelta(days=365.25 * self.years)
        self.program_queue: list[tuple[str, str]] = []

    def start_of(self, index: int) -> datetime:
        """When session `index` begins: spread evenly over the years, on an evening."""
        spacing = (self.last_day - self.first_day) / max(self.sessions, 1)
        day = self.first_day + spacing * index
        evening = day.replace(hour=18, minute=0, second=0) + timedelta(minutes=self.rng.randint(0, 240))
        return max(evening, day)

    def next_script(self, index: int) -> tuple[str, str]:
        """The script of session `index` and the program it belongs to ("" when none)."""
        if index % PROGRAM_EVERY == PROGRAM_EVERY // 2 and self.library.programs:
            program = self.library.programs[sorted(self.library.programs)[0]]
            self.program_queue = [
                (part.script, program.id) for part in program.parts for _ in range(part.times)
            ]
        while self.program_queue:
            script_id, program_id = self.program_queue.pop(0)
            if script_id in self.library.entries:
                return script_id, program_id
        return self.rng.choices(self.script_ids, weights=self.weights)[0], ""

    def records(self) -> Iterator[dict[str, Any]]:
        """Every session record, oldest first, exactly as the app would have saved them."""
        index = 0
        while index < self.sessions:
            script_id, program_id = self.next_script(index)
            start = self.start_of(index)
            record = self.play(script_id, start, program_id=program_id)
            yield record
            index += 1
            if record["status"] == SWITCHED and record["switched_to"] in self.library.entries and index < self.sessions:
                ratings = next((step.get("ratings") for step in record["steps"] if step.get("ratings")), None)
                ended = datetime.fromisoformat(record["ended_at"]) + timedelta(seconds=30)
                yield self.play(record["switched_to"], ended, prefilled=ratings, program_id=program_id)
                index += 1

    def play(
        self, script_id: str, start: datetime, *, prefilled: dict[str, int] | None = None, program_id: str = ""
    ) -> dict[str, Any]:
        """One session of `script_id` played from `start`; the open follow-ups are updated from it."""
        script = self.library.entries[script_id].script
        gentler = script.gentler or (GENTLE_SCRIPT_ID if GENTLE_SCRIPT_ID in self.library.entries else "")
        record = played_record(
            script,
            self.partners,
            start,
            self.rng,
            self.words,
            decks=self.library.decks,
            first_speaker=choose_first_speaker("rotate", self.last_first),  # type: ignore[arg-type]
            open_follow_ups=list(self.open_follow_ups.values()),
            gentler_script_id="" if gentler == script.id else gentler,
            prefilled_checkins=prefilled,
            program_id=program_id,
        )
        self.last_first = record["first_speaker"]
        for follow_up in record["follow_ups"]:
            self.open_follow_ups[follow_up["id"]] = follow_up
        for review in record["reviews"]:
            if review["status"] in ("kept", "let_go"):
                self.open_follow_ups.pop(review["follow_up_id"], None)
        return record


def realistic_records(
    sessions: int = SESSIONS, seed: int = SEED, years: float = YEARS, last_day: datetime = LAST_DAY
) -> Iterator[dict[str, Any]]:
    """`sessions` records over `years` years up to `last_day`, oldest first; the same arguments give the
    same records."""
    history = CoupleHistory(builtin_library(), sessions=sessions, seed=seed, years=years, last_day=last_day)
    return history.records()


def sessions_after_history(count: int, seed: int = SEED + 1) -> list[dict[str, Any]]:
    """`count` new sessions, one a day after the generated history ends, as the couple would add next."""
    return list(realistic_records(count, seed, count / 365.25, LAST_DAY + timedelta(days=count + 1)))


def turn_snapshots(
    count: int = 40,
    every_seconds: float = 15.0,
    script_id: str = "ten-minutes-each",
    open_follow_ups: list[dict[str, Any]] | None = None,
    seed: int = SEED,
) -> list[dict[str, Any]]:
    """The checkpoints the app saves during a long turn (`Session.snapshot()` every 15 s of speaking),
    from a real session of `script_id` played up to its first turn."""
    library = builtin_library()
    rng = random.Random(seed)
    start = LAST_DAY + timedelta(days=1, hours=19)
    clock = ManualClock(start=start)
    session = Session(
        library.entries[script_id].script,
        Partners(*NAMES),
        clock,
        decks=library.decks,
        open_follow_ups=list(open_follow_ups or []),
        session_id=seeded_uuid(rng),
        seed=rng.getrandbits(31),
    )
    driver = CoupleDriver(session, clock, rng, CoupleWords(rng))
    driver.stop_after = None
    driver.send(Start())
    while not (isinstance(session.runner, TurnsRunner) and session.runner.phase == "speaking"):
        if not session.is_running or session.runner is None:
            raise RuntimeError(f"{script_id} ended before a turn began")
        driver.step(session.runner)
    snapshots = []
    for _ in range(count):
        clock.advance(every_seconds)
        snapshots.append(session.snapshot())
    return snapshots


@dataclass(frozen=True)
class BuiltHistory:
    """What building a history took: sessions written, seconds spent playing and importing, bytes on disk."""

    data_dir: Path
    sessions: int
    play_seconds: float
    import_seconds: float
    history_bytes: int
    seconds: float

    def describe(self) -> str:
        """One line for people."""
        return (
            f"{self.sessions:,} sessions in {self.data_dir}: played in {self.play_seconds:.1f} s, imported in "
            f"{self.import_seconds:.1f} s; {self.history_bytes / 1e6:.1f} MB of history "
            f"({self.history_bytes / max(self.sessions, 1):,.0f} bytes a session), backups not counted; "
            f"{self.seconds:.1f} s in all"
        )


def history_bytes(data_dir: Path) -> int:
    """Bytes of every file in the data folder except backups and the lock."""
    files = [path for path in Path(data_dir).rglob("*") if path.is_file() and "backups" not in path.parts]
    return sum(path.stat().st_size for path in files if not path.name.endswith(".lock"))


def building_clock() -> datetime:
    """The wall clock the store is given while a history is written: before its daily backups, so that
    the backups `import_sessions` takes are older than them and every backup is in the past."""
    return LAST_DAY - timedelta(days=DAILY_BACKUPS + 1)


def take_daily_backups(data_dir: Path, days: int = DAILY_BACKUPS, last_day: datetime = LAST_DAY) -> None:
    """Open the store once on each of the last `days` days, as a couple using it daily would: each open
    takes its daily backup, so the folder ends with `days` backups of the whole history (the store
    keeps ten)."""
    for day in range(days, 0, -1):
        moment = last_day - timedelta(days=day - 1, hours=-20)
        FileHistoryStore.open(Path(data_dir), now=lambda moment=moment: moment)


def write_history(
    data_dir: Path,
    sessions: int = SESSIONS,
    *,
    seed: int = SEED,
    years: float = YEARS,
    batch: int = BATCH,
    names: tuple[str, str] = NAMES,
    daily_backups: int = DAILY_BACKUPS,
) -> BuiltHistory:
    """Save the couple's settings, import the sessions in batches through `import_sessions`, then take
    `daily_backups` daily backups (see `take_daily_backups`)."""
    begun = time.perf_counter()
    store = FileHistoryStore.open(Path(data_dir), now=building_clock)
    store.save_settings(couple_settings(names))
    records = CoupleHistory(builtin_library(), sessions=sessions, seed=seed, years=years, names=names).records()
    play_seconds = import_seconds = 0.0
    written = 0
    while True:
        started = time.perf_counter()
        chunk = list(islice(records, batch))
        play_seconds += time.perf_counter() - started
        if not chunk:
            break
        started = time.perf_counter()
        written += store.import_sessions(chunk)
        import_seconds += time.perf_counter() - started
    take_daily_backups(Path(data_dir), daily_backups)
    seconds = time.perf_counter() - begun
    return BuiltHistory(Path(data_dir), written, play_seconds, import_seconds, history_bytes(Path(data_dir)), seconds)


def main(argv: list[str] | None = None) -> int:
    """Build a realistic history in DATA_DIR and say how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="the data folder (HEARTHSIDE_DATA_DIR) to fill")
    parser.add_argument("--sessions", type=int, default=SESSIONS, help=f"how many sessions (default {SESSIONS:,})")
    parser.add_argument("--seed", type=int, default=SEED, help="the same seed gives the same history")
    parser.add_argument("--years", type=float, default=YEARS, help=f"spread over this many years (default {YEARS})")
    parser.add_argument("--batch", type=int, default=BATCH, help="sessions per import_sessions call")
    parser.add_argument("--backups", type=int, default=DAILY_BACKUPS, help="daily backups to leave (default 10)")
    args = parser.parse_args(argv)
    built = write_history(
        args.data_dir, args.sessions, seed=args.seed, years=args.years, batch=args.batch, daily_backups=args.backups
    )
    print(built.describe())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
