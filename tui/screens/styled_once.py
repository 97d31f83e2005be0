"""A screen whose first resume does not restyle it again: Textual styles each widget as it mounts, then
styles every node of a newly pushed screen once more when it resumes, just before its first frame."""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.screen import Screen

ResultT = TypeVar("ResultT")


class StyledOnceScreen(Screen[ResultT]):
    """Skips the whole-screen restyle of the first resume only (paired runs: some 8 ms of a turn's start
    and more of home's); whatever changed since mounting (classes, focus, the App's classes) restyled
    its own nodes already. Every later resume (after a theme change, say) restyles as Textual does."""

    _resumed_before = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        first, self._resumed_before = not self._resumed_before, True
        if not first or not event.refresh_styles:
            return  # Textual's own handler runs next, as for any screen
        event.prevent_default()  # Screen's handler is not called for this event, but here, without the restyle
        Screen._on_screen_resume(self, events.ScreenResume(refresh_styles=False))
