"""Home: start a session, continue an unfinished one, open follow-ups, settings and help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.follow_ups import MarksMade
from tui.core.programs import Program
from tui.core.wording import count_of
from tui.overview import MAX_CONTINUE_LINES
from tui.screens.confirm import ConfirmScreen
from tui.store.export_file import default_rescue_path
from tui.widgets.key_footer import KeyFooter
from tui.widgets.partner_text import PartnerLook, partner_name, safe_text, sentence
from tui.widgets.remembered import remembered_text
from tui.widgets.toasts import hide_empty_toast_rack

if TYPE_CHECKING:
    from tui.session_service import SessionService

PLAN_LINES = 10  # a program's plan on the question shows this many parts, then how many more
CONTINUE_PREFIX = "continue:"  # the menu ids of the unfinished sessions after the newest


class HomeScreen(Screen[None]):
    """The calm starting point; shows a total that only grows, never a streak."""

    BINDINGS = [
        Binding("s", "start", "Start a session", id="home.start"),
        Binding("c", "continue_unfinished", "Continue", id="home.continue"),
        Binding("p", "program", "Program", id="home.program"),
        Binding(
            "h",
            "history",
            "History",
            id="home.history",
            tooltip="Look back at your sessions together",
            show=False,
        ),
        Binding(
            "t",
            "together",
            "Together",
            id="home.together",
            tooltip="Our time together: what you have built",
            show=False,
        ),
        Binding("o", "settings", "Settings", id="home.settings"),
        Binding(
            "f",
            "follow_ups",
            "Follow-ups",
            id="home.follow_ups",
            tooltip="Follow-ups: promises, requests and wishes",
            show=False,
        ),
        Binding("e", "save_elsewhere", "Save in a file", show=False),
        Binding("q", "app.request_quit", "Quit", show=False),
    ]
    DEFAULT_CSS = """
    HomeScreen #home { padding: 1 2; }
    HomeScreen #home-title { text-style: bold; }
    HomeScreen #home-couple { margin-bottom: 1; }
    HomeScreen #home-menu { height: auto; max-height: 12; margin: 1 0; }
    HomeScreen #home-facts { color: $text-muted; }
    HomeScreen #home-thanks { text-style: italic; margin-top: 1; }
    HomeScreen #home-saving { display: none; height: auto; color: $text-warning; background: $warning-muted;
                              padding: 0 1; }
    HomeScreen.cannot-save #home-saving { display: block; }
    HomeScreen #home-remember { display: none; margin-top: 1; }
    HomeScreen.remembering #home-remember { display: block; }
    """

    _offered_continue = False
    _offered_saving = False

    def __init__(self, sessions: SessionService, look: PartnerLook) -> None:
        super().__init__()
        self.sessions = sessions
        self.look = look
        self.follow_up_marks = MarksMade()  # answers given on the Follow-ups screen: undoable all this run
        self._thanks = ""  # said before home was first drawn (after `run SCRIPT`): shown as it mounts

    def compose(self) -> ComposeResult:
        """Title, couple, menu and the facts line."""
        with Vertical(id="home"):
            yield Static("Hearthside", id="home-title")
            yield Static("", id="home-couple")
            yield Static("", id="home-saving")
            yield OptionList(id="home-menu")
            yield Static("", id="home-facts")
            yield Static("", id="home-remember")
            yield Static(self._thanks, id="home-thanks")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Ask the store for the latest overview; the screen's first resume, straight after, draws it."""
        hide_empty_toast_rack(self)
        self.sessions.load_overview()

    def show_thanks(self, words: str) -> None:
        """A word of thanks after a session, on home itself (a toast would sit over the next screen)."""
        if not self.is_mounted:
            self._thanks = words
            return
        self.query_one("#home-thanks", Static).update(words)

    def on_screen_suspend(self) -> None:
        """Said once: the thanks is gone when the couple moves on to another screen."""
        self.query_one("#home-thanks", Static).update("")

    def on_screen_resume(self) -> None:
        """Back from a session or settings: draw again."""
        self.refresh_overview()

    def refresh_overview(self) -> None:
        """The menu and the facts from the app's latest overview."""
        sessions = self.sessions
        overview = sessions.overview
        look = self.look
        self.query_one("#home-couple", Static).update(
            sentence("For ", partner_name(look, "a"), " and ", partner_name(look, "b"))
        )
        menu = self.query_one("#home-menu", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_option(Option("Start a session  (s)", id="start"))
        for option in self.continue_options():
            menu.add_option(option)
        if self.offers_saving_elsewhere():
            menu.add_option(Option("Save what is not saved yet in a file  (e)", id="save-elsewhere"))
        program_line = self.program_line()
        if program_line is not None:
            menu.add_option(Option(program_line, id="program"))
        followed = self._program()
        if followed is not None:
            menu.add_option(Option(sentence("Stop following ", safe_text(followed.title)), id="stop-program"))
        # each line only once there is something behind it (h and f always work): home fits 80x24
        if overview.sessions_together:
            menu.add_option(Option("Look back at your sessions  (h)", id="history"))
            menu.add_option(Option("Our time together  (t)", id="together"))
        if overview.open_follow_ups:
            menu.add_option(Option("Follow-ups: promises, requests and wishes  (f)", id="follow-ups"))
        menu.add_option(Option("Settings  (o)", id="settings"))
        menu.add_option(Option("Help  (?)", id="help"))
        menu.add_option(Option("Quit  (ctrl+q)", id="quit"))
        self._show_saving()
        offers_continue = overview.checkpoint is not None
        if self.offers_saving_elsewhere() and not self._offered_saving:  # newly there: what matters most now
            menu.highlighted = menu.get_option_index("save-elsewhere")
        elif (
            offers_continue and not self._offered_continue
        ):  # newly there: it is what the couple came back for
            menu.highlighted = menu.get_option_index("continue")
        else:
            menu.highlighted = (
                highlighted if highlighted is not None and highlighted < menu.option_count else 0
            )
        self._offered_continue = offers_continue
        self._offered_saving = self.offers_saving_elsewhere()
        self.refresh_bindings()  # continue, program and save-elsewhere keys follow the overview (`check_action`)
        facts: list[Text] = []
        count = overview.sessions_together
        if count:
            times = "once" if count == 1 else f"{count} times"
            facts.append(Text(f"You have made time for each other {times}."))
        else:
            facts.append(Text("Your first session together is one keypress away."))
        progress = self.program_progress()
        if progress is not None:
            facts.append(progress)
        if overview.open_follow_ups:
            open_items = count_of(overview.open_follow_ups, "open follow-up")
            facts.append(Text(f"{open_items} (promises, requests and wishes) to look at together."))
        if sessions.saving:
            facts.append(Text("Saving..."))
        self.query_one("#home-facts", Static).update(Text("\n").join(facts))
        memory = self.remember_when()
        self.query_one("#home-remember", Static).update(memory)
        self.set_class(bool(memory.plain), "remembering")
        if self.app.screen is self:
            menu.focus()

    def remember_when(self) -> Text:
        """One past appreciation, shown literally with its date and who said it to whom; nothing yet
        when there is none."""
        return remembered_text(
            self.sessions.overview.remembered, self.sessions.clock.now().astimezone().date()
        )

    def _show_saving(self) -> None:
        """The lasting line about saving, when saving does not work (or the disk is nearly full)."""
        words = self.sessions.save_state_text()
        self.query_one("#home-saving", Static).update(Text(words))
        self.set_class(bool(words), "cannot-save")
        if words:
            self.query_one("#home-thanks", Static).update("")

    def offers_saving_elsewhere(self) -> bool:
        """Whether something unsaved can be saved in a file of the couple's choosing."""
        return self.sessions.cannot_save and self.sessions.has_unsaved_work

    def action_save_elsewhere(self) -> None:
        """Ask where to save what is not saved; save it there in a worker."""
        trouble = self.sessions.trouble
        reason = trouble[1] if trouble is not None else "the folder cannot be written"
        offered = default_rescue_path(self.sessions.clock.now())

        def chosen(path: str | None) -> None:
            if path:
                self.sessions.save_elsewhere(path)

        from tui.screens.save_elsewhere import SaveElsewhereScreen  # rarely needed: not at start

        self.app.push_screen(SaveElsewhereScreen(reason, offered), chosen)

    def continue_options(self) -> list[Option]:
        """One line per unfinished session, newest first (the first is `c`), then "and N more"."""
        checkpoints = self.sessions.overview.checkpoints
        if len(checkpoints) == 1:
            title = self.sessions.unfinished(checkpoints[0]).title
            return [
                Option(sentence("Continue where you left off: ", safe_text(title), "  (c)"), id="continue")
            ]
        options = []
        for index, checkpoint in enumerate(checkpoints[:MAX_CONTINUE_LINES]):
            unfinished = self.sessions.unfinished(checkpoint)
            key = "  (c)" if index == 0 else ""
            where = f", step {unfinished.step}, left {unfinished.left}{key}"
            line = sentence("Continue ", safe_text(unfinished.title), where)
            options.append(
                Option(line, id="continue" if index == 0 else f"{CONTINUE_PREFIX}{unfinished.session_id}")
            )
        more = len(checkpoints) - MAX_CONTINUE_LINES
        if more > 0:
            options.append(
                Option(Text(f"and {count_of(more, 'more unfinished session')}", "dim"), disabled=True)
            )
        return options

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a menu line: the same action as its key."""
        chosen = event.option.id or ""
        if chosen.startswith(CONTINUE_PREFIX):
            self.sessions.continue_unfinished(chosen.removeprefix(CONTINUE_PREFIX))
            return
        actions = {
            "start": "start",
            "continue": "continue_unfinished",
            "save-elsewhere": "save_elsewhere",
            "program": "program",
            "stop-program": "stop_program",
            "history": "history",
            "together": "together",
            "follow-ups": "follow_ups",
            "settings": "app.open_settings",
            "help": "app.help",
            "quit": "app.request_quit",
        }
        action = actions.get(chosen)
        if action is not None:
            await self.run_action(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Continue only when there is something to continue."""
        if action == "continue_unfinished":
            return self.sessions.overview.checkpoint is not None
        if action == "program":
            return self.program_line() is not None
        if action == "save_elsewhere":
            return self.offers_saving_elsewhere()
        return True

    def _program(self) -> Program | None:
        programs = self.sessions.library.programs
        chosen = programs.get(self.sessions.active_program_id)
        return chosen

    def program_line(self) -> Text | None:
        """The menu line for programs: the next sitting, or an offer to follow one."""
        program = self._program()
        if program is not None:
            position = program.locate(self.sessions.overview.program_sittings_done)
            if position is None:
                return sentence("Follow ", safe_text(program.title), " again  (p)")
            title = self.sessions.script_title(position.part.script)
            return sentence("Next in ", safe_text(program.title), ": ", safe_text(title), "  (p)")
        programs = self._programs()
        if not programs:
            return None
        if len(programs) > 1:
            return Text(f"Follow a program over weeks: {len(programs)} to choose from  (p)")
        return sentence("Follow a program over weeks: ", safe_text(programs[0].title), "  (p)")

    def _programs(self) -> list[Program]:
        """Every program in the library, by title."""
        return sorted(self.sessions.library.programs.values(), key=lambda program: program.title)

    def program_progress(self) -> Text | None:
        """How far the couple has come in their program: a count that only grows."""
        program = self._program()
        if program is None:
            return None
        done = self.sessions.overview.program_sittings_done
        total = program.total_sittings()
        position = program.locate(done)
        if position is None:
            return sentence(
                safe_text(program.title), f": all {total} sessions done. That is worth celebrating."
            )
        part = position.part
        return sentence(
            safe_text(program.title),
            f": {done} of {total} sessions so far. Now: ",
            safe_text(part.title),
            f" ({safe_text(part.spacing_text).plain}).",
        )

    def action_program(self) -> None:
        """Start the next sitting, or offer a program to follow."""
        program = self._program()
        if program is not None and program.locate(self.sessions.overview.program_sittings_done) is not None:
            self.sessions.start_program_sitting()
            return
        if program is not None:
            self._offer(program)
            return
        programs = self._programs()
        if len(programs) == 1:
            self._offer(programs[0])
        elif programs:
            from tui.screens.program_choice import ProgramChoiceScreen  # rarely opened: not paid for at start

            def chosen(program_id: str | None) -> None:
                picked = self.sessions.library.programs.get(program_id or "")
                if picked is not None:
                    self._offer(picked)

            self.app.push_screen(ProgramChoiceScreen(programs), chosen)

    def _offer(self, offered: Program) -> None:
        """A program's plan, and the question whether to follow it (a long plan shows its first parts)."""
        lines = [
            safe_text(offered.title, "bold"),
            safe_text(offered.summary),
            Text(offered.length_words(), "dim"),
            Text(""),
        ]
        for number, part in enumerate(offered.parts[:PLAN_LINES], start=1):
            lines.append(
                sentence(f"{number}. ", safe_text(part.title), Text(f"  {part.spacing_text}", "dim"))
            )
        if len(offered.parts) > PLAN_LINES:
            lines.append(Text(f"... and {len(offered.parts) - PLAN_LINES} more parts after these.", "dim"))
        lines.append(Text("\nFollow this program? You can stop or pick any other script at any time."))

        def answer(yes: bool | None) -> None:
            if yes:
                self.sessions.follow_program(offered.id)

        self.app.push_screen(ConfirmScreen(Text("\n").join(lines), yes="Follow it", no="Not now"), answer)

    def action_stop_program(self) -> None:
        """Stop following the program, after asking; the sessions done still count if they follow it again."""
        program = self._program()
        if program is None:
            return
        question = sentence(
            "Stop following ",
            safe_text(program.title, "bold"),
            "?\n\nThe sessions you had stay in your history. If you follow it again later, "
            "you carry on where you were.",
        )

        def answer(yes: bool | None) -> None:
            if yes:
                self.sessions.stop_following_program()

        self.app.push_screen(ConfirmScreen(question, yes="Stop following", no="Keep following"), answer)

    def action_start(self) -> None:
        """Pick a script."""
        from tui.screens.picker import PickerScreen  # imported when first chosen, not at start

        self.app.push_screen(PickerScreen(self.sessions))

    def action_history(self) -> None:
        """Every session, newest first, to look back on together."""
        from tui.screens.history import HistoryScreen  # with its table: imported when first opened

        self.app.push_screen(HistoryScreen(self.sessions, self.look))

    def action_together(self) -> None:
        """Our time together: totals, weeks, days met, energy and speaking time (its charts load only now)."""
        from tui.screens.together import TogetherScreen  # plotext and the screen: not paid for at start-up

        self.app.push_screen(TogetherScreen(self.sessions, self.look))

    def action_follow_ups(self) -> None:
        """Open promises, requests and wishes, and what was kept."""
        from tui.screens.follow_ups import FollowUpsScreen  # imported when first opened

        self.app.push_screen(FollowUpsScreen(self.sessions, self.look, self.follow_up_marks))

    def action_continue_unfinished(self) -> None:
        """Continue the newest unfinished session (choosing it is the answer: no second question)."""
        self.sessions.continue_unfinished()

    async def action_settings(self) -> None:
        """Names, colours, bell and theme (the App keeps them)."""
        await self.run_action("app.open_settings")
