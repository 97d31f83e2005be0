"""The turn's countdown: large minutes with the seconds beside them when there is room and Unicode, one
plain line otherwise. Each part repaints only when its own text changes, so a ticking turn writes the
seconds' few cells a second and the large digits once a minute (a light load over a slow link)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Digits, Static

LARGE_MIN_WIDTH = 60


def clock_face(seconds: int, overtime: bool) -> str:
    """ "9:58" for time left, "+0:42" for overtime."""
    minutes, rest = divmod(max(0, seconds), 60)
    face = f"{minutes}:{rest:02d}"
    return f"+{face}" if overtime else face


def title_face(seconds: int, overtime: bool) -> str:
    """The window title's coarser clock, which changes once a minute (every title costs bytes and, over
    ssh, a packet of its own): "10 min left" (minutes rounded up), "time is up", then "+2 min over"."""
    if overtime:
        return f"+{seconds // 60} min over" if seconds >= 60 else "time is up"
    return f"{-(-max(0, seconds) // 60)} min left"


def split_face(face: str) -> tuple[str, str]:
    """ "9:58" as ("9", ":58"): the large part and the seconds beside it."""
    minutes, colon, seconds = face.rpartition(":")
    return (minutes, colon + seconds) if colon else (face, "")


class Countdown(Horizontal):
    """Shows a clock face; switches between large minutes and a plain line with the width and locale."""

    DEFAULT_CSS = """
    Countdown { height: auto; width: 1fr; align-horizontal: center; }
    Countdown Digits { width: auto; }
    Countdown #large-seconds { width: auto; margin: 1 0 0 1; text-style: bold; }
    Countdown #plain-clock { width: auto; text-style: bold; }
    Countdown #clock-caption { width: auto; margin: 1 0 0 2; color: $text-muted; }
    Countdown.plain #clock-caption { margin: 0 0 0 2; }
    """

    def __init__(self, unicode_ok: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.unicode_ok = unicode_ok
        self.face = ""
        self._caption = ""
        self._ready = False
        self._large = False
        self._drawn: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        """The large minutes and the seconds beside them, the plain line, and a caption."""
        yield Digits("", id="large-clock")
        yield Static("", id="large-seconds", markup=False)
        yield Static("", id="plain-clock", markup=False)
        yield Static("", id="clock-caption", markup=False)

    def on_mount(self) -> None:
        """Pick the face for the current width."""
        self._ready = True
        self._choose_face()

    def on_resize(self) -> None:
        """Narrow terminals get the plain face (a resize that keeps the face redraws nothing)."""
        if self._ready and self._wants_large_digits != self._large:
            self._choose_face()

    @property
    def _wants_large_digits(self) -> bool:
        """Whether this width and locale call for the large digits (`_large` is the face showing); before
        the first layout judged by the terminal's width, so the first frame already has the right face."""
        width = self.size.width or self.app.size.width
        return self.unicode_ok and width >= LARGE_MIN_WIDTH

    def _choose_face(self) -> None:
        large = self._large = self._wants_large_digits
        self.query_one("#large-clock", Digits).display = large
        self.query_one("#large-seconds", Static).display = large
        self.query_one("#plain-clock", Static).display = not large
        self.set_class(not large, "plain")
        self._drawn.clear()
        self._render_face()

    def show(self, face: str, caption: str) -> None:
        """Set the clock face ("9:58", "+0:42") and the words beside it; redraws only what changed."""
        if face == self.face and caption == self._caption:
            return
        self.face = face
        self._caption = caption
        self._render_face()

    def _render_face(self) -> None:
        if not self._ready:
            return
        if self._large:  # the face chosen at the last resize (a hidden clock keeps its face and counts on)
            minutes, seconds = split_face(self.face)
            if self._drawn.get("large-clock") != minutes:
                self.query_one("#large-clock", Digits).update(minutes)
            self._update_text("large-seconds", seconds)
            self._drawn["large-clock"] = minutes
        else:
            self._update_text("plain-clock", self.face)
        self._update_text("clock-caption", self._caption)

    def _update_text(self, widget_id: str, text: str) -> None:
        """Update one line only when its text changes; the same length needs no new layout."""
        before = self._drawn.get(widget_id)
        if before == text:
            return
        self._drawn[widget_id] = text
        same_width = before is not None and len(before) == len(text)
        self.query_one(f"#{widget_id}", Static).update(text, layout=not same_width)
