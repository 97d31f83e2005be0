"""Looking back at 10,000 sessions: the History screen's first rows, whole searches, a session's detail,
`hearthside history`, each against its budget, plus what a finished session's save writes.

Run: python benchmarks/bench_looking_back.py [--quick] [--sessions N] [--runs N] [--cache DIR] [--json FILE]
It builds (or reuses from bench_history.py's cache) a realistic history and measures each figure in a
fresh process (`looking_back_probe.py`, the command line itself), on a copy, taking the median of the runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this tree's `tui` and `benchmarks`, not an installed copy

from benchmarks.bench_history import DEFAULT_CACHE, cached_history, fresh_copy  # noqa: E402
from benchmarks.realistic_words import RARE_WORD  # noqa: E402
from benchmarks.report_table import KB, verdict  # noqa: E402
from tui.store import FileHistoryStore  # noqa: E402

COMMON_WORD, NO_HIT = "the", "zebra crossing at dawn"


@dataclass(frozen=True)
class Budget:
    """A figure's name and its budget in milliseconds (None: shown, not judged)."""

    name: str
    ms: float | None


FIRST_ROWS = Budget("history: first rows (open + first page)", 300)
SEARCHES = {
    "common": Budget(f'  search "{COMMON_WORD}" (a common word)', 300),
    "rare": Budget(f'  search "{RARE_WORD}" (a rare word)', 300),
    "none": Budget(f'  search "{NO_HIT}" (no hit)', 300),
}
DETAIL = Budget("a session's detail (record + follow-ups)", 200)
CLI_LIMIT = Budget("`hearthside history --limit 20` (whole command)", 1000)
CLI_ALL = Budget("`hearthside history`, every row (whole command)", 3000)
SAVE = Budget("finished session saved (late in a full year)", 100)


def probe(*arguments: str) -> dict[str, Any]:
    """Run looking_back_probe.py in a fresh process and return its figures."""
    command = [sys.executable, str(ROOT / "benchmarks" / "looking_back_probe.py"), *arguments]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')}")
    return orjson.loads(done.stdout.splitlines()[-1])


def command_ms(folder: Path, *arguments: str) -> tuple[float, int]:
    """`hearthside --data-dir FOLDER ARGUMENTS` in a fresh process, its output to a pipe: milliseconds from
    start to exit, and how many lines it printed."""
    command = [sys.executable, "-m", "tui", "--data-dir", str(folder), *arguments]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env={**os.environ, "COLUMNS": "80"})
    return (time.perf_counter() - started) * 1000, done.stdout.count(b"\n")


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each number's median over the runs (the other values from the last run)."""
    found = dict(runs[-1])
    for key, value in runs[-1].items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            found[key] = statistics.median(run[key] for run in runs)
    return found


def a_session_in_the_middle(folder: Path) -> dict[str, Any]:
    """The summary of the session halfway down the list (an ordinary year, neither newest nor oldest)."""
    summaries = FileHistoryStore.open_read_only(folder).session_summaries()
    return summaries[len(summaries) // 2]


def measure(folder: Path, runs: int, work: Path) -> dict[str, Any]:
    """Every figure, each the median of `runs` fresh processes on `folder` (saves on copies of it)."""
    middle = a_session_in_the_middle(folder)
    figures: dict[str, Any] = {"sessions": FileHistoryStore.open_read_only(folder).session_count(finished_only=False)}
    figures["first_rows"] = median_of([probe("first-rows", str(folder)) for _ in range(runs)])
    searches = (("common", COMMON_WORD), ("rare", RARE_WORD), ("none", NO_HIT))
    for name, how in (("search", ""), ("prepared", "prepared")):
        figures[name] = {kind: median_of([probe("search", str(folder), text, how) for _ in range(runs)]) for kind, text in searches}
    figures["detail"] = median_of(
        [probe("detail", str(folder), middle["id"], middle["started_at"]) for _ in range(runs)]
    )
    limit = [command_ms(folder, "history", "--limit", "20") for _ in range(runs)]
    every = [command_ms(folder, "history") for _ in range(runs)]
    figures["cli_limit"] = {"ms": statistics.median(ms for ms, _ in limit), "lines": limit[-1][1]}
    figures["cli_all"] = {"ms": statistics.median(ms for ms, _ in every), "lines": every[-1][1]}
    figures["save"] = median_of([probe("save", str(fresh_copy(folder, work / f"save-{run}"))) for run in range(runs)])
    return figures


def line(budget: Budget, ms: float, more: str = "") -> str:
    """One row of the report: the figure, its time, the budget and the verdict."""
    judged = "" if budget.ms is None else f"< {budget.ms:.0f} ms"
    ok = "" if budget.ms is None else verdict(ms < budget.ms)
    return f"  {budget.name:50} {ms:>8.0f}  {judged:10} {ok:5} {more}"


def print_report(figures: dict[str, Any]) -> None:
    """The table of every figure against its budget."""
    print(f"\nLooking back at {figures['sessions']:,} sessions (medians of {figures['runs']} fresh processes each)")
    print(f"  {'figure':50} {'ms':>8}  {'budget':10} {'':5} notes")
    first = figures["first_rows"]
    print(line(FIRST_ROWS, first["ms"], f"{first['rows']:,} rows read"))
    for name, how in (("search", "in a fresh process"), ("prepared", "once the History screen has read its list")):
        print(f"  {how}:")
        for kind, budget in SEARCHES.items():
            found = figures[name][kind]
            print(line(budget, found["ms"], f"first hits at {found['first_ms']:.0f} ms; {found['hits']:,} hits"))
    detail = figures["detail"]
    print(line(DETAIL, detail["ms"], f"{detail['follow_ups']} follow-up(s)"))
    print(line(CLI_LIMIT, figures["cli_limit"]["ms"], f"{figures['cli_limit']['lines']:,} lines"))
    print(line(CLI_ALL, figures["cli_all"]["ms"], f"{figures['cli_all']['lines']:,} lines"))
    save = figures["save"]
    print(line(SAVE, save["ms"], f"{save['bytes'] / KB:,.0f} KB written"))
    print(f"\nLoad average {figures['load_before']:.2f} before, {figures['load_after']:.2f} after; "
          f"{figures['seconds']:.0f} s in all. The history: {figures['history_dir']}")


def main(argv: list[str] | None = None) -> int:
    """Build or reuse the history, measure, print the report, and keep the figures as JSON when asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 sessions, one run each (under a minute)")
    parser.add_argument("--sessions", type=int, help="the history's size (default 10,000; 1,000 quick)")
    parser.add_argument("--runs", type=int, help="fresh processes per figure (default 3; 1 quick)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=f"where built histories are kept ({DEFAULT_CACHE})")
    parser.add_argument("--history", type=Path, help="measure on a copy of this data folder instead")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    sessions = args.sessions or (1_000 if args.quick else 10_000)
    runs = args.runs or (1 if args.quick else 3)
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="hearthside-looking-back-") as temp:
        work = Path(temp)
        source = args.history or cached_history(args.cache, sessions, work)
        folder = fresh_copy(source, work / "history")
        FileHistoryStore.open(folder)  # an older layout's indexes are rebuilt once, here, not in a figure
        figures = measure(folder, runs, work)
        shutil.rmtree(folder, ignore_errors=True)
    figures.update(runs=runs, load_before=load_before, load_after=os.getloadavg()[0])
    figures.update(seconds=time.perf_counter() - started, history_dir=str(source))
    print_report(figures)
    if args.json:
        args.json.write_bytes(orjson.dumps(figures, option=orjson.OPT_INDENT_2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
