"""The Hearthside App: hosts the session service, shows the screens, owns the keys and the terminal."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import random
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui.app_look import AppLook
from tui.commands import screen_actions
from tui.core.clock import Clock, SystemClock
from tui.core.library import Library
from tui.core.partners import Partners
from tui.core.settings import Settings
from tui.history_writer import WriteDone, WriteTrouble
from tui.keys import APP_BINDINGS, footer_key_name
from tui.overview import HistoryStore, Overview, Unfinished
from tui.screens.confirm import ConfirmScreen
from tui.screens.home import HomeScreen
from tui.session_host import OverviewLoaded, PutElsewhere, PutElsewhereFailed, ResumeRefused, SessionPrepared
from tui.session_service import WRITER, SessionService
from tui.terminal import GlyphSet, choose_glyph_set, window_title_sequence
from tui.widgets.frame_writes import one_write_per_frame
from tui.widgets.glyphs import GLYPH_SET_CLASSES, fitting_driver
from tui.widgets.terminal_mirror import MirroredApp

if TYPE_CHECKING:
    from tui.core.engine import Session  # the engine is imported once a session begins, not at start

COLLECTOR_PAUSE_SECONDS = 1.0  # the first screen is drawn well within this; then cycles are collected again
LEAVE_WAIT_SECONDS = 5.0  # how long leaving waits for a stuck disk before the last checkpoint must do
SESSION_SCREENS = (("tui.screens.session", "SessionScreen"), ("tui.screens.picker", "PickerScreen"))
"""The screens leaving a session closes (home's start draws neither, so neither is imported at start)."""


def is_shown(screen: Screen[Any], *, picker: bool = False) -> bool:
    """Whether `screen` is a session's screen (or, with `picker`, the picker): a screen whose module was
    never imported cannot be on the stack, so none is imported to ask."""
    for module_name, class_name in SESSION_SCREENS[: 2 if picker else 1]:
        module = sys.modules.get(module_name)
        if module is not None and isinstance(screen, getattr(module, class_name)):
            return True
    return False


class HearthsideApp(MirroredApp):
    """Two partners, one screen: home, picker, guided sessions, settings and help."""

    TITLE = "Hearthside"
    CSS_PATH = "app.tcss"
    BINDINGS = APP_BINDINGS

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
        glyph_set: GlyphSet | None = None,
        store_notices: Iterable[str] = (),
        save_problem: str = "",
        save_reason: str = "",
        space_warning: str = "",
        rng: random.Random | None = None,
        overview: Overview | None = None,
    ) -> None:
        super().__init__()
        settings = settings or Settings()
        if partners is not None:
            settings.name_a, settings.name_b = partners.a, partners.b
        self.sessions = SessionService(
            store=store,
            library=library,
            clock=clock or SystemClock(),
            settings=settings,
            host=self,
            rng=rng,
            overview=overview,
        )
        self.sessions.save_problem = save_problem  # a test write failed: home says so before a session
        self.sessions.save_reason = save_reason or self.sessions.save_reason
        self.sessions.space_warning = space_warning
        self.start_script_id = start_script_id
        if glyph_set is None and unicode_ok is not None:
            glyph_set = "unicode" if unicode_ok else "ascii"
        sixteen_colours = self.console.color_system in ("standard", "windows")
        self.glyph_set: GlyphSet = glyph_set or choose_glyph_set(sixteen_colours=sixteen_colours)
        self.unicode_ok = self.glyph_set != "ascii"
        if self.glyph_set != "unicode":  # every byte the terminal gets stays within what it draws
            self.driver_class = fitting_driver(self.driver_class, self.glyph_set)
        self.driver_class = one_write_per_frame(self.driver_class)  # a tick is one write, one SSH packet
        self.plain_colour = bool(os.environ.get("NO_COLOR"))
        self.store_notices = list(store_notices)
        self.look = AppLook(self)
        self._start_with_theme(sixteen_colours)
        self.bells_rung = 0
        self.window_title = "Hearthside"
        self._leaving = False

    # -- derived state ---------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        """The couple's settings (the service keeps them: following a program changes them)."""
        return self.sessions.settings

    @property
    def partners(self) -> Partners:
        """The two partners by name."""
        return self.settings.partners()

    @property
    def uses_ansi_theme(self) -> bool:
        """Whether a 16-colour theme is in use."""
        return self.theme.startswith("ansi")

    # -- what the session service asks of its host (`SessionHost`) -------------------------------
    def run_in_thread(self, work: Callable[[], None], group: str) -> None:
        """A thread worker; one at a time per group, except the writer's, which ends by itself."""
        self.run_worker(work, thread=True, group=group, exclusive=group != WRITER, exit_on_error=False)

    def tell(self, text: str, *, severity: SeverityLevel = "information", timeout: float = 6) -> None:
        """A notification, shown literally."""
        self.notify(text, severity=severity, timeout=timeout, markup=False)

    def ask(self, question: Text, yes: str, no: str, answer: Callable[[bool], None]) -> None:
        """A yes/no question on a modal."""
        self.push_screen(ConfirmScreen(question, yes=yes, no=no), lambda result: answer(bool(result)))

    def ask_about_unfinished(
        self, unfinished: Unfinished, others: int, answer: Callable[[str | None], None]
    ) -> None:
        """Continue the unfinished session, keep it for later, or start fresh: a modal that dismisses its answer
        (over home, which `run SCRIPT` draws only now)."""
        self.ensure_home()
        from tui.screens.unfinished import UnfinishedScreen

        self.push_screen(UnfinishedScreen(unfinished, others), answer)

    def show_session(self, session: Session) -> None:
        """The session's own screen, in place of the picker or an older session screen."""
        self._pop_sessions()
        from tui.screens.session import SessionScreen

        self.push_screen(SessionScreen(session, self.sessions, self.look, terminal=self))

    def close_session(self) -> None:
        """Back to home from the picker or a session."""
        self._pop_sessions()
        self.ensure_home()

    def _pop_sessions(self) -> None:
        while is_shown(self.screen, picker=True):
            self.pop_screen()

    def ensure_home(self) -> None:
        """Home at the bottom of the screens: `run SCRIPT` shows the session first and home only once the
        couple comes back to it (or something stops the session from starting)."""
        if not any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self.push_screen(HomeScreen(self.sessions, self.look))

    def _home_unless_in_session(self) -> None:
        """Home, when a session that `run SCRIPT` asked for did not start (refused, or a read failed)."""
        if not is_shown(self.screen) and not self.sessions.running:
            self.ensure_home()

    def refresh_home(self) -> None:
        """Redraw what shows the overview or "saving...", only on the visible screen (home redraws
        itself when it comes back, and a redraw underneath would repaint the whole terminal)."""
        screen = self.screen
        if isinstance(screen, HomeScreen) and screen.is_mounted:
            screen.refresh_overview()
        elif is_shown(screen) and screen.is_mounted:
            screen.refresh_header()  # type: ignore[attr-defined]  # a SessionScreen

    def thank(self, words: str) -> None:
        """The thanks after a session goes on home itself, so it never sits over the next screen."""
        if isinstance(self.screen, HomeScreen):
            self.screen.show_thanks(words)

    # -- start-up --------------------------------------------------------------------------------
    def _start_with_theme(self, sixteen_colours: bool) -> None:
        """The couple's theme before any CSS is parsed: setting `theme` later would have Textual parse every
        widget's CSS again (what its `_watch_theme` does, less the refresh, as nothing is styled yet)."""
        theme = self.settings.theme
        if theme == "textual-dark" and sixteen_colours:
            theme = "ansi-dark"  # a 16-colour terminal: use its own colours
        if theme == self.theme or theme not in self.available_themes:
            return
        self.set_reactive(App.theme, theme)
        dark = self.current_theme.dark
        classes = {name: False for name in self.classes if name.startswith("-theme-")}
        self.update_classes(
            {**classes, f"-theme-{theme}": True, "-dark-mode": dark, "-light-mode": not dark}, update=False
        )
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def on_mount(self) -> None:
        """Theme, signal handlers, the first screen."""
        if GLYPH_SET_CLASSES[self.glyph_set]:
            self.add_class(GLYPH_SET_CLASSES[self.glyph_set])
        self.set_class(self.plain_colour, "-no-color")
        self._install_signal_handlers()
        self.set_timer(COLLECTOR_PAUSE_SECONDS, self._collect_cycles_again)
        for notice in self.store_notices:
            self.notify(notice, severity="warning", timeout=15, markup=False)
        if self._needs_welcome():
            from tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(self.settings), self._after_welcome)
        else:
            self._after_welcome(None)

    def _collect_cycles_again(self) -> None:
        """Python's cycle collector, paused for the start by `tui.entry`, runs again (a no-op otherwise)."""
        gc.enable()

    def _needs_welcome(self) -> bool:
        return not self.settings.welcome_seen or not self.settings.has_names

    def _starts_in_session(self) -> bool:
        """Whether `run SCRIPT` names a script the library has: its session is then the first screen drawn."""
        return bool(self.start_script_id) and self.sessions.library.find(self.start_script_id) is not None

    def get_default_screen(self) -> Screen[Any]:
        """Home itself when it is the first screen: beneath a pushed home, Textual's blank default screen
        lays itself out once more at start and hands that up as a second full repaint of home."""
        if self._needs_welcome() or self._starts_in_session():
            return super().get_default_screen()
        return HomeScreen(self.sessions, self.look)

    def _after_welcome(self, settings: Settings | None) -> None:
        if settings is not None:
            self.sessions.save_settings(settings)
        if self._starts_in_session():
            # the session's screen is the first one drawn; home comes when the couple goes back to it
            self.sessions.load_overview()
            self.sessions.start_script(self.start_script_id)
            return
        self.ensure_home()  # home may be the default screen already
        if self.start_script_id:
            self.sessions.start_script(self.start_script_id)

    def _install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        try:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGHUP, self._on_hangup)
            loop.add_signal_handler(signal.SIGTERM, self._on_terminate)
        except (NotImplementedError, RuntimeError, ValueError):
            return

    def _on_hangup(self) -> None:
        """The SSH link dropped: save a checkpoint (or, if saving fails, the rescue file), then end at once
        (the terminal is gone)."""
        if not self.sessions.checkpoint_now() or self.sessions.has_unsaved_work:
            with contextlib.suppress(Exception):  # the process ends now whatever happens; no one to tell
                self.sessions.rescue_now()
        os._exit(129)

    def _on_terminate(self) -> None:
        """Asked to stop: save a checkpoint and leave cleanly."""
        self.sessions.checkpoint_now()
        self.exit()

    # -- what the workers send back -------------------------------------------------------------
    def on_session_prepared(self, message: SessionPrepared) -> None:
        """A session is ready to begin."""
        self.sessions.prepared(message)

    def on_resume_refused(self, message: ResumeRefused) -> None:
        """An unfinished session cannot continue."""
        self.sessions.resume_refused(message)
        self._home_unless_in_session()

    def on_overview_loaded(self, message: OverviewLoaded) -> None:
        """Home's overview was read."""
        self.sessions.overview_loaded(message)

    def on_write_done(self, message: WriteDone) -> None:
        """A write is on disk."""
        self.sessions.write_done(message)

    def on_write_trouble(self, message: WriteTrouble) -> None:
        """A write is stuck, or cannot happen."""
        self.sessions.write_trouble(message)

    def on_put_elsewhere(self, message: PutElsewhere) -> None:
        """The unsaved work is in the couple's own file."""
        self.sessions.put_elsewhere(message)

    def on_put_elsewhere_failed(self, message: PutElsewhereFailed) -> None:
        """The couple's own file could not be written."""
        self.sessions.put_elsewhere_failed(message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker's failure lands here, once: the couple is told and can try again."""
        if event.state == WorkerState.ERROR:
            self.sessions.worker_failed(event.worker.group, event.worker.error)
            self._home_unless_in_session()

    # -- settings, help, quitting ----------------------------------------------------------------
    def open_settings(self) -> None:
        """Names, colours, bell and theme."""

        def done(settings: Settings | None) -> None:
            if settings is None:
                self.theme = self.settings.theme
                return
            self.sessions.save_settings(settings)
            self.theme = settings.theme
            self.refresh_home()

        from tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.settings), done)

    def action_open_settings(self) -> None:
        """Settings, as a key or a menu line asks (`app.open_settings`)."""
        self.open_settings()

    def action_help(self) -> None:
        """Keys and the not-therapy note; the help key again closes it."""
        from tui.keys import keys_help
        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(keys_help()))

    def action_request_quit(self) -> None:
        """Quit; during a session, ask first and keep a checkpoint to continue later."""
        if not self.sessions.running:
            if self.sessions.cannot_save:  # waiting cannot help: what is unsaved goes to the rescue file
                self.exit()
            elif self.sessions.has_pending_writes and not self._leaving:  # queued writes finish first
                self._leave_after_writes()
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
            if not self.sessions.cannot_save
            else "Leave now? Saving does not work just now, so what you made is put in a rescue file; "
            "Hearthside says where once it has closed."
        )
        self.ask(question, "Leave", "Stay", lambda yes: self._leave_after_writes() if yes else None)

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

    def _leave_after_writes(self) -> None:
        """Leave once the queued writes are on disk, or after a bounded wait if the disk is stuck."""
        self._leaving = True
        self.sessions.leave(then=self.exit)
        if self.sessions.cannot_save:  # waiting cannot help: what is unsaved goes to the rescue file
            self.exit()
            return
        self.notify("Saving, then leaving. Press ctrl+q again to leave at once.", markup=False)
        self.set_timer(LEAVE_WAIT_SECONDS, self.exit)

    def on_unmount(self) -> None:
        """Stop the writer's retries so the process can end; leave the window title as we found it."""
        self.sessions.writer.close()
        if self.window_title != "Hearthside":
            self.set_window_title("")

    def get_key_display(self, binding: Binding) -> str:
        """Footer keys in words and ASCII marks ("Enter", "Esc", "F1", "^t"), readable in any locale and font."""
        if binding.key_display:
            return binding.key_display
        return footer_key_name(binding.key) or super().get_key_display(binding)

    def action_command_palette(self) -> None:
        """Open the command palette; ctrl+p again closes it (a second key for its Escape)."""
        if CommandPalette.is_open(self) and isinstance(self.screen, CommandPalette):
            self.screen.dismiss()
            return
        super().action_command_palette()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette: every action the current screen offers, then help, settings, theme."""
        listed = list(screen_actions(screen, self.call_later))
        yield from listed
        seen = {command.title for command in listed}
        if "Help" not in seen:  # the app's own ? and ctrl+q keys may already be listed above
            yield SystemCommand("Help", "Keys, and the note on what Hearthside is not", self.action_help)
        if not is_shown(screen):
            yield SystemCommand("Settings", "Names, colours, bell and theme", self.open_settings)
        yield SystemCommand("Theme", "Change the colours", self.action_change_theme)
        if "Quit" not in seen:
            yield SystemCommand(
                "Quit", "Leave Hearthside (asks first during a session)", self.action_request_quit
            )
