"""The reference: a bare Textual app with a `Digits` ten-minute countdown, the least a Textual clock costs.

Run: python benchmarks/bare_digits.py [--seconds N]. It draws "10:00" at once, counts down from a
monotonic start once a second (one `Digits` for the whole face, the window title untouched), and rings
the bell at zero. The harness times its first frame and counts its bytes beside Hearthside's.
"""

from __future__ import annotations

import argparse
import math
import time

from textual.app import App, ComposeResult
from textual.widgets import Digits


def face(seconds: int) -> str:
    """ "9:58" for `seconds` left."""
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes}:{rest:02d}"


class BareCountdown(App[None]):
    """One `Digits`, centred, updated once a second from a monotonic deadline."""

    CSS = "Screen { align: center middle; } Digits { width: auto; }"

    def __init__(self, seconds: int) -> None:
        super().__init__()
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.rung = False

    def compose(self) -> ComposeResult:
        """The clock face."""
        yield Digits(face(self.seconds))

    def on_mount(self) -> None:
        """Tick every second."""
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        """Redraw the face from the deadline; ring once at zero."""
        left = math.ceil(self.deadline - time.monotonic())
        self.query_one(Digits).update(face(left))
        if left <= 0 and not self.rung:
            self.rung = True
            self.bell()


def main() -> None:
    """Start the countdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=600)
    BareCountdown(parser.parse_args().seconds).run()


if __name__ == "__main__":
    main()
