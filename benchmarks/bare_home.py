"""A second start reference: a bare Textual app drawing home's widgets (the same kinds, words and CSS as
Hearthside's home at 80x24) with no Hearthside code, so a start's ratio splits into Textual's cost of
the screen itself and Hearthside's own.

Run: python benchmarks/bare_home.py. The harness times its first complete frame beside the bare
`Digits` app's and home's.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

MENU = (
    "Start a session  (s)",
    "Follow a program over weeks: 3 to choose from  (p)",
    "Settings  (o)",
    "Help  (?)",
    "Quit  (ctrl+q)",
)
FACTS = "Your first session together is one keypress away."


class BareHome(App[None]):
    """Home's title, couple, menu, facts and compact footer, as plain Textual widgets."""

    CSS = """
    #home { padding: 1 2; }
    #home-title { text-style: bold; }
    #home-couple { margin-bottom: 1; }
    #home-menu { height: auto; max-height: 12; margin: 1 0; }
    #home-facts { color: $text-muted; }
    #home-thanks { text-style: italic; margin-top: 1; }
    #home-saving, #home-remember { display: none; }
    """
    BINDINGS = [
        Binding("s", "nothing", "Start a session"),
        Binding("p", "nothing", "Program"),
        Binding("o", "nothing", "Settings"),
        Binding("ctrl+q", "quit", "Quit"),
        Binding("f1", "nothing", "Help"),
    ]

    def compose(self) -> ComposeResult:
        """The same widgets home composes."""
        with Vertical(id="home"):
            yield Static("Hearthside", id="home-title")
            yield Static("For Maya and Jonah", id="home-couple")
            yield Static("", id="home-saving")
            yield OptionList(*(Option(line) for line in MENU), id="home-menu")
            yield Static(FACTS, id="home-facts")
            yield Static("", id="home-remember")
            yield Static("", id="home-thanks")
        yield Footer(compact=True, show_command_palette=False)

    def action_nothing(self) -> None:
        """The menu's keys do nothing here; only the start is measured."""


if __name__ == "__main__":
    BareHome().run()
