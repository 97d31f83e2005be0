"""Issue 10's budgets at 10,000 sessions, each figure beside the same figure with an empty history.

Run: python benchmarks/bench_history.py [--quick] [--sessions N] [--cache DIR] [--json FILE]
It builds (or reuses from the cache) a realistic history, and measures through the public API only: the
app's start under a pty, its memory at home, checkpoint and session writes, opening, doctor and import.
"""

from __future__ import annotations

import argparse
import hashlib
import math
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

from benchmarks.app_probe import AppStart, home_complete_phrase, start_app  # noqa: E402
from benchmarks.realistic_history import SEED, YEARS, write_history  # noqa: E402
from benchmarks.report_table import NOISE_MS, print_report  # noqa: E402
from tui.store import FileHistoryStore  # noqa: E402

DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hearthside-bench"
FINGERPRINTED = ("tui/store", "benchmarks/realistic_history.py", "benchmarks/couple_driver.py", "benchmarks/realistic_words.py")


@dataclass(frozen=True)
class Plan:
    """How much to measure: the history's size, repeats, the import sizes, and the sizes of the realistic
    histories doctor's growth is judged on (the largest is the history itself when it is built here)."""

    sessions: int
    app_starts: int
    doctor_runs: int
    imports: tuple[int, ...]
    doctor_sizes: tuple[int, ...]


FULL = Plan(10_000, 5, 5, (1_000, 2_000, 4_000), (2_500, 5_000, 10_000))
QUICK = Plan(1_000, 2, 3, (250, 500, 1_000), (2_000, 4_000, 8_000))


def fingerprint() -> str:
    """A short hash of the store's code and the generator: a cached history is reused only by the same
    code (a history built by one layout is not what another layout would have built)."""
    digest = hashlib.sha256()
    for name in FINGERPRINTED:
        path = ROOT / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(ROOT).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:12]


def cached_history(cache: Path | None, sessions: int, work: Path, years: float = YEARS) -> Path:
    """A folder holding the realistic history of `sessions` sessions over `years` years: from the cache,
    or built now."""
    spread = "" if years == YEARS else f"-{years:g}years"
    if cache is None:
        target = work / f"built-{sessions}{spread}"
    else:
        target = cache / f"history-{sessions}{spread}-seed{SEED}-{fingerprint()}"
        if target.is_dir():
            print(f"Reusing the history in {target}")
            return target
    building = target.with_name(target.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.parent.mkdir(parents=True, exist_ok=True)
    print(f"Building {sessions:,} sessions in {target} ...", flush=True)
    command = [sys.executable, str(ROOT / "benchmarks" / "realistic_history.py"), str(building), "--sessions", str(sessions)]
    command += ["--years", f"{years:g}"]
    said = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    building.rename(target)  # only a complete history is ever found in the cache
    print(f"  {said.replace(str(building), str(target))}")
    return target


def fresh_copy(source: Path, target: Path) -> Path:
    """A copy of a data folder to measure on, so the cached history itself never changes; hard links
    between its files stay links (`cp -a`), as the store's backups are."""
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(["cp", "-a", str(source), str(target)], check=True)
    return target


def run_probe(*arguments: str) -> dict[str, Any]:
    """Run store_probe.py in a fresh process and return its figures."""
    command = [sys.executable, str(ROOT / "benchmarks" / "store_probe.py"), *arguments]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')}")
    return orjson.loads(done.stdout.splitlines()[-1])


def run_doctor(data_dir: Path) -> dict[str, Any]:
    """`hearthside doctor` on a folder in a fresh process: milliseconds from start to exit, its peak
    memory (VmHWM, read by the process itself) and its answer."""
    started = time.perf_counter()
    result = run_probe("doctor", str(data_dir))
    result["ms"] = (time.perf_counter() - started) * 1000
    return result


def doctor_figures(data_dir: Path, runs: int) -> dict[str, Any]:
    """Median and best time of `runs` doctor runs, whole (from start to exit) and of its own work (start-up
    excluded, measured in the same process), and peak memory. The best is the least disturbed by other
    work on the machine, so growth is judged on the best of its own work."""
    results = [run_doctor(data_dir) for _ in range(runs)]
    return {
        "ms": statistics.median(result["ms"] for result in results),
        "ms_best": min(result["ms"] for result in results),
        "work_ms": statistics.median(result["work_ms"] for result in results),
        "work_best": min(result["work_ms"] for result in results),
        "startup_ms": statistics.median(result["ms"] - result["work_ms"] for result in results),
        "peak_rss": statistics.median(result["peak_rss"] for result in results),
        "exit": results[-1]["exit"],
        "last_line": results[-1]["last_line"],
    }


def app_figures(histories: dict[str, Path], starts: int, work: Path) -> dict[str, dict[str, Any]]:
    """Start the app `starts` times on each history, alternating, and take the medians."""
    config = work / "config"
    config.mkdir(exist_ok=True)
    phrases = {
        name: home_complete_phrase(FileHistoryStore.open(folder).session_count(finished_only=True))
        for name, folder in histories.items()
    }
    runs: dict[str, list[AppStart]] = {name: [] for name in histories}
    for _ in range(starts):
        for name, folder in histories.items():
            runs[name].append(start_app(folder, config, phrases[name]))
    return {
        name: {
            "painted_s": statistics.median(run.painted_seconds for run in found),
            "complete_s": statistics.median(run.complete_seconds for run in found),
            "peak_rss": statistics.median(run.peak_rss for run in found),
            "rss": statistics.median(run.rss for run in found),
            "complete_each_s": [run.complete_seconds for run in found],
            "screen": found[-1].screen,
        }
        for name, found in runs.items()
    }


def growth_exponent(points: list[tuple[int, float]]) -> float:
    """How the cost (ms) grows with size: the slope of a least-squares line through log(cost) against
    log(size) over the points above the noise (1 is linear, 2 quadratic); NaN when fewer than two sizes
    stand above it."""
    above = [(math.log(size), math.log(cost)) for size, cost in sorted(points) if cost >= NOISE_MS]
    if len({x for x, _ in above}) < 2:
        return float("nan")
    mean_x = statistics.fmean(x for x, _ in above)
    mean_y = statistics.fmean(y for _, y in above)
    spread = sum((x - mean_x) ** 2 for x, _ in above)
    return sum((x - mean_x) * (y - mean_y) for x, y in above) / spread


def doctor_years(plan: Plan, size: int) -> float:
    """How many years the doctor history of `size` sessions spans: the largest spans the full 27, the
    others as many years as take them at the same sessions a year (a history grows by years, and every
    year file is then about as big as in the largest)."""
    return YEARS * size / max(plan.doctor_sizes)


def doctor_growth(plan: Plan, cache: Path | None, work: Path, large: Path | None) -> list[dict[str, Any]]:
    """Doctor on realistic histories of each of `plan.doctor_sizes` sessions, all made alike by
    `write_history` (settings, imports in batches of 1,000, ten daily backups) at the same sessions a
    year; `large`, the history of `plan.sessions` when it was built the same way, is reused for its size."""
    found = []
    for size in plan.doctor_sizes:
        years = doctor_years(plan, size)
        reuse = large is not None and size == plan.sessions and years == YEARS
        source = large if reuse and large is not None else cached_history(cache, size, work, years)
        folder = fresh_copy(source, work / f"doctor-{size}")
        found.append({"sessions": size, "years": years, **doctor_figures(folder, plan.doctor_runs)})
        shutil.rmtree(folder, ignore_errors=True)
    return found


def measure_all(plan: Plan, cache: Path | None, work: Path, history: Path | None = None) -> dict[str, Any]:
    """Every figure of the report, for the empty and the large history (`history`, when given, is used
    instead of building one; it is only ever copied)."""
    started = time.perf_counter()
    large_source = history or cached_history(cache, plan.sessions, work)
    empty_source = work / "empty-source"
    write_history(empty_source, 0)  # settings only: a returning couple with no sessions yet
    histories = {"empty": fresh_copy(empty_source, work / "empty"), "large": fresh_copy(large_source, work / "large")}
    print(f"Starting the app {plan.app_starts} times on each history ...", flush=True)
    figures: dict[str, Any] = {"sessions": plan.sessions, "load_before": os.getloadavg()[0]}
    figures["app"] = app_figures(histories, plan.app_starts, work)
    print("Running doctor ...", flush=True)
    figures["doctor"] = {name: doctor_figures(folder, plan.doctor_runs) for name, folder in histories.items()}
    print("Timing store changes ...", flush=True)
    figures["store"] = {
        name: run_probe("changes", str(fresh_copy(folder, work / f"{name}-changes")))
        for name, folder in (("empty", empty_source), ("large", large_source))
    }
    print(f"Importing {', '.join(f'{size:,}' for size in plan.imports)} sessions into empty folders ...", flush=True)
    figures["imports"] = []
    for size in plan.imports:
        folder = work / f"import-{size}"
        figures["imports"].append(run_probe("import", str(folder), str(size)))
        shutil.rmtree(folder, ignore_errors=True)
    print(f"Running doctor on realistic histories of {', '.join(f'{size:,}' for size in plan.doctor_sizes)} sessions ...", flush=True)
    figures["doctor_growth"] = doctor_growth(plan, cache, work, None if history else large_source)
    imports = [(item["sessions"], item["import"]["ms"]) for item in figures["imports"]]
    doctors = [(item["sessions"], item["work_best"]) for item in figures["doctor_growth"]]
    figures["import_exponent"] = growth_exponent(imports)
    figures["doctor_exponent"] = growth_exponent(doctors)
    figures["load_after"] = os.getloadavg()[0]
    figures["seconds"] = time.perf_counter() - started
    figures["large_dir"] = str(large_source)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Measure, print the report, and keep the figures as JSON when asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 sessions and fewer repeats (about a minute)")
    parser.add_argument("--sessions", type=int, help="the large history's size (default 10,000; 1,000 quick)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=f"where built histories are kept ({DEFAULT_CACHE})")
    parser.add_argument("--no-cache", action="store_true", help="build the history afresh and throw it away")
    parser.add_argument("--history", type=Path, help="measure on a copy of this data folder instead of building one")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.sessions or args.history:
        size = args.sessions or FileHistoryStore.open_read_only(args.history).session_count(finished_only=False)
        plan = Plan(size, plan.app_starts, plan.doctor_runs, plan.imports, (size // 4, size // 2, size))
    with tempfile.TemporaryDirectory(prefix="hearthside-bench-") as temp:
        figures = measure_all(plan, None if args.no_cache else args.cache, Path(temp), args.history)
    print_report(figures)
    if args.json:
        args.json.write_bytes(orjson.dumps(figures, option=orjson.OPT_INDENT_2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
