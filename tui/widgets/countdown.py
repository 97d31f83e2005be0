"""The turn's countdown: large `Digits` when there is room and Unicode, plain text otherwise."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

LARGE_MIN_WIDTH = 60


def clock_face(seconds: int, overtime: bool) -> str:
    """ "9:58" for time left, "+0:42" for overtime."""
    minutes, rest = divmod(max(0, seconds), 60)
    face = f"{minutes}:{rest:02d}"
    return f"+{face}" if overtime else face


class Countdown(Vertical):
    """Shows a clock face; switches between large digits and a plain line with the width and locale."""

    DEFAULT_CSS = """
    Countdown { height: auto; width: 1fr; align-horizontal: center; }
    Countdown Digits { width: auto; }
    Countdown #plain-clock { width: auto; text-style: bold; }
    Countdown #clock-caption { width: auto; color: $text-muted; }
    """

    def __init__(self, unicode_ok: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.unicode_ok = unicode_ok
        self._face = ""
        self._caption = ""
        self._ready = False
        self._drawn: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        """The large digits, the plain line and a caption; one of the first two is hidden."""
        yield Digits("", id="large-clock")
        yield Static("", id="plain-clock", markup=False)
        yield Static("", id="clock-caption", markup=False)

    def on_mount(self) -> None:
        """Pick the face for the current width."""
        self._ready = True
        self._choose_face()

    def on_resize(self) -> None:
        """Narrow terminals get the plain face."""
        if self._ready:
            self._choose_face()

    @property
    def uses_large_digits(self) -> bool:
        """Whether the large digits are showing."""
        return self.unicode_ok and self.size.width >= LARGE_MIN_WIDTH

    def _choose_face(self) -> None:
        large = self.uses_large_digits
        self.query_one("#large-clock", Digits).display = large
        self.query_one("#plain-clock", Static).display = not large
        self._render_face()

    def show(self, face: str, caption: str) -> None:
        """Set the clock face ("9:58", "+0:42") and the words under it; redraws only on change."""
        if face == self._face and caption == self._caption:
            return
        self._face = face
        self._caption = caption
        self._render_face()

    def _render_face(self) -> None:
        if not self._ready:
            return
        # touch only the face that shows, and the caption only when it changes: fewer bytes per second
        face_widget = self.query_one("#large-clock" if self.uses_large_digits else "#plain-clock")
        if face_widget.id not in self._drawn or self._drawn[face_widget.id] != self._face:
            face_widget.update(self._face)  # type: ignore[attr-defined]
            self._drawn[str(face_widget.id)] = self._face
        if self._drawn.get("caption") != self._caption:
            self.query_one("#clock-caption", Static).update(self._caption)
            self._drawn["caption"] = self._caption
