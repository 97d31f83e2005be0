"""A program under a real pty at 80x24, its output read by a terminal emulator (pyte): when a frame is
complete, how many bytes it writes, its CPU time and its peak memory."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pexpect
import pyte

from benchmarks.app_probe import COLUMNS, LINES, flat, memory_of

SETTLED_SECONDS = 0.2  # a frame is complete when its words are there and nothing more is drawn this long
WAIT_SECONDS = 60.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SYNC_QUERY = b"\x1b[?2026$p"  # DECRQM: does the terminal keep synchronized output (mode 2026)?
SYNC_REPLY = "\x1b[?2026;2$y"  # what kitty, WezTerm, foot, iTerm2, Ghostty, Windows Terminal answer


class PtyProgram:
    """One program started under a pty; every byte it writes is counted and fed to a pyte screen."""

    def __init__(
        self, argv: Sequence[str], env: dict[str, str], cwd: Path, answers_sync: bool = False
    ) -> None:
        self.answers_sync = answers_sync  # answer the mode-2026 query as a modern terminal does
        self.writes: list[int] = []  # the size of each read, which is one write() of the program when they are apart
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes_read = 0
        self.bells: list[float] = []
        self.started = time.perf_counter()
        self.last_output = 0.0
        self._in_osc = False
        self._after_escape = False
        self.child = pexpect.spawn(argv[0], list(argv[1:]), cwd=str(cwd), env=env, dimensions=(LINES, COLUMNS))

    def seconds(self) -> float:
        """Seconds since the program was started."""
        return time.perf_counter() - self.started

    def pump(self, timeout: float) -> bool:
        """Read what the program wrote within `timeout`; False when it wrote nothing."""
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return False
        except pexpect.EOF:
            raise RuntimeError(f"{self.child.args!r} ended early:\n{self.text()}") from None
        now = self.seconds()
        self.bytes_read += len(data)
        self.writes.append(len(data))
        if self.answers_sync and SYNC_QUERY in data:
            self.child.send(SYNC_REPLY)
        self.last_output = now
        if self._rings(data):
            self.bells.append(now)
        with contextlib.suppress(Exception):  # pyte does not know every sequence; the bytes still count
            self.stream.feed(data)
        return True

    def _rings(self, data: bytes) -> bool:
        """Whether `data` holds a bell of its own: a BEL outside an OSC (the window title's OSC ends with one)."""
        rang = False
        for byte in data:
            if self._in_osc:
                if byte == 0x07 or (self._after_escape and byte == 0x5C):  # BEL or ESC \\ closes it
                    self._in_osc = False
            elif self._after_escape and byte == 0x5D:  # ESC ] opens an OSC
                self._in_osc = True
            elif byte == 0x07:
                rang = True
            self._after_escape = byte == 0x1B
        return rang

    def text(self) -> str:
        """The screen's words, runs of spaces made single."""
        return flat(self.screen)

    def complete_frame(self, shows: Callable[[str], bool], timeout: float = WAIT_SECONDS) -> float:
        """Seconds from start to the last output of the first frame that `shows` accepts, once the
        program then drew nothing for SETTLED_SECONDS."""
        while not shows(self.text()):
            if self.seconds() > timeout:
                raise RuntimeError(f"no complete frame in {timeout:.0f} s:\n{self.text()}")
            self.pump(0.02)
        while self.pump(SETTLED_SECONDS):
            pass
        return self.last_output

    def cpu_seconds(self) -> float:
        """User and system CPU time the program has used so far."""
        fields = Path(f"/proc/{self.child.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def peak_rss(self) -> int:
        """The program's peak resident memory (VmHWM), in bytes."""
        return memory_of(self.child.pid)[0]

    def send(self, keys: str) -> None:
        """Type `keys` (\\r is Enter)."""
        self.child.send(keys)

    def stop(self, quit_keys: str = "\x11") -> None:
        """Quit with `quit_keys` (ctrl+q by default); end the process if it does not go."""
        if self.child.isalive():
            self.child.send(quit_keys)
            with contextlib.suppress(pexpect.TIMEOUT, pexpect.EOF):
                self.child.expect(pexpect.EOF, timeout=5)
        self.child.close(force=True)


def pump_together(programs: Sequence[PtyProgram], seconds: float) -> None:
    """Read every program's output for `seconds`, so none of them blocks on a full pty."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        for program in programs:
            while program.pump(0):
                pass
        time.sleep(0.02)


def ticking_figures(
    programs: dict[str, PtyProgram], seconds: float, also: Sequence[PtyProgram] = ()
) -> dict[str, dict[str, float]]:
    """Bytes per minute and CPU share of each program over the same `seconds`, read side by side (the
    programs in `also` are read too, not measured)."""
    before = {name: (program.bytes_read, program.cpu_seconds()) for name, program in programs.items()}
    started = time.perf_counter()
    pump_together([*programs.values(), *also], seconds)
    elapsed = time.perf_counter() - started
    figures = {}
    for name, program in programs.items():
        bytes_before, cpu_before = before[name]
        figures[name] = {
            "bytes_per_min": (program.bytes_read - bytes_before) * 60 / elapsed,
            "cpu_percent": (program.cpu_seconds() - cpu_before) * 100 / elapsed,
            "peak_rss": program.peak_rss(),
        }
    return figures
