"""The Hearthside App: wires the library, the engine, the store and the screens together."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable, Iterable
from typing import Any

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from tui.commands import screen_actions
from tui.core.clock import Clock, SystemClock
from tui.core.engine import Session
from tui.core.library import Library
from tui.core.partners import Partners
from tui.core.script_model import PartnerId
from tui.core.settings import Settings
from tui.history_writer import HistoryWriter, WriteDone, WriteTrouble
from tui.overview import HistoryStore, Overview, read_overview
from tui.screens.confirm import ConfirmScreen
from tui.screens.help import HelpScreen
from tui.screens.home import HomeScreen
from tui.screens.session import SessionScreen
from tui.screens.settings import SettingsScreen
from tui.screens.welcome import WelcomeScreen
from tui.session_flow import SessionFlow
from tui.terminal import colour_value, locale_is_utf8, window_title_sequence

LEAVE_WAIT_SECONDS = 5.0  # how long leaving waits for a stuck disk before the last checkpoint must do


class AppLook:
    """Names and colours of the partners as the widgets need them (implements `PartnerLook`)."""

    def __init__(self, app: HearthsideApp) -> None:
        self._app = app

    def name(self, partner: PartnerId) -> str:
        """The partner's name."""
        return self._app.partners.name(partner)

    def colour(self, partner: PartnerId) -> str:
        """The partner's colour for Rich text; ANSI colours on 16-colour themes."""
        return colour_value(self._app.settings.colour(partner), ansi=self._app.uses_ansi_theme)


class HearthsideApp(SessionFlow, App[None]):
    """Two partners, one screen: home, picker, guided sessions, settings and help."""

    TITLE = "Hearthside"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help", key_display="?"),
        Binding("ctrl+q", "request_quit", "Quit", id="app.quit", priority=True),
    ]

    class OverviewLoaded(Message):
        """The store's overview was read."""

        def __init__(self, overview: Overview) -> None:
            super().__init__()
            self.overview = overview

    def __init__(
        self,
        *,
        store: HistoryStore,
        library: Library,
        clock: Clock | None = None,
        settings: Settings | None = None,
        start_script_id: str | None = None,
        partners: Partners | None = None,
        unicode_ok: bool | None = None,
        store_notices: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self.store = store
        self.library = library
        self.clock: Clock = clock or SystemClock()
        self.settings = settings or Settings()
        if partners is not None:
            self.settings.name_a, self.settings.name_b = partners.a, partners.b
        self.start_script_id = start_script_id
        self.unicode_ok = locale_is_utf8() if unicode_ok is None else unicode_ok
        self.store_notices = list(store_notices)
        self.look = AppLook(self)
        self.overview = Overview()
        self.bells_rung = 0
        self.window_title = "Hearthside"
        self.active_session: Session | None = None
        self.writer = HistoryWriter(
            lambda drain: self.run_worker(drain, thread=True, group="writer", exit_on_error=False),
            self.post_message,
        )
        self._leaving = False
        self._preparing = False

    # -- derived state ---------------------------------------------------------------------------
    @property
    def partners(self) -> Partners:
        """The two partners by name."""
        return self.settings.partners()

    @property
    def uses_ansi_theme(self) -> bool:
        """Whether a 16-colour theme is in use."""
        return self.theme.startswith("ansi")

    @property
    def saving(self) -> bool:
        """Whether a write has waited long enough to say "saving..." (quick ones pass unseen)."""
        return self.writer.saving

    @property
    def has_pending_writes(self) -> bool:
        """Whether any write has not reached the disk yet."""
        return self.writer.has_pending

    @property
    def sessions_together(self) -> int:
        """Sessions finished before the current one."""
        return self.overview.sessions_together

    def script_title(self, script_id: str) -> str:
        """A script's title, or its id when it is no longer in the library."""
        script = self.library.find(script_id)
        return script.title if script else script_id

    def border_colour(self, partner: PartnerId) -> str:
        """A partner's colour for CSS borders."""
        value = self.look.colour(partner)
        return value if value.startswith("#") else f"ansi_{value}"

    # -- start-up --------------------------------------------------------------------------------
    def on_mount(self) -> None:
        """Theme, signal handlers, the first screen."""
        theme = self.settings.theme
        if theme == "textual-dark" and self.console.color_system in ("standard", "windows"):
            theme = "ansi-dark"  # a 16-colour terminal: use its own colours
        self.theme = theme
        self._install_signal_handlers()
        for notice in self.store_notices:
            self.notify(notice, severity="warning", timeout=15, markup=False)
        if not self.settings.welcome_seen or not self.settings.has_names:
            self.push_screen(WelcomeScreen(self.settings), self._after_welcome)
        else:
            self._after_welcome(None)

    def _after_welcome(self, settings: Settings | None) -> None:
        if settings is not None:
            self.settings = settings
            self._write("settings", self.store.save_settings, settings.to_dict())
        self.push_screen(HomeScreen())
        if self.start_script_id:
            self.start_script(self.start_script_id)

    def _install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        try:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGHUP, self._on_hangup)
            loop.add_signal_handler(signal.SIGTERM, self._on_terminate)
        except (NotImplementedError, RuntimeError, ValueError):
            return

    def _checkpoint_now(self) -> None:
        session = self.active_session
        if session is not None and session.is_running:
            try:
                self.store.save_checkpoint(session.snapshot())
            except Exception:
                return

    def _on_hangup(self) -> None:
        """The SSH link dropped: save a checkpoint, then end at once (the terminal is gone)."""
        self._checkpoint_now()
        os._exit(129)

    def _on_terminate(self) -> None:
        """Asked to stop: save a checkpoint and leave cleanly."""
        self._checkpoint_now()
        self.exit()

    # -- the store, always in thread workers -----------------------------------------------------
    def load_overview(self) -> None:
        """Read counts, open follow-ups and any checkpoint in a worker."""
        self.run_worker(
            self._read_overview, thread=True, group="overview", exclusive=True, exit_on_error=False
        )

    @property
    def active_program_id(self) -> str:
        """The program the couple chose to follow, if any."""
        chosen = self.settings.extra.get("program", {})
        return str(chosen.get("id", "")) if isinstance(chosen, dict) else ""

    def _read_overview(self) -> None:
        self.post_message(self.OverviewLoaded(read_overview(self.store, self.active_program_id)))

    def on_hearthside_app_overview_loaded(self, message: HearthsideApp.OverviewLoaded) -> None:
        """Keep the overview and redraw home."""
        self.overview = message.overview
        self._refresh_home()

    def _refresh_home(self) -> None:
        """Redraw what shows the overview or "saving...", only on the visible screen (home redraws
        itself when it comes back, and a redraw underneath would repaint the whole terminal)."""
        screen = self.screen
        if isinstance(screen, HomeScreen) and screen.is_mounted:
            screen.refresh_overview()
        elif isinstance(screen, SessionScreen) and screen.is_mounted:
            screen.refresh_header()

    def _write(
        self, what: str, call: Callable[..., None], *args: Any, then: Callable[[], None] | None = None
    ) -> None:
        """Queue one store write (see `HistoryWriter`)."""
        self.writer.write(what, call, *args, then=then)

    def on_write_done(self, message: WriteDone) -> None:
        """A write is on disk: redraw "saving...", run what was waiting for it."""
        self.writer.finished()
        self._refresh_home()
        if message.then is not None:
            message.then()

    def on_write_trouble(self, message: WriteTrouble) -> None:
        """Say plainly that saving is stuck, or that it cannot happen at all."""
        if message.final:
            self.writer.finished()
            text = f"The {message.what} could not be saved: {message.problem}"
        else:
            text = (
                f"Still trying to save the {message.what}: {message.problem} Everything is kept while "
                "Hearthside stays open; `hearthside doctor` can say more."
            )
        self.notify(text, severity="warning", timeout=20, markup=False)

    # -- settings, help, quitting ----------------------------------------------------------------
    def open_settings(self) -> None:
        """Names, colours, bell and theme."""

        def done(settings: Settings | None) -> None:
            if settings is None:
                self.theme = self.settings.theme
                return
            self.settings = settings
            self.theme = settings.theme
            self._write("settings", self.store.save_settings, settings.to_dict())
            self._refresh_home()

        self.push_screen(SettingsScreen(self.settings), done)

    def action_help(self) -> None:
        """Keys and the not-therapy note."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_request_quit(self) -> None:
        """Quit; during a session, ask first and keep a checkpoint to continue later."""
        session = self.active_session
        if session is None or not session.is_running:
            if self.has_pending_writes and not self._leaving:  # let queued writes finish: nothing is dropped
                self._leave_after_writes(lambda: self._write("last changes", lambda: None, then=self.exit))
            else:
                self.exit()
            return
        if self._leaving:
            self.exit()  # asked twice: leave now (the last checkpoint on disk stands)
            return
        if isinstance(self.screen, ConfirmScreen):
            return
        question = Text(
            "Leave now? Everything so far is kept, and next time you can continue where you left off."
        )

        def answer(yes: bool | None) -> None:
            if yes:
                self._leave_after_writes(
                    lambda: self._write(
                        "checkpoint", self.store.save_checkpoint, session.snapshot(), then=self.exit
                    )
                )

        self.push_screen(ConfirmScreen(question, yes="Leave", no="Stay"), answer)

    # -- the terminal ----------------------------------------------------------------------------
    def ring_bell(self, gentle: bool = False) -> None:
        """The terminal bell at time up (unless turned off); the gentle warning stays silent."""
        if gentle or not self.settings.bell:
            return
        self.bells_rung += 1
        self.bell()

    def set_window_title(self, title: str) -> None:
        """Show `title` in the terminal window's title bar."""
        self.window_title = title
        if not self.is_headless and self._driver is not None:
            self._driver.write(window_title_sequence(title))

    def _leave_after_writes(self, queue_last_write: Callable[[], None]) -> None:
        """Leave once the queued writes are on disk, or after a bounded wait if the disk is stuck."""
        self._leaving = True
        self.notify("Saving, then leaving. Press ctrl+q again to leave at once.", markup=False)
        queue_last_write()
        self.set_timer(LEAVE_WAIT_SECONDS, self.exit)

    def on_unmount(self) -> None:
        """Stop the writer's retries so the process can end; leave the window title as we found it."""
        self.writer.close()
        if self.window_title != "Hearthside":
            self.set_window_title("")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette: every action the current screen offers, then help, settings, theme."""
        listed = list(screen_actions(screen, self.call_later))
        yield from listed
        seen = {command.title for command in listed}
        if "Help" not in seen:  # the app's own ? and ctrl+q keys may already be listed above
            yield SystemCommand("Help", "Keys, and the note on what Hearthside is not", self.action_help)
        if not isinstance(screen, SessionScreen):
            yield SystemCommand("Settings", "Names, colours, bell and theme", self.open_settings)
        yield SystemCommand("Theme", "Change the colours", self.action_change_theme)
        if "Quit" not in seen:
            yield SystemCommand(
                "Quit", "Leave Hearthside (asks first during a session)", self.action_request_quit
            )
