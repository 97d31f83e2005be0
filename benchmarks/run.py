"""Issue 14's figures, each beside the same figure of a reference measured in the same run, as a ratio.

Run from the repository root: python -m benchmarks.run [--quick] [--json FILE]
Everything runs under a real pty at 80x24 with TERM=xterm-256color (no COLORTERM), the app started as a
returning couple (settings with their names, welcome seen). The references: a bare Textual app with a
`Digits` ten-minute countdown (benchmarks/bare_digits.py), and termdown for bytes per minute when it is
installed. Starts alternate between the reference and the app; the ticking figures are read side by side.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
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

from benchmarks.app_probe import app_environment, home_complete_phrase  # noqa: E402
from benchmarks.bare_home import FACTS  # noqa: E402
from benchmarks.bench_history import DEFAULT_CACHE, cached_history, fresh_copy  # noqa: E402
from benchmarks.loopback_ssh import ByteRelay, LoopbackSshd  # noqa: E402
from benchmarks.pty_probe import PtyProgram, pump_together, ticking_figures  # noqa: E402
from benchmarks.realistic_history import write_history  # noqa: E402
from benchmarks.run_report import print_table  # noqa: E402

PYTHON = sys.executable
TERMDOWN = Path(PYTHON).with_name("termdown")
WARM_UP_SECONDS = 3.0  # after Enter starts the turn: the first repaint is not the steady tick
TURN_SCRIPT = """\
[script]
id = "bench-turn"
title = "Ten minutes each"
summary = "One turn each, as in ten-minutes-each."
method = "benchmark"

[[steps]]
kind = "turns"
title = "Your ten minutes"
minutes = {minutes}
rounds = 1
reflect = "paraphrase"
"""


@dataclass(frozen=True)
class Plan:
    """How much to measure: starts of each program, seconds of ticking read, the cue turn's length, the
    history size for the save after another process wrote, and whether to add bench_history's table."""

    starts: int
    tick_seconds: float
    cue_seconds: int
    sessions: int
    saves: int
    store_table: bool


FULL = Plan(starts=5, tick_seconds=60.0, cue_seconds=60, sessions=10_000, saves=5, store_table=True)
QUICK = Plan(starts=2, tick_seconds=8.0, cue_seconds=6, sessions=1_000, saves=2, store_table=False)


class Bench:
    """The run's folders: a returning couple's data folder (copied fresh for every start), the scripts."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.couple = work / "couple"
        write_history(self.couple, 0)  # settings with two names, welcome seen, no sessions yet
        self.config = work / "config"
        self.config.mkdir()
        self.turn_script = work / "turn.toml"
        self.turn_script.write_text(TURN_SCRIPT.format(minutes=10))
        self.copies = 0
        # a returning couple's cache folder holds the library as last read: one start makes it
        warm = [PYTHON, "-m", "tui", "scripts", "list"]
        subprocess.run(warm, cwd=ROOT, env=self.env(self.couple), capture_output=True, check=True, timeout=60)

    def fresh_data(self) -> Path:
        """A fresh copy of the couple's folder (a turn leaves a checkpoint behind)."""
        self.copies += 1
        return fresh_copy(self.couple, self.work / f"data-{self.copies}")

    def env(self, data: Path) -> dict[str, str]:
        """The couple's terminal: 80x24, 256 colours, UTF-8, no COLORTERM."""
        environment = app_environment(data, self.config)
        environment.pop("COLORTERM", None)
        return environment

    def cue_script(self, seconds: int) -> Path:
        """A script of one turn `seconds` long."""
        path = self.work / f"cue-{seconds}.toml"
        path.write_text(TURN_SCRIPT.format(minutes=f"{seconds / 60:.4f}"))
        return path


def shows_bare_face(text: str) -> bool:
    """The bare app's "10:00" is drawn (the large 0's top)."""
    return "╭─╮" in text


def shows_bare_home(text: str) -> bool:
    """The bare home's facts line and its footer are drawn."""
    return FACTS in text and "^q Quit" in text


def shows_turn(text: str) -> bool:
    """A turn's first frame: the clock, the prompt, the footer."""
    return "Press Enter to start" in text and "F1 Help" in text


def start_figures(bench: Bench, plan: Plan) -> dict[str, Any]:
    """Seconds to the first complete frame: the bare app, a turn, home; alternating, medians."""
    home_phrase = home_complete_phrase(0)
    runs: dict[str, list[float]] = {"bare": [], "turn": [], "home": [], "bare_home": []}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(plan.starts):
        for name in runs:
            env = bench.env(bench.fresh_data())
            if name == "bare":
                program = PtyProgram([PYTHON, "benchmarks/bare_digits.py"], env, ROOT)
                shows = shows_bare_face
            elif name == "turn":
                argv = [PYTHON, "-m", "tui", "run", str(bench.turn_script), "--partners", "A,B"]
                program, shows = PtyProgram(argv, env, ROOT), shows_turn
            elif name == "home":
                program = PtyProgram([PYTHON, "-m", "tui"], env, ROOT)
                shows = lambda text: home_phrase in text  # noqa: E731
            else:  # the second reference: Textual drawing home's widgets, no Hearthside code
                program = PtyProgram([PYTHON, "benchmarks/bare_home.py"], env, ROOT)
                shows = shows_bare_home
            try:
                runs[name].append(program.complete_frame(shows))
                cpu[name].append(program.cpu_seconds())  # the work to that frame, whatever else the machine runs
            finally:
                program.stop()
    return {
        name: {"median": statistics.median(found), "each": found, "cpu": statistics.median(cpu[name])}
        for name, found in runs.items()
    }


def start_turn(bench: Bench, argv: list[str], env: dict[str, str]) -> PtyProgram:
    """Start a program showing a turn, wait for its first frame, and press Enter to start the clock."""
    program = PtyProgram(argv, env, ROOT)
    program.complete_frame(shows_turn)
    program.send("\r")
    return program


def tick_figures(bench: Bench, plan: Plan) -> dict[str, Any]:
    """While clocks tick, side by side over the same seconds: bytes per minute, CPU and peak memory of
    the bare app, termdown, a turn, the same turn over a loopback sshd (bytes on the wire); and a real
    turn of `plan.cue_seconds` until its bell."""
    notes: list[str] = []
    programs: dict[str, PtyProgram] = {}
    programs["bare"] = PtyProgram([PYTHON, "benchmarks/bare_digits.py"], bench.env(bench.fresh_data()), ROOT)
    programs["bare"].complete_frame(shows_bare_face)
    if TERMDOWN.exists():
        programs["termdown"] = PtyProgram([str(TERMDOWN), "10m"], bench.env(bench.fresh_data()), ROOT)
    else:
        notes.append("termdown is not installed (pip install termdown): its column is empty")
    app_argv = [PYTHON, "-m", "tui", "run", str(bench.turn_script), "--partners", "A,B"]
    programs["app"] = start_turn(bench, app_argv, bench.env(bench.fresh_data()))
    sshd, relay = None, None
    why_not = LoopbackSshd.why_not()
    if why_not is None:
        try:
            sshd = LoopbackSshd(bench.work / "sshd")
            sshd.start()
            relay = ByteRelay(sshd.port)
            client_env = bench.env(bench.fresh_data())  # TERM goes over ssh; COLORTERM does not
            passed = ("HEARTHSIDE_DATA_DIR", "HEARTHSIDE_CONFIG_DIR", "HEARTHSIDE_CACHE_DIR", "LANG", "LC_ALL", "TERM")
            argv = sshd.client_argv(relay.port, app_argv, {key: client_env[key] for key in passed}, ROOT)
            programs["ssh"] = start_turn(bench, argv, client_env)
        except (RuntimeError, OSError) as error:
            why_not = str(error).splitlines()[0]
    if why_not is not None:
        notes.append(f"over ssh: skipped ({why_not})")
    cue_argv = [PYTHON, "-m", "tui", "run", str(bench.cue_script(plan.cue_seconds)), "--partners", "A,B"]
    cue = PtyProgram(cue_argv, bench.env(bench.fresh_data()), ROOT)
    cue.complete_frame(shows_turn)
    cue.send("\r")
    cue_started = cue.seconds()
    everything = [*programs.values(), cue]
    try:
        pump_together(everything, WARM_UP_SECONDS)
        wire_before = relay.to_client if relay else 0
        started = time.perf_counter()
        figures: dict[str, Any] = ticking_figures(programs, plan.tick_seconds, also=[cue])
        elapsed = time.perf_counter() - started
        if relay is not None:
            figures["ssh"]["wire_bytes_per_min"] = (relay.to_client - wire_before) * 60 / elapsed
        deadline = time.perf_counter() + plan.cue_seconds + 10
        while not cue.bells and time.perf_counter() < deadline:
            pump_together(everything, 0.05)
        figures["cue"] = {
            "seconds": plan.cue_seconds,
            "bell_after": cue.bells[0] - cue_started if cue.bells else None,
        }
        figures["screens"] = {name: "\n".join(program.screen.display) for name, program in programs.items()}
    finally:
        for name, program in programs.items():
            program.stop("\x03" if name == "termdown" else "\x11")
        cue.stop()
        if relay is not None:
            relay.close()
        if sshd is not None:
            sshd.stop()
    figures["notes"] = notes
    return figures


def probe(*arguments: str) -> dict[str, Any]:
    """Run busy_store_probe.py in a fresh process and return its figures."""
    command = [PYTHON, str(ROOT / "benchmarks" / "busy_store_probe.py"), *arguments]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')}")
    return orjson.loads(done.stdout.splitlines()[-1])


def store_figures(bench: Bench, plan: Plan, cache: Path | None) -> dict[str, Any]:
    """Loading the whole built-in library (fresh processes, median) and a save right after another
    process wrote, at `plan.sessions` sessions (the realistic history, cached)."""
    loads = [probe("library") for _ in range(plan.starts + 1)]
    history = cached_history(cache, plan.sessions, bench.work)
    folder = fresh_copy(history, bench.work / "busy")
    saved = probe("save-after-other", str(folder), str(plan.saves))
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "library_ms": statistics.median(load["ms"] for load in loads),
        "library_cpu_ms": statistics.median(load["cpu_ms"] for load in loads),
        "library_cached_ms": statistics.median(load["cached_ms"] for load in loads),
        "library": loads[-1],
        "save_after_other_ms": saved["ms"],
        "save_after_other_each": saved["ms_each"],
        "sessions": plan.sessions,
    }


def machine() -> str:
    """The machine the figures came from."""
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores, {model}; Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table, keep the figures as JSON when asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer starts, 8 s of ticking, a 6 s turn, 1,000 sessions")
    parser.add_argument("--store", action="store_true", help="also bench_history.py's store table (on by default without --quick)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=f"where built histories are kept ({DEFAULT_CACHE})")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    began = time.perf_counter()
    figures: dict[str, Any] = {"machine": machine(), "quick": args.quick, "load_before": os.getloadavg()[0]}
    compileall.compile_dir(ROOT / "tui", quiet=1)  # as `pip install .` leaves it: no start compiles the tree
    with tempfile.TemporaryDirectory(prefix="hearthside-run-") as temp:
        bench = Bench(Path(temp))
        print(f"Starting the bare app, a turn and home {plan.starts} times each, alternating ...", flush=True)
        figures["starts"] = start_figures(bench, plan)
        print(f"Reading ticking clocks side by side for {plan.tick_seconds:.0f} s, and a {plan.cue_seconds} s turn ...", flush=True)
        figures["ticking"] = tick_figures(bench, plan)
        print("Loading the library, saving after another process wrote ...", flush=True)
        figures["store"] = store_figures(bench, plan, args.cache)
    figures["load_after"] = os.getloadavg()[0]
    figures["seconds"] = time.perf_counter() - began
    print_table(figures)
    if args.json:
        args.json.write_bytes(orjson.dumps(figures, option=orjson.OPT_INDENT_2))
    if plan.store_table or args.store:
        print("\nThe store's own figures (benchmarks/bench_history.py" + (" --quick" if args.quick else "") + "):", flush=True)
        command = [PYTHON, str(ROOT / "benchmarks" / "bench_history.py"), *(["--quick"] if args.quick else [])]
        subprocess.run(command, cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
