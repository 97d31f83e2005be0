"""The `hearthside` command (and `python -m tui`): the command line, with Python's cycle collector paused
while the program starts.

A start makes some 300,000 objects (Textual, Rich, the screens) and next to no cyclic garbage, yet the
collector would walk them about a hundred times before the first frame (25-30 ms of a turn's start). It
resumes at once for any command but the app, one second into the app (`tui.app`, well after its first
frame), and when the command line returns, whatever happens.
"""

from __future__ import annotations

import gc


def main() -> int:
    """Run the command line (see `tui.cli.main`) and return its exit status."""
    was_collecting = gc.isenabled()
    gc.disable()
    try:
        from tui.cli import main as command_line

        return command_line()
    finally:
        if was_collecting:
            gc.enable()
