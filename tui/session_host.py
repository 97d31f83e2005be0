"""What the session service asks of the UI around it (`SessionHost`), and the messages its thread
workers post back for the App to hand to the service."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rich.text import Text
from textual.message import Message

from tui.overview import Overview, Unfinished

if TYPE_CHECKING:
    from tui.core.engine import Session  # the engine is imported once a session begins, not at start


class SessionPrepared(Message):
    """A session was prepared in a worker: a new one (with any unfinished sessions found on the way, to
    ask about first), or an unfinished one restored to continue."""

    def __init__(
        self, session: Session, *, resumed: bool = False, unfinished: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.resumed = resumed
        self.unfinished = list(unfinished or [])


class ResumeRefused(Message):
    """An unfinished session cannot continue (its script is gone or changed): say why, keep it in history."""

    def __init__(self, snapshot: dict[str, Any], problem: str) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.problem = problem


class OverviewLoaded(Message):
    """The store's overview was read."""

    def __init__(self, overview: Overview) -> None:
        super().__init__()
        self.overview = overview


class FollowUpsLoaded(Message):
    """Every follow-up was read (open ones and decided ones), for the Follow-ups screen; `asked_at` is the
    screen's count of decisions when it asked, so a read older than a decision is not shown over it."""

    def __init__(self, follow_ups: list[dict[str, Any]], asked_at: int) -> None:
        super().__init__()
        self.follow_ups = follow_ups
        self.asked_at = asked_at


class PutElsewhere(Message):
    """The unsaved work (the writes numbered `numbers`) was written to the export file `path`."""

    def __init__(self, path: Path, numbers: list[int]) -> None:
        super().__init__()
        self.path = path
        self.numbers = numbers


class PutElsewhereFailed(Message):
    """The file the couple chose for their unsaved work could not be written."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__()
        self.path = path
        self.problem = problem


class SessionHost(Protocol):
    """What the service asks of the UI around it (the App): threads, messages, words and screens."""

    def run_in_thread(self, work: Callable[[], None], group: str) -> None:
        """Run `work` in a thread worker of `group` (its failure comes back as `worker_failed`)."""
        ...

    def post_message(self, message: Message) -> bool:
        """Post a message to the UI thread (safe from any thread)."""
        ...

    def tell(self, text: str, *, severity: str = "information", timeout: float = 6) -> None:
        """Say something to the couple, shown literally."""
        ...

    def ask(self, question: Text, yes: str, no: str, answer: Callable[[bool], None]) -> None:
        """Ask a yes/no question; `answer` gets True for yes."""
        ...

    def ask_about_unfinished(
        self, unfinished: Unfinished, others: int, answer: Callable[[str | None], None]
    ) -> None:
        """Ask what to do with an unfinished session before a new one starts; `answer` gets
        CONTINUE_IT, KEEP_FOR_LATER, START_FRESH, or None when the couple changed their mind."""
        ...

    def show_session(self, session: Session) -> None:
        """Put the session on screen (in place of the picker or an older session screen)."""
        ...

    def close_session(self) -> None:
        """Take the session screen (and a picker under way) away, if they are showing."""
        ...

    def refresh_home(self) -> None:
        """Redraw what shows the overview or "saving..."."""
        ...

    def thank(self, words: str) -> None:
        """A word of thanks after a session, where it cannot sit over the next screen (home itself)."""
        ...
