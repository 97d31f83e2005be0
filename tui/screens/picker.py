"""The script picker: every script with its length, intensity and summary, a tag filter and a preview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.library import USER, BrokenScript, LibraryEntry
from tui.core.script_model import QuestionsStep, Script, Step
from tui.core.wording import minutes_text
from tui.widgets.key_footer import KeyFooter
from tui.widgets.partner_text import safe_text, sentence

if TYPE_CHECKING:
    from tui.session_service import SessionService

ALL_TAGS = "all"
INTENSITY_ORDER = {"light": 0, "medium": 1, "deep": 2}  # the gentlest first
BROKEN_PREFIX = "broken:"  # option ids of files that cannot be used: the prefix and their place in the list
PROBLEM_LABEL_MAX = 60  # the first problem's words in the list, in about two lines of it


class PickerScreen(Screen[None]):
    """Lists scripts, filtered by tag; the highlighted one is previewed step by step."""

    BINDINGS = [
        Binding("f", "next_tag", "Filter by tag", id="picker.filter"),
        Binding("b", "back", "Back", id="picker.back"),
        Binding("escape", "back", "Back", show=False),
    ]
    DEFAULT_CSS = """
    PickerScreen #picker-filter { height: 1; padding: 0 1; background: $panel; }
    PickerScreen #picker-body { height: 1fr; }
    PickerScreen #picker-list { width: 36; height: 1fr; }
    PickerScreen #picker-preview { width: 1fr; height: 1fr; padding: 0 1; border-left: tall $panel-lighten-2; }
    """

    def __init__(self, sessions: SessionService) -> None:
        super().__init__()
        self.sessions = sessions
        self.tag = ALL_TAGS
        self.shown: list[Script] = []
        self.broken: list[BrokenScript] = []

    def compose(self) -> ComposeResult:
        """Filter line, list and preview."""
        yield Static("", id="picker-filter")
        with Horizontal(id="picker-body"):
            yield OptionList(id="picker-list")
            with VerticalScroll(id="picker-preview"):
                yield Static("", id="picker-preview-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Fill the list."""
        self.fill()
        self.query_one("#picker-list", OptionList).focus()

    @property
    def tags(self) -> list[str]:
        """ "all" and every tag the scripts use, in a stable order."""
        found = sorted({tag for entry in self.sessions.library.scripts() for tag in entry.script.tags})
        return [ALL_TAGS, *found]

    def fill(self) -> None:
        """The scripts that match the tag; with every tag, also the couple's files that cannot be used."""
        entries = sorted(
            self.sessions.library.scripts(),
            key=lambda entry: (
                INTENSITY_ORDER.get(entry.script.intensity, 9),
                entry.script.total_minutes(),
                entry.script.title,
            ),
        )
        entries = [e for e in entries if self.tag == ALL_TAGS or self.tag in e.script.tags]
        self.shown = [entry.script for entry in entries]
        self.broken = list(self.sessions.library.broken) if self.tag == ALL_TAGS else []
        listing = self.query_one("#picker-list", OptionList)
        listing.clear_options()
        for entry in entries:
            listing.add_option(Option(self.entry_label(entry), id=entry.script.id))
        for number, broken in enumerate(self.broken):
            listing.add_option(Option(self.broken_label(broken), id=f"{BROKEN_PREFIX}{number}"))
        if self.shown or self.broken:
            listing.highlighted = 0
        shown_tag = "all scripts" if self.tag == ALL_TAGS else f"tag: {self.tag}"
        self.query_one("#picker-filter", Static).update(
            safe_text(f"Showing {shown_tag} ({len(self.shown)})   f: next tag   Enter: start")
        )
        if self.shown:
            self.preview(self.shown[0])
        elif self.broken:
            self.preview_broken(self.broken[0])
        else:
            self.preview(None)

    @staticmethod
    def entry_label(entry: LibraryEntry) -> Text:
        """Title, then length and intensity; the couple's own scripts say so."""
        script = entry.script
        own = ", yours" if entry.origin == USER else ""
        return sentence(
            safe_text(script.title, "bold"),
            "\n",
            Text(f"  about {minutes_text(script.total_minutes())}, {script.intensity}{own}"),
        )

    @staticmethod
    def broken_label(broken: BrokenScript) -> Text:
        """Title, then the first problem in a few words: the file is listed, not left out."""
        first = broken.problems[0] if broken.problems else None
        words = f"{first.place}: {first.message}" if first and first.place else (first.message if first else "")
        if len(words) > PROBLEM_LABEL_MAX:
            words = words[: PROBLEM_LABEL_MAX - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"
        return sentence(
            safe_text(broken.title, "bold"),
            "\n",
            Text("  cannot be used, a problem: ", style="dim"),
            safe_text(words),
        )

    def preview_broken(self, broken: BrokenScript) -> None:
        """Where the file is and every problem, one line each, so the couple can fix it."""
        whose = f"This {broken.noun} of yours" if broken.origin == USER else f"This built-in {broken.noun}"
        count = len(broken.problems)
        lines = [
            safe_text(broken.title, "bold"),
            safe_text(f"{whose} has {count} problem{'' if count == 1 else 's'}, so it cannot be used yet:"),
            safe_text(broken.path, "dim"),
            Text(""),
            *(sentence("- ", safe_text(f"{p.place}: {p.message}" if p.place else p.message)) for p in broken.problems),
            Text(""),
            Text(f"Fix the {broken.noun} and open this list again; `hearthside scripts check` checks it too."),
        ]
        self.query_one("#picker-preview-text", Static).update(Text("\n").join(lines))

    def broken_for(self, option_id: str) -> BrokenScript | None:
        """The unusable file an option stands for, if it is one."""
        if not option_id.startswith(BROKEN_PREFIX):
            return None
        return self.broken[int(option_id.removeprefix(BROKEN_PREFIX))]

    def preview(self, script: Script | None) -> None:
        """Summary, method and each step with its minutes."""
        target = self.query_one("#picker-preview-text", Static)
        if script is None:
            target.update("No scripts with this tag.")
            return
        lines = [
            safe_text(script.title, "bold"),
            safe_text(script.summary),
            sentence(Text("Follows: ", style="dim"), safe_text(script.method)),
            sentence(Text("Tags: ", style="dim"), safe_text(", ".join(script.tags) or "none")),
        ]
        if script.themes:
            ideas = ", ".join(theme.replace("-", " ") for theme in script.themes)
            lines.append(sentence(Text("Ideas: ", style="dim"), safe_text(ideas)))
        lines += [
            Text(""),
            Text("Steps:", style="bold"),
        ]
        for number, step in enumerate(script.steps, start=1):
            minutes = step.estimated_minutes()
            if self.deck_is_off(step):
                after = Text("  (its deck is off: see Settings)", "dim")
            else:
                after = Text(f"  ~{minutes_text(minutes)}", "dim")
            lines.append(sentence(f"{number:>2}. ", safe_text(step.title), after))
        if script.notes.strip():
            lines += [Text(""), Text("About this script:", style="bold"), safe_text(script.notes.strip())]
        target.update(Text("\n").join(lines))

    def deck_is_off(self, step: Step) -> bool:
        """Whether a questions step draws from an opt-in deck that the couple has not turned on."""
        if not isinstance(step, QuestionsStep) or not step.deck:
            return False
        deck = self.sessions.library.find_deck(step.deck)
        return deck is not None and deck.opt_in and not self.sessions.settings.opt_in_decks

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Preview the highlighted script, or the problems of a file that cannot be used."""
        broken = self.broken_for(event.option.id or "")
        if broken is not None:
            self.preview_broken(broken)
            return
        script = self.sessions.library.find(event.option.id or "")
        self.preview(script)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter starts the script; a file with problems says so instead."""
        if self.broken_for(event.option.id or "") is not None:
            self.app.notify("This script has problems, so it cannot start yet. Fix the file first.", markup=False)
            return
        self.sessions.start_script(event.option.id or "")

    def action_next_tag(self) -> None:
        """Cycle through the tags."""
        tags = self.tags
        self.tag = tags[(tags.index(self.tag) + 1) % len(tags)] if self.tag in tags else ALL_TAGS
        self.fill()

    def action_back(self) -> None:
        """Home."""
        self.dismiss(None)
