"""The session service: starting, ending and resuming sessions, following a program; its checkpoints and
ordered store writes are `tui.session_saving`. A plain object; the App hosts it and screens are handed it."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.core.clock import Clock
from tui.core.events import Start
from tui.core.library import Library
from tui.core.partners import Partners, choose_first_speaker
from tui.core.seen_lately import seen_lately_since
from tui.core.session_record import unfinished_record
from tui.core.session_status import SWITCHED, counts_as_time_together
from tui.core.settings import Settings
from tui.overview import (
    CONTINUE_IT,
    KEEP_FOR_LATER,
    START_FRESH,
    HistoryStore,
    Overview,
    Unfinished,
    read_overview,
    unfinished_of,
)
from tui.session_host import FollowUpsLoaded, OverviewLoaded, ResumeRefused, SessionHost, SessionPrepared
from tui.session_saving import WRITER, SessionSaving
from tui.unsaved_work import SESSION

if TYPE_CHECKING:
    from tui.core.engine import Session

GENTLE_SCRIPT_ID = "low-energy"
PREPARE, OVERVIEW, FOLLOW_UPS = "prepare", "overview", "follow-ups"  # thread workers' groups (and WRITER)
THANKS = "Kept in your history. Thank you for making this time."


class SessionService(SessionSaving):
    """Every way a session begins, ends, is resumed or kept unfinished; every store write goes through
    `SessionSaving`."""

    def __init__(
        self,
        *,
        store: HistoryStore,
        library: Library,
        clock: Clock,
        settings: Settings,
        host: SessionHost,
        rng: random.Random | None = None,
        overview: Overview | None = None,
    ) -> None:
        super().__init__(store=store, clock=clock, host=host)
        self.rng = rng or random.Random()  # chooses what "remember when" shows; tests inject a seeded one
        self.library = library
        self.settings = settings
        self.overview = overview or Overview()  # what home shows until a worker reads it again
        self._preparing = False

    # -- what screens read -----------------------------------------------------------------------
    @property
    def partners(self) -> Partners:
        """The two partners by name."""
        return self.settings.partners()

    @property
    def sessions_together(self) -> int:
        """Sessions finished before the current one."""
        return self.overview.sessions_together

    @property
    def running(self) -> bool:
        """Whether a session is under way."""
        return self.active_session is not None and self.active_session.is_running

    @property
    def active_program_id(self) -> str:
        """The program the couple chose to follow, if any."""
        return self.settings.program_id

    def script_title(self, script_id: str) -> str:
        """A script's title, or its id when it is no longer in the library."""
        script = self.library.find(script_id)
        return script.title if script else script_id

    def unfinished(self, snapshot: dict[str, Any]) -> Unfinished:
        """An unfinished session by its script's title (as it was when saved) and when it was left."""
        title = str(snapshot.get("script_title") or self.script_title(str(snapshot.get("script_id", ""))))
        return unfinished_of(snapshot, title, self.clock.now())

    # -- saving, and what cannot be saved --------------------------------------------------------

    # -- the store, always in thread workers -----------------------------------------------------

    def worker_failed(self, group: str, error: BaseException | None) -> None:
        """A thread worker raised: say so in plain words, and leave the way open to try again."""
        problem = (str(error) or type(error).__name__) if error is not None else "it stopped"
        if group == PREPARE:
            self._preparing = False
            text = f"The session could not be prepared: {problem}. Please try again."
        elif group == OVERVIEW:
            text = f"Your history could not be read just now: {problem}. It will be tried again."
        elif group == FOLLOW_UPS:
            text = f"Your follow-ups could not be read just now: {problem}. Please open them again."
        elif group == WRITER:
            self.writer.restart()
            text = f"Saving stopped: {problem}. It will be tried again with the next change."
        else:
            text = f"Something in the background went wrong: {problem}. Please try again."
        self.host.tell(text, severity="warning", timeout=15)

    def load_overview(self) -> None:
        """Read counts, open follow-ups and any checkpoint in a worker."""
        program_id = self.active_program_id
        self.host.run_in_thread(
            lambda: self.host.post_message(OverviewLoaded(read_overview(self.store, program_id, self.rng))), OVERVIEW
        )

    def load_follow_ups(self, deliver: Callable[[FollowUpsLoaded], object], asked_at: int) -> None:
        """Read every follow-up in a worker and hand `FollowUpsLoaded` to `deliver` (a screen's
        `post_message`, safe from any thread)."""
        self.host.run_in_thread(lambda: deliver(FollowUpsLoaded(self.store.follow_ups(), asked_at)), FOLLOW_UPS)

    def decide_follow_up(self, follow_up_id: str, status: str, then: Callable[[], None] | None = None) -> None:
        """Write kept, not yet or let go for a follow-up through the ordered writer; once it is on disk,
        home's count is read again and `then` runs."""

        def written() -> None:
            self.load_overview()
            if then is not None:
                then()

        self.write("follow-up", self.store.set_follow_up_status, follow_up_id, status, then=written)

    def overview_loaded(self, message: OverviewLoaded) -> None:
        """Keep the overview and redraw home."""
        self.overview = message.overview
        self.host.refresh_home()

    def save_settings(self, settings: Settings) -> None:
        """Keep new settings, and write them."""
        self.settings = settings
        self.write("settings", self.store.save_settings, settings.to_dict())

    # -- programs --------------------------------------------------------------------------------
    def follow_program(self, program_id: str) -> None:
        """Remember that the couple follows `program_id` from now on (progress counts from its records)."""
        self.settings.extra["program"] = {"id": program_id, "started_at": self.clock.now().isoformat()}
        self.write("settings", self.store.save_settings, self.settings.to_dict(), then=self.load_overview)

    def stop_following_program(self) -> None:
        """Follow no program from now on (its sittings stay in history and count again if followed again)."""
        self.settings.extra.pop("program", None)
        self.write("settings", self.store.save_settings, self.settings.to_dict(), then=self.load_overview)

    def start_program_sitting(self) -> None:
        """Start the next script of the program the couple follows."""
        program = self.library.programs.get(self.active_program_id)
        if program is None:
            return
        position = program.locate(self.overview.program_sittings_done)
        if position is None:
            return
        self.start_script(position.part.script, program_id=program.id)

    # -- starting and ending ---------------------------------------------------------------------
    def start_script(
        self,
        script_id: str,
        prefilled_checkins: dict[str, int] | None = None,
        program_id: str = "",
        *,
        ask_about_unfinished: bool = True,
    ) -> None:
        """Prepare a session of `script_id` (store reads in a worker), then show it; when sessions are
        unfinished, the couple is asked first what to do with the newest one."""
        script = self.library.find(script_id)
        if script is None:
            self.host.tell(f'There is no script "{script_id}".', severity="error")
            return
        gentler = script.gentler or (GENTLE_SCRIPT_ID if self.library.find(GENTLE_SCRIPT_ID) else "")
        if gentler == script.id:
            gentler = ""
        if self._preparing or self.running:
            return  # a second Enter while the first session is being prepared starts nothing more
        self._preparing = True
        opt_in_decks = self.settings.opt_in_decks  # read here: the worker only reads the store

        def prepare() -> None:
            from tui.core.engine import Session  # in the worker: home's start does not import the engine

            last_first = self.store.last_first_speaker()
            seen = self.store.questions_seen_since(seen_lately_since(self.clock.now()))
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
                recent_questions=seen["seen"],
                favourite_questions=seen["favourites"],
                remembered=self.store.a_past_appreciation(self.rng) if script.remember_when else None,
                opt_in_decks=opt_in_decks,
            )
            unfinished = self.store.checkpoints() if ask_about_unfinished else []
            self.host.post_message(SessionPrepared(session, unfinished=unfinished))

        self.host.run_in_thread(prepare, PREPARE)

    def prepared(self, message: SessionPrepared) -> None:
        """Show the prepared session: a resumed one as it was; a new one after asking about the newest
        unfinished session, if there is one."""
        self._preparing = False
        session = message.session
        if message.resumed:
            self._show(session)
            return
        if not message.unfinished:
            self._begin(session)
            return
        newest = message.unfinished[0]

        def answer(choice: str | None) -> None:
            if choice == CONTINUE_IT:
                self._resume(newest)
            elif choice == KEEP_FOR_LATER:
                self._begin(session)
            elif choice == START_FRESH:
                self._keep_unfinished(newest)
                self._begin(session)
            # None: nothing starts, and the unfinished session keeps waiting on home

        self.host.ask_about_unfinished(self.unfinished(newest), len(message.unfinished) - 1, answer)

    def _begin(self, session: Session) -> None:
        if self.running:
            return
        session.handle(Start())
        self._show(session)

    def _show(self, session: Session) -> None:
        self.active_session = session
        if session.is_over:
            self.host.close_session()
            self.session_ended(session)
            return
        self.host.show_session(session)

    def session_ended(self, session: Session) -> None:
        """Keep the record, go home, and start the gentler script if that was the choice."""
        record = session.record()
        self.active_session = None
        self.overview.sessions_together += 1 if counts_as_time_together(record) else 0
        switched = session.status == SWITCHED and bool(session.switched_to)
        thanks = counts_as_time_together(record) and not switched

        def kept() -> None:  # only now, with the session on disk, is it "kept"
            self.load_overview()
            if thanks:
                self.host.thank(THANKS)

        self.write("session", self.store.save_session, record, then=kept, keeps=SESSION)
        self.host.close_session()
        if switched:
            ratings = {entry["partner"]: entry["value"] for entry in record["checkins"]}
            self.start_script(
                session.switched_to,
                prefilled_checkins=ratings,
                program_id=session.program_id,
                ask_about_unfinished=False,  # the couple chose this just now, inside a session
            )
            return

    # -- an unfinished session -------------------------------------------------------------------
    def continue_unfinished(self, session_id: str = "") -> None:
        """Continue the unfinished session `session_id` shown on home (the newest when not named)."""
        chosen = next(
            (snapshot for snapshot in self.overview.checkpoints if snapshot.get("id") == session_id),
            self.overview.checkpoint,
        )
        if chosen is not None:
            self._resume(chosen)

    def _resume(self, snapshot: dict[str, Any]) -> None:
        """Restore the session in a worker (its script may have to be read from the file it came from)."""
        if self._preparing or self.running:
            return
        self._preparing = True
        self.overview.forget_checkpoint(str(snapshot.get("id", "")))
        opt_in_decks = self.settings.opt_in_decks  # the setting as it is now, not as it was then

        def prepare() -> None:
            from tui.core.engine import Session, SnapshotMismatch
            from tui.resuming import script_of  # read only when a session is resumed

            try:
                script = script_of(snapshot, self.library)
                session = Session.restore(
                    snapshot, script, self.clock, self.library.decks, opt_in_decks=opt_in_decks
                )
            except (SnapshotMismatch, KeyError, ValueError, TypeError, IndexError) as error:
                self.host.post_message(ResumeRefused(snapshot, str(error)))
                return
            self.host.post_message(SessionPrepared(session, resumed=True))

        self.host.run_in_thread(prepare, PREPARE)

    def resume_refused(self, message: ResumeRefused) -> None:
        """Say plainly why the session cannot continue; it is kept in history, its words with it."""
        self._preparing = False
        self.host.tell(
            f"This session cannot continue: {message.problem}. It is kept in your history as unfinished, "
            "with everything you typed.",
            severity="warning",
            timeout=12,
        )
        self._keep_unfinished(message.snapshot)

    def _keep_unfinished(self, snapshot: dict[str, Any]) -> None:
        self.overview.forget_checkpoint(str(snapshot.get("id", "")))
        self.write(
            "unfinished session",
            self.store.keep_unfinished,
            unfinished_record(snapshot),
            then=self.load_overview,
            keeps=SESSION,
        )
        self.host.refresh_home()
