"""Saving, for the session service: every store write in order (`HistoryWriter`), the couple's work kept
until it is on disk, and what is said while saving cannot be done (with a way to put the work elsewhere)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.clock import Clock
from tui.history_writer import HistoryWriter, WriteDone, WriteTrouble
from tui.overview import HistoryStore
from tui.save_words import cannot_save_at_start, not_saved, put_in_file, saving_stuck, session_line
from tui.session_host import PutElsewhere, PutElsewhereFailed, SessionHost
from tui.store.export_file import export_document, rescue_folders, write_export, write_rescue
from tui.unsaved_work import CHECKPOINT, UnsavedWork

if TYPE_CHECKING:
    from tui.core.engine import Session  # the engine is imported once a session begins, not at start

WRITER, ELSEWHERE = "writer", "elsewhere"  # thread workers' groups


class SessionSaving:
    """The writes and what is said about them; `SessionService` builds on it with the sessions themselves."""

    def __init__(self, *, store: HistoryStore, clock: Clock, host: SessionHost) -> None:
        self.store = store
        self.clock = clock
        self.host = host
        self.active_session: Session | None = None  # the running session: its work is saved as checkpoints
        self.leaving = False  # set once the last checkpoint before leaving is queued
        self.writer = HistoryWriter(lambda drain: host.run_in_thread(drain, WRITER), host.post_message)
        self.unsaved = UnsavedWork()  # what the couple made that is not on disk yet
        self.save_problem = ""  # said before a session: the history folder cannot be written (a test write failed)
        self.save_reason = "the folder cannot be written"  # the same in a few words ("the disk is full")
        self.space_warning = ""  # said before a session: the disk is nearly full
        self.trouble: tuple[str, str] | None = None  # (what, plain reason) of a save that cannot be done now
        self.put_in: Path | None = None  # the file the couple last saved their unsaved work in

    # -- what screens read -----------------------------------------------------------------------
    @property
    def saving(self) -> bool:
        """Whether a write has waited long enough to say "saving..." (quick ones pass unseen)."""
        return self.writer.saving

    @property
    def has_pending_writes(self) -> bool:
        """Whether any write has not reached the disk yet."""
        return self.writer.has_pending

    @property
    def cannot_save(self) -> bool:
        """Whether saving is known not to work (at start, or a save that could not be done)."""
        return bool(self.save_problem) or self.trouble is not None

    @property
    def has_unsaved_work(self) -> bool:
        """Whether a session or a checkpoint the couple made is not on disk."""
        return bool(self.unsaved)

    def save_state_text(self) -> str:
        """Home's lasting line about saving, or "" when all is well."""
        if self.trouble is not None and self.unsaved:
            return not_saved(*self.trouble)
        if self.put_in is not None and self.cannot_save:
            return put_in_file(self.put_in)
        if self.save_problem:  # said with its fix, even after a write (say the names) was refused
            return cannot_save_at_start(self.save_problem)
        if self.trouble is not None:
            return saving_stuck(self.trouble[1])
        return self.space_warning

    def session_save_line(self) -> str:
        """The session screen's lasting line about saving, or "" when saving works."""
        if self.save_problem:
            return session_line(self.save_reason, at_start=True)
        if self.trouble is not None:
            return session_line(self.trouble[1], at_start=False)
        return ""

    # -- the couple's work not on disk yet -------------------------------------------------------
    def unsaved_work(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The session records and checkpoints not on disk (the running session as it is now)."""
        session = self.active_session
        running = session.snapshot() if session is not None and session.is_running else None
        return self.unsaved.contents(running)

    def save_elsewhere(self, path: str) -> None:
        """Write what is not saved into the export file `path` (in a worker), for `hearthside import`."""
        numbers = self.unsaved.numbers
        document = export_document(*self.unsaved_work(), self.clock.now())

        def put() -> None:
            try:
                written = write_export(Path(path), document)
            except OSError as error:
                self.host.post_message(PutElsewhereFailed(path, error.strerror or str(error)))
                return
            self.host.post_message(PutElsewhere(written, numbers))

        self.host.run_in_thread(put, ELSEWHERE)

    def put_elsewhere(self, message: PutElsewhere) -> None:
        """The unsaved work is in the couple's file: say where, and how to bring it back."""
        self.unsaved.put_elsewhere(message.numbers)
        self.put_in = message.path
        self.host.refresh_home()

    def put_elsewhere_failed(self, message: PutElsewhereFailed) -> None:
        """The chosen file could not be written either: say so; the work stays here."""
        self.host.tell(
            f"{message.path} could not be written: {message.problem}. Nothing is lost; try another place.",
            severity="error",
            timeout=12,
        )

    def rescue_now(self) -> Path | None:
        """Put unsaved work in the rescue file at once, on this thread (the process is about to end)."""
        if not self.unsaved:
            return None
        document = export_document(*self.unsaved_work(), self.clock.now())
        return write_rescue(document, rescue_folders())[0]

    # -- the ordered writes ----------------------------------------------------------------------
    def write(
        self,
        what: str,
        call: Callable[..., None],
        *args: Any,
        then: Callable[[], None] | None = None,
        keeps: str = "",
    ) -> None:
        """Queue one store write (see `HistoryWriter`); `keeps` (SESSION or CHECKPOINT) says its first
        argument is the couple's work, kept in `unsaved` until it is on disk."""
        number = self.writer.write(what, call, *args, then=then)
        if keeps:
            self.unsaved.queued(number, keeps, args[0])

    def write_done(self, message: WriteDone) -> None:
        """A write is on disk: redraw "saving...", run what was waiting for it."""
        self.writer.finished()
        self.unsaved.saved(message.number)
        if self.trouble is not None and not self.writer.has_pending:
            self.trouble = None  # saving works again, and everything is on disk
        self.host.refresh_home()
        if message.then is not None:
            message.then()

    def write_trouble(self, message: WriteTrouble) -> None:
        """Say plainly, on a line that stays, that a save cannot be done (kept, and tried again), or
        cannot happen at all (kept, for saving somewhere else)."""
        if message.final:
            self.writer.finished()
        reason = self.save_reason if self.save_problem else message.reason
        self.trouble = (message.what, reason)
        self.host.refresh_home()

    def save_checkpoint(self, session: Session) -> None:
        """Save the running session so a crash or dropped link can continue it (once leaving, the
        checkpoint queued by `leave` is the last word: nothing can change after it)."""
        if session.is_running and not self.leaving:
            self.write("session so far", self.store.save_checkpoint, session.snapshot(), keeps=CHECKPOINT)

    def checkpoint_now(self) -> bool:
        """Save the running session at once, on this thread (the process is about to end); whether
        nothing of it is left unsaved."""
        session = self.active_session
        if session is None or not session.is_running:
            return True
        try:
            self.store.save_checkpoint(session.snapshot())
        except Exception:
            return False
        self.unsaved.checkpoint_saved(session.id)
        return True

    def leave(self, then: Callable[[], None]) -> None:
        """Queue the last write (a checkpoint during a session) and call `then` once it is on disk."""
        self.leaving = True
        session = self.active_session
        if session is not None and session.is_running:
            snapshot = session.snapshot()
            self.write("session so far", self.store.save_checkpoint, snapshot, then=then, keeps=CHECKPOINT)
        else:
            self.write("last changes", lambda: None, then=then)
