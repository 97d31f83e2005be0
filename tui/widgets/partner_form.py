"""The names-and-colours form shared by the welcome and settings screens."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Input, Select, Static

from tui.core.partners import MAX_NAME_LENGTH, clean_name
from tui.core.settings import PARTNER_COLOURS, Settings
from tui.terminal import COLOUR_LABELS, PARTNER_COLOUR_VALUES


def colour_options() -> list[tuple[Text, str]]:
    """Select options: a swatch and the colour's name in words."""
    return [
        (Text.assemble(("## ", f"bold {PARTNER_COLOUR_VALUES[name][0]}"), COLOUR_LABELS[name]), name)
        for name in PARTNER_COLOURS
    ]


PARTNER_LABELS = (("a", "First partner"), ("b", "Second partner"))


class PartnerForm(Grid):
    """Two names and two colours; `problem()` says in words what is still missing.

    A column per partner, filled row by row (labels, names, colours), so Tab goes from one name to
    the other before it reaches the colours.
    """

    DEFAULT_CSS = """
    PartnerForm { height: auto; grid-size: 2; grid-columns: 1fr 1fr; grid-rows: 1 3 3; grid-gutter: 0 2; }
    PartnerForm Input { width: 1fr; }
    PartnerForm Select { width: 1fr; }
    PartnerForm .partner-label { width: 1fr; text-style: bold; }
    """

    def __init__(self, settings: Settings, id: str | None = None) -> None:
        super().__init__(id=id)
        self.settings = settings

    def compose(self) -> ComposeResult:
        """The two labels, the two names, the two colours (the grid puts each under its partner)."""
        for _partner, label in PARTNER_LABELS:
            yield Static(label, classes="partner-label")
        for partner, label in PARTNER_LABELS:
            yield Input(
                value=getattr(self.settings, f"name_{partner}"),
                placeholder=f"{label}'s name",
                max_length=MAX_NAME_LENGTH,
                select_on_focus=False,  # reaching a name keeps its letters; typing adds at the end
                id=f"name-{partner}",
            )
        for partner, _label in PARTNER_LABELS:
            yield Select(
                colour_options(),
                value=getattr(self.settings, f"colour_{partner}"),
                allow_blank=False,
                id=f"colour-{partner}",
            )

    def values(self) -> tuple[str, str, str, str]:
        """Cleaned names and chosen colours: (name_a, name_b, colour_a, colour_b)."""
        name_a = clean_name(self.query_one("#name-a", Input).value)
        name_b = clean_name(self.query_one("#name-b", Input).value)
        colour_a = str(self.query_one("#colour-a", Select).value)
        colour_b = str(self.query_one("#colour-b", Select).value)
        return name_a, name_b, colour_a, colour_b

    def problem(self) -> str:
        """What still needs fixing, in plain words, or an empty string."""
        name_a, name_b, colour_a, colour_b = self.values()
        if not name_a or not name_b:
            return "Please give both names."
        if name_a.casefold() == name_b.casefold():
            return "Please use two different names, so the screen can say whose turn it is."
        if colour_a == colour_b:
            return "Please pick two different colours."
        return ""

    def apply_to(self, settings: Settings) -> None:
        """Write the form's values into `settings`."""
        settings.name_a, settings.name_b, settings.colour_a, settings.colour_b = self.values()
