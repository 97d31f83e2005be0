"""Asked when the couple follows no program and the library has several: which one to follow."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.programs import Program
from tui.widgets.partner_text import safe_text, sentence


def program_option(program: Program) -> Text:
    """One program in the list: its title, its size, and its summary beneath (all shown literally)."""
    return Text("\n").join(
        [
            sentence(safe_text(program.title, "bold"), Text(f"  {program.length_words()}", "dim")),
            safe_text(program.summary),
        ]
    )


class ProgramChoiceScreen(ModalScreen[str | None]):
    """Dismisses with the chosen program's id; Escape or `n` (None) chooses nothing."""

    BINDINGS = [
        Binding("n", "cancel", "Not now", id="program_choice.cancel"),
        Binding("escape", "cancel", "Not now", show=False),
    ]
    DEFAULT_CSS = """
    ProgramChoiceScreen { align: center middle; }
    ProgramChoiceScreen #program-choice-box { width: 76; max-width: 100%; height: auto; max-height: 100%;
                                              border: thick $primary; background: $surface; padding: 0 2; }
    ProgramChoiceScreen #program-choice-question { height: auto; margin: 1 0; }
    ProgramChoiceScreen OptionList { height: auto; max-height: 16; }
    """

    def __init__(self, programs: list[Program]) -> None:
        super().__init__()
        self.programs = programs

    def compose(self) -> ComposeResult:
        """The question and one option per program."""
        with Vertical(id="program-choice-box"):
            yield Static(
                "Which program would you like to follow? Enter shows its plan; n or Escape: not now.",
                id="program-choice-question",
            )
            options: list[Option | None] = []
            for program in self.programs:
                options += [None] if options else []  # a line between two programs
                options.append(Option(program_option(program), id=program.id))
            yield OptionList(*options, id="program-choice-list")

    def on_mount(self) -> None:
        """The list has the keys."""
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on a program."""
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Nothing chosen."""
        self.dismiss(None)
