"""The app's start as a couple sees it: `python -m tui` under a real pty at 80x24, read by a terminal
emulator (pyte), timed until home is completely drawn, with the process's peak memory then."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pyte

ROOT = Path(__file__).resolve().parent.parent
COLUMNS, LINES = 80, 24
START_TIMEOUT = 60.0
SETTLED_SECONDS = 0.2  # home is complete when the phrase is there and the app has stopped drawing this long
HOME_PAINTED = "For Maya and Jonah"  # home is on screen (its facts may still be loading)


@dataclass(frozen=True)
class AppStart:
    """One start of the app: seconds to home on screen and to home complete, and memory (bytes) then."""

    painted_seconds: float
    complete_seconds: float
    peak_rss: int
    rss: int
    screen: str


def home_complete_phrase(sessions_together: int) -> str:
    """The words home shows once it has read the history (the facts line, after the overview)."""
    if sessions_together == 0:
        return "Your first session together is one keypress away."
    times = "once" if sessions_together == 1 else f"{sessions_together} times"
    return f"You have made time for each other {times}."


def memory_of(pid: int) -> tuple[int, int]:
    """VmHWM (peak resident memory) and VmRSS of a process, in bytes."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
    )
    return int(fields["VmHWM"].split()[0]) * 1024, int(fields["VmRSS"].split()[0]) * 1024


def cache_dir_beside(config_dir: Path) -> Path:
    """The run's own cache folder (the library as last read), beside its config folder."""
    return config_dir.with_name(config_dir.name + "-cache")


def app_environment(data_dir: Path, config_dir: Path) -> dict[str, str]:
    """The environment of a couple's terminal, with this history and no scripts of their own."""
    # An installed app runs from compiled bytecode (pip writes it), so a shell's PYTHONDONTWRITEBYTECODE
    # must not make every start compile the tree again: run.py compiles `tui` first.
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TEXTUAL") and key != "PYTHONDONTWRITEBYTECODE"
    }
    environment.update(
        HEARTHSIDE_DATA_DIR=str(data_dir),
        HEARTHSIDE_CONFIG_DIR=str(config_dir),
        HEARTHSIDE_CACHE_DIR=str(cache_dir_beside(config_dir)),  # kept between starts, as a couple's is
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        COLUMNS=str(COLUMNS),
        LINES=str(LINES),
    )
    return environment


def flat(screen: pyte.Screen) -> str:
    """The screen's text with runs of spaces and line ends made single spaces (words may wrap)."""
    return " ".join(" ".join(screen.display).split())


def start_app(data_dir: Path, config_dir: Path, complete_phrase: str) -> AppStart:
    """Start the app, wait until `complete_phrase` is on its screen, note the times and memory, then quit."""
    screen = pyte.Screen(COLUMNS, LINES)
    stream = pyte.ByteStream(screen)
    started = time.perf_counter()
    child = pexpect.spawn(
        sys.executable,
        ["-m", "tui"],
        cwd=str(ROOT),
        env=app_environment(data_dir, config_dir),
        dimensions=(LINES, COLUMNS),
    )
    painted = None
    try:
        while True:
            if time.perf_counter() - started > START_TIMEOUT:
                raise RuntimeError(f"home did not show {complete_phrase!r} in {START_TIMEOUT:.0f} s:\n{flat(screen)}")
            try:
                stream.feed(child.read_nonblocking(65536, timeout=0.02))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                raise RuntimeError(f"the app ended before home was drawn:\n{flat(screen)}") from None
            text = flat(screen)
            now = time.perf_counter() - started
            if painted is None and HOME_PAINTED in text:
                painted = now
            if complete_phrase in text:
                complete = settled(child, stream, started)
                peak, rss = memory_of(child.pid)
                return AppStart(painted or now, complete, peak, rss, "\n".join(screen.display))
    finally:
        quit_app(child)


def settled(child: pexpect.spawn, stream: pyte.ByteStream, started: float) -> float:
    """Read until the app draws nothing for SETTLED_SECONDS; the seconds from `started` to its last output."""
    last = time.perf_counter() - started
    while True:
        try:
            stream.feed(child.read_nonblocking(65536, timeout=SETTLED_SECONDS))
        except (pexpect.TIMEOUT, pexpect.EOF):
            return last
        last = time.perf_counter() - started


def quit_app(child: pexpect.spawn) -> None:
    """Leave with ctrl+q as the couple would; end the process if it does not go."""
    if child.isalive():
        child.sendcontrol("q")
        with contextlib.suppress(pexpect.TIMEOUT, pexpect.EOF):
            child.expect(pexpect.EOF, timeout=10)
    child.close(force=True)
