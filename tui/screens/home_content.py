"""What home shows, read from the session service's overview: the couple's line, the menu, the facts and
one remembered appreciation (the screen, `home.py`, draws it and only redraws what changed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets.option_list import Option

from tui.core.programs import Program
from tui.core.wording import count_of
from tui.overview import MAX_CONTINUE_LINES
from tui.widgets.partner_text import PartnerLook, partner_name, safe_text, sentence
from tui.widgets.remembered import remembered_text

if TYPE_CHECKING:
    from tui.session_service import SessionService

CONTINUE_PREFIX = "continue:"  # the menu ids of the unfinished sessions after the newest


class HomeContent:
    """Everything home shows at one moment; two are equal when home would look the same."""

    __slots__ = ("couple", "facts", "memory", "options", "saving")

    def __init__(self, couple: Text, options: list[Option], saving: str, facts: Text, memory: Text) -> None:
        self.couple = couple
        self.options = options
        self.saving = saving  # the lasting line about saving, empty when saving works
        self.facts = facts
        self.memory = memory

    @property
    def menu_lines(self) -> list[tuple[str | None, object, bool]]:
        """The menu as compared: each line's id, words (with their style) and whether it can be chosen."""
        return [(option.id, option.prompt, option.disabled) for option in self.options]


class HomeReader:
    """Reads what home shows from the session service (and the library's programs)."""

    def __init__(self, sessions: SessionService, look: PartnerLook) -> None:
        self.sessions = sessions
        self.look = look

    def content(self) -> HomeContent:
        """Home as it should look now."""
        look = self.look
        couple = sentence("For ", partner_name(look, "a"), " and ", partner_name(look, "b"))
        saving = self.sessions.save_state_text()
        return HomeContent(couple, self.menu(), saving, self.facts(), self.remember_when())

    def menu(self) -> list[Option]:
        """The menu's lines: each only once there is something behind it (h and f always work), so home
        fits 80x24."""
        overview = self.sessions.overview
        options = [Option("Start a session  (s)", id="start"), *self.continue_options()]
        if self.offers_saving_elsewhere():
            options.append(Option("Save what is not saved yet in a file  (e)", id="save-elsewhere"))
        program_line = self.program_line()
        if program_line is not None:
            options.append(Option(program_line, id="program"))
        followed = self.program()
        if followed is not None:
            options.append(Option(sentence("Stop following ", safe_text(followed.title)), id="stop-program"))
        if overview.sessions_together:
            options.append(Option("Look back at your sessions  (h)", id="history"))
            options.append(Option("Our time together  (t)", id="together"))
        if overview.open_follow_ups:
            options.append(Option("Follow-ups: promises, requests and wishes  (f)", id="follow-ups"))
        options.append(Option("Settings  (o)", id="settings"))
        options.append(Option("Help  (?)", id="help"))
        options.append(Option("Quit  (ctrl+q)", id="quit"))
        return options

    def facts(self) -> Text:
        """The count of sessions together (a total that only grows), the program's progress, open
        follow-ups, and "Saving..." while a write is under way."""
        sessions = self.sessions
        overview = sessions.overview
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
        return Text("\n").join(facts)

    def remember_when(self) -> Text:
        """One past appreciation, shown literally with its date and who said it to whom; nothing yet
        when there is none."""
        return remembered_text(self.sessions.overview.remembered, self.sessions.clock.now().astimezone().date())

    def offers_saving_elsewhere(self) -> bool:
        """Whether something unsaved can be saved in a file of the couple's choosing."""
        return self.sessions.cannot_save and self.sessions.has_unsaved_work

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

    def program(self) -> Program | None:
        """The program the couple follows, if it is in the library."""
        return self.sessions.library.programs.get(self.sessions.active_program_id)

    def programs(self) -> list[Program]:
        """Every program in the library, by title."""
        return sorted(self.sessions.library.programs.values(), key=lambda program: program.title)

    def program_line(self) -> Text | None:
        """The menu line for programs: the next sitting, or an offer to follow one."""
        program = self.program()
        if program is not None:
            position = program.locate(self.sessions.overview.program_sittings_done)
            if position is None:
                return sentence("Follow ", safe_text(program.title), " again  (p)")
            title = self.sessions.script_title(position.part.script)
            return sentence("Next in ", safe_text(program.title), ": ", safe_text(title), "  (p)")
        programs = self.programs()
        if not programs:
            return None
        if len(programs) > 1:
            return Text(f"Follow a program over weeks: {len(programs)} to choose from  (p)")
        return sentence("Follow a program over weeks: ", safe_text(programs[0].title), "  (p)")

    def program_progress(self) -> Text | None:
        """How far the couple has come in their program: a count that only grows."""
        program = self.program()
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
