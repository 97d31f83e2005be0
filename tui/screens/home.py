"""Home: start a session, continue an unfinished one, open follow-ups, settings and help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static

from tui.core.follow_ups import MarksMade
from tui.core.programs import Program
from tui.screens.confirm import ConfirmScreen
from tui.screens.home_content import CONTINUE_PREFIX, HomeContent, HomeReader
from tui.screens.styled_once import StyledOnceScreen
from tui.store.export_file import default_rescue_path
from tui.widgets.key_footer import KeyFooter
from tui.widgets.partner_text import PartnerLook, safe_text, sentence
from tui.widgets.toasts import hide_empty_toast_rack

if TYPE_CHECKING:
    from tui.session_service import SessionService

PLAN_LINES = 10  # a program's plan on the question shows this many parts, then how many more


class HomeScreen(StyledOnceScreen[None]):
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
        self.reader = HomeReader(sessions, look)
        self._shown = HomeContent(Text(), [], "", Text(), Text())  # what home draws now (compose fills it)

    def compose(self) -> ComposeResult:
        """Title, couple, menu and the facts line, filled from the overview the app already has, so the first
        frame is home as it is (a frame of empty lines and then a full repaint would cost a start both)."""
        content = self.reader.content()
        self._shown = content
        self.set_class(bool(content.saving), "cannot-save")
        self.set_class(bool(content.memory.plain), "remembering")
        with Vertical(id="home"):
            yield Static("Hearthside", id="home-title")
            yield Static(content.couple, id="home-couple")
            yield Static(Text(content.saving), id="home-saving")
            menu = OptionList(*content.options, id="home-menu")
            menu.set_reactive(OptionList.highlighted, self._highlight(content, None))  # in the first frame
            yield menu
            yield Static(content.facts, id="home-facts")
            yield Static(content.memory, id="home-remember")
            yield Static("" if content.saving else self._thanks, id="home-thanks")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Ask the store for the latest overview in a worker, at once: for a returning couple it brings the
        "remember when" line (a year file read), which a start waiting for the first frame would show later."""
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
        """The menu and the facts from the app's latest overview; only what changed is drawn again (each
        update is a repaint, and home is refreshed on every resume and every overview read)."""
        content = self.reader.content()
        shown, self._shown = self._shown, content
        if content.couple != shown.couple:
            self.query_one("#home-couple", Static).update(content.couple)
        menu = self.query_one("#home-menu", OptionList)
        highlighted = menu.highlighted
        if content.menu_lines != shown.menu_lines:
            menu.clear_options()
            menu.add_options(content.options)
        if content.saving != shown.saving:
            self.query_one("#home-saving", Static).update(Text(content.saving))
            self.set_class(bool(content.saving), "cannot-save")
        thanks = self.query_one("#home-thanks", Static)
        if content.saving and thanks.content:  # "kept in your history" is not true while saving fails
            thanks.update("")
        wanted = self._highlight(content, highlighted)
        if menu.highlighted != wanted:
            menu.highlighted = wanted
        self.refresh_bindings()  # continue, program and save-elsewhere keys follow the overview (`check_action`)
        if content.facts != shown.facts:
            self.query_one("#home-facts", Static).update(content.facts)
        if content.memory != shown.memory:
            self.query_one("#home-remember", Static).update(content.memory)
            self.set_class(bool(content.memory.plain), "remembering")
        if self.app.screen is self:
            menu.focus()

    def _highlight(self, content: HomeContent, highlighted: int | None) -> int:
        """The menu line to highlight: saving elsewhere or continuing when newly offered (what matters most
        then), else the line highlighted before; remembers what is offered now, so each is pushed once."""
        ids = [option.id for option in content.options]
        offers_saving = "save-elsewhere" in ids
        offers_continue = "continue" in ids
        if offers_saving and not self._offered_saving:
            wanted = ids.index("save-elsewhere")
        elif offers_continue and not self._offered_continue:
            wanted = ids.index("continue")
        else:
            wanted = highlighted if highlighted is not None and highlighted < len(ids) else 0
        self._offered_continue = offers_continue
        self._offered_saving = offers_saving
        return wanted

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
            return self.reader.program_line() is not None
        if action == "save_elsewhere":
            return self.reader.offers_saving_elsewhere()
        return True

    def action_program(self) -> None:
        """Start the next sitting, or offer a program to follow."""
        program = self.reader.program()
        if program is not None and program.locate(self.sessions.overview.program_sittings_done) is not None:
            self.sessions.start_program_sitting()
            return
        if program is not None:
            self._offer(program)
            return
        programs = self.reader.programs()
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
        program = self.reader.program()
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
