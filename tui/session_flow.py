"""Starting, ending and resuming sessions, and following a program: the App's session lifecycle."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

from tui.core.engine import SWITCHED, Session, SnapshotMismatch
from tui.core.events import Start
from tui.core.partners import choose_first_speaker
from tui.core.session_record import unfinished_record
from tui.core.session_status import counts_as_time_together
from tui.screens.home import HomeScreen
from tui.screens.picker import PickerScreen
from tui.screens.session import SessionScreen

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.core.clock import Clock
    from tui.core.library import Library
    from tui.core.partners import Partners
    from tui.core.settings import Settings
    from tui.overview import HistoryStore, Overview

GENTLE_SCRIPT_ID = "low-energy"


class SessionPrepared(Message):
    """Open follow-ups and rotation were read in a worker; the session can begin."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class SessionFlow:
    """Mixed into the App: every way a session begins, ends, is resumed or kept unfinished."""

    if TYPE_CHECKING:  # provided by the App
        store: HistoryStore
        library: Library
        clock: Clock
        settings: Settings
        overview: Overview
        active_session: Session | None
        _preparing: bool

        @property
        def partners(self) -> Partners: ...
        @property
        def active_program_id(self) -> str: ...
        def script_title(self, script_id: str) -> str: ...
        def load_overview(self) -> None: ...
        def _refresh_home(self) -> None: ...
        def _write(
            self, what: str, call: Callable[..., None], *args: Any, then: Callable[[], None] | None = None
        ) -> None: ...
        def push_screen(self, *args: Any, **kwargs: Any) -> Any: ...
        def pop_screen(self) -> Any: ...
        def notify(self, *args: Any, **kwargs: Any) -> None: ...
        def run_worker(self, *args: Any, **kwargs: Any) -> Any: ...
        def post_message(self, message: Message) -> bool: ...
        @property
        def screen(self) -> Any: ...

    def save_checkpoint(self, session: Session) -> None:
        """Save the running session so a crash or dropped link can continue it."""
        if session.is_running:
            self._write("checkpoint", self.store.save_checkpoint, session.snapshot())

    def open_picker(self) -> None:
        """Show the script picker."""
        self.push_screen(PickerScreen())

    def follow_program(self, program_id: str) -> None:
        """Remember that the couple follows `program_id` from now on (progress counts from its records)."""
        self.settings.extra["program"] = {"id": program_id, "started_at": self.clock.now().isoformat()}
        self._write("settings", self.store.save_settings, self.settings.to_dict(), then=self.load_overview)

    def stop_following_program(self) -> None:
        """Follow no program from now on (its sittings stay in history and count again if followed again)."""
        self.settings.extra.pop("program", None)
        self._write("settings", self.store.save_settings, self.settings.to_dict(), then=self.load_overview)

    def start_program_sitting(self) -> None:
        """Start the next script of the program the couple follows."""
        program = self.library.programs.get(self.active_program_id)
        if program is None:
            return
        position = program.locate(self.overview.program_sittings_done)
        if position is None:
            return
        self.start_script(position.part.script, program_id=program.id)

    def start_script(
        self, script_id: str, prefilled_checkins: dict[str, int] | None = None, program_id: str = ""
    ) -> None:
        """Prepare a session of `script_id` (store reads in a worker), then show it."""
        script = self.library.find(script_id)
        if script is None:
            self.notify(f'There is no script "{script_id}".', severity="error", markup=False)
            return
        gentler = script.gentler or (GENTLE_SCRIPT_ID if self.library.find(GENTLE_SCRIPT_ID) else "")
        if gentler == script.id:
            gentler = ""

        if self._preparing or (self.active_session is not None and self.active_session.is_running):
            return  # a second Enter while the first session is being prepared starts nothing more
        self._preparing = True

        def prepare() -> None:
            last_first = self.store.last_first_speaker()
            session = Session(
                script,
                self.partners,
                self.clock,
                first_speaker=choose_first_speaker("rotate", last_first),  # type: ignore[arg-type]
                decks=self.library.decks,
                open_follow_ups=self.store.open_follow_ups(),
                gentler_script_id=gentler,
                prefilled_checkins=prefilled_checkins,
                program_id=program_id,
            )
            self.post_message(SessionPrepared(session))

        self.run_worker(prepare, thread=True, group="prepare", exclusive=True, exit_on_error=False)

    def on_session_prepared(self, message: SessionPrepared) -> None:
        """Begin the prepared session on its own screen."""
        self._preparing = False
        session = message.session
        session.handle(Start())
        self._show_session(session)

    def _show_session(self, session: Session) -> None:
        while isinstance(self.screen, PickerScreen | SessionScreen):
            self.pop_screen()
        self.active_session = session
        if session.is_over:
            self.session_ended(session)
            return
        self.push_screen(SessionScreen(session))

    def session_ended(self, session: Session) -> None:
        """Keep the record, go home, and start the gentler script if that was the choice."""
        record = session.record()
        self.active_session = None
        self.overview.sessions_together += 1 if counts_as_time_together(record) else 0
        self._write("session", self.store.save_session, record, then=self.load_overview)
        if isinstance(self.screen, SessionScreen):
            self.pop_screen()
        if session.status == SWITCHED and session.switched_to:
            ratings = {entry["partner"]: entry["value"] for entry in record["checkins"]}
            self.start_script(session.switched_to, prefilled_checkins=ratings, program_id=session.program_id)
            return
        if counts_as_time_together(record) and isinstance(self.screen, HomeScreen):
            self.screen.show_thanks("Kept in your history. Thank you for making this time.")

    def continue_unfinished(self) -> None:
        """Continue the unfinished session shown on home (a new session leaves it waiting there)."""
        snapshot = self.overview.checkpoint
        if snapshot is not None:
            self._resume(snapshot)

    def _resume(self, snapshot: dict[str, Any]) -> None:
        script = self.library.find(snapshot.get("script_id", ""))
        try:
            if script is None:
                raise SnapshotMismatch(f'the script "{snapshot.get("script_id")}" is no longer installed')
            session = Session.restore(snapshot, script, self.clock, self.library.decks)
        except (SnapshotMismatch, KeyError, ValueError, TypeError, IndexError) as error:
            self.notify(
                f"This session cannot continue: {error}. It is kept in your history as unfinished.",
                severity="warning",
                timeout=12,
                markup=False,
            )
            self._keep_unfinished(snapshot)
            return
        self.overview.checkpoint = None
        self._show_session(session)

    def _keep_unfinished(self, snapshot: dict[str, Any]) -> None:
        self.overview.checkpoint = None
        self._write(
            "unfinished session",
            self.store.keep_unfinished,
            unfinished_record(snapshot),
            then=self.load_overview,
        )
        self._refresh_home()
