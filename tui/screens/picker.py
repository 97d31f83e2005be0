"""The script picker: every script with its length, intensity and summary, a tag filter and a preview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.script_model import Script
from tui.widgets.partner_text import literal, sentence

if TYPE_CHECKING:
    from tui.app import HearthsideApp

ALL_TAGS = "all"
INTENSITY_ORDER = {"light": 0, "medium": 1, "deep": 2}  # the gentlest first


def length_words(minutes: float) -> str:
    """ "about 25 min"."""
    return f"about {max(1, round(minutes))} min"


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

    app: HearthsideApp

    def __init__(self) -> None:
        super().__init__()
        self.tag = ALL_TAGS
        self.shown: list[Script] = []

    def compose(self) -> ComposeResult:
        """Filter line, list and preview."""
        yield Static("", id="picker-filter")
        with Horizontal(id="picker-body"):
            yield OptionList(id="picker-list")
            with VerticalScroll(id="picker-preview"):
                yield Static("", id="picker-preview-text")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the list."""
        self.fill()
        self.query_one("#picker-list", OptionList).focus()

    @property
    def tags(self) -> list[str]:
        """ "all" and every tag the scripts use, in a stable order."""
        found = sorted({tag for entry in self.app.library.scripts() for tag in entry.script.tags})
        return [ALL_TAGS, *found]

    def fill(self) -> None:
        """The scripts that match the tag."""
        scripts = sorted(
            (entry.script for entry in self.app.library.scripts()),
            key=lambda script: (
                INTENSITY_ORDER.get(script.intensity, 9),
                script.total_minutes(),
                script.title,
            ),
        )
        self.shown = [s for s in scripts if self.tag == ALL_TAGS or self.tag in s.tags]
        listing = self.query_one("#picker-list", OptionList)
        listing.clear_options()
        for script in self.shown:
            label = sentence(
                literal(script.title, "bold"),
                "\n",
                Text(f"  {length_words(script.total_minutes())}, {script.intensity}"),
            )
            listing.add_option(Option(label, id=script.id))
        if self.shown:
            listing.highlighted = 0
        shown_tag = "all scripts" if self.tag == ALL_TAGS else f"tag: {self.tag}"
        self.query_one("#picker-filter", Static).update(
            literal(f"Showing {shown_tag} ({len(self.shown)})   f: next tag   Enter: start")
        )
        self.preview(self.shown[0] if self.shown else None)

    def preview(self, script: Script | None) -> None:
        """Summary, method and each step with its minutes."""
        target = self.query_one("#picker-preview-text", Static)
        if script is None:
            target.update("No scripts with this tag.")
            return
        lines = [
            literal(script.title, "bold"),
            literal(script.summary),
            sentence(Text("Follows: ", style="dim"), literal(script.method)),
            sentence(Text("Tags: ", style="dim"), literal(", ".join(script.tags) or "none")),
            Text(""),
            Text("Steps:", style="bold"),
        ]
        for number, step in enumerate(script.steps, start=1):
            minutes = step.estimated_minutes()
            lines.append(
                sentence(
                    f"{number:>2}. ", literal(step.title), Text(f"  ~{max(1, round(minutes))} min", "dim")
                )
            )
        target.update(Text("\n").join(lines))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Preview the highlighted script."""
        script = self.app.library.find(event.option.id or "")
        self.preview(script)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter starts the script."""
        self.app.start_script(event.option.id or "")

    def action_next_tag(self) -> None:
        """Cycle through the tags."""
        tags = self.tags
        self.tag = tags[(tags.index(self.tag) + 1) % len(tags)] if self.tag in tags else ALL_TAGS
        self.fill()

    def action_back(self) -> None:
        """Home."""
        self.dismiss(None)
