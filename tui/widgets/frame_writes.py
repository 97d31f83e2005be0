"""A driver that hands the terminal each frame in one write, so a clock's tick is one SSH packet: Textual
writes the synchronized-output markers (on terminals that keep mode 2026) apart from the frame, three
writes where one does, and a cursor move that the next move overrides."""

from __future__ import annotations

import re

from textual.driver import Driver

SYNC_START = "\x1b[?2026h"
SYNC_END = "\x1b[?2026l"
_OVERRIDDEN_MOVE = re.compile(r"\x1b\[\d+;\d+H(?=\x1b\[\d+;\d+H)")
"""A cursor move straight followed by another: the terminal ends where the second puts it."""


def without_overridden_moves(data: str) -> str:
    """`data` without the cursor moves that another move follows at once (7 of a tick's 49 bytes)."""
    return _OVERRIDDEN_MOVE.sub("", data) if "H\x1b[" in data else data


def one_write_per_frame(base: type[Driver]) -> type[Driver]:
    """`base` with a frame's markers and text joined into one write, and no cursor move that another
    move follows at once."""

    class OneWriteDriver(base):  # type: ignore[valid-type, misc]
        """Textual's driver, writing a frame once."""

        _frame: list[str] | None = None

        def write(self, data: str) -> None:
            """Hold the frame from its start marker to its end marker, then write it whole."""
            if data == SYNC_START and self._frame is None:
                self._frame = [data]
                return
            if self._frame is None:
                super().write(without_overridden_moves(data))
                return
            self._frame.append(data)
            if data == SYNC_END:
                frame, self._frame = self._frame, None
                super().write(without_overridden_moves("".join(frame)))

        def flush(self) -> None:
            """Write what a frame left unfinished, then flush."""
            if self._frame is not None:
                frame, self._frame = self._frame, None
                super().write(without_overridden_moves("".join(frame)))
            super().flush()

    return OneWriteDriver
