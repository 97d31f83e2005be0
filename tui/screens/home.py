"""Home: start a session, continue an unfinished one, open follow-ups, settings and help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.widgets.partner_text import literal, partner_name, sentence

if TYPE_CHECKING:
    from tui.app import HearthsideApp


class HomeScreen(Screen[None]):
    """The calm starting point; shows a total that only grows, never a streak."""

    BINDINGS = [
        Binding("s", "start", "Start a session", id="home.start"),
        Binding("c", "continue_unfinished", "Continue", id="home.continue"),
        Binding("o", "settings", "Settings", id="home.settings"),
    ]
    DEFAULT_CSS = """
    HomeScreen #home { padding: 1 2; }
    HomeScreen #home-title { text-style: bold; }
    HomeScreen #home-couple { margin-bottom: 1; }
    HomeScreen #home-menu { height: auto; max-height: 10; margin: 1 0; }
    HomeScreen #home-facts { color: $text-muted; }
    """

    app: HearthsideApp

    def compose(self) -> ComposeResult:
        """Title, couple, menu and the facts line."""
        with Vertical(id="home"):
            yield Static("Hearthside", id="home-title")
            yield Static("", id="home-couple")
            yield OptionList(id="home-menu")
            yield Static("", id="home-facts")
        yield Footer()

    def on_mount(self) -> None:
        """Draw, and ask the store for the latest overview."""
        self.refresh_overview()
        self.app.load_overview()

    def on_screen_resume(self) -> None:
        """Back from a session or settings: draw again."""
        self.refresh_overview()

    def refresh_overview(self) -> None:
        """The menu and the facts from the app's latest overview."""
        app = self.app
        overview = app.overview
        look = app.look
        self.query_one("#home-couple", Static).update(
            sentence("For ", partner_name(look, "a"), " and ", partner_name(look, "b"))
        )
        menu = self.query_one("#home-menu", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_option(Option("Start a session  (s)", id="start"))
        checkpoint = overview.checkpoint
        if checkpoint is not None:
            title = app.script_title(checkpoint.get("script_id", ""))
            menu.add_option(
                Option(sentence("Continue where you left off: ", literal(title), "  (c)"), id="continue")
            )
        menu.add_option(Option("Settings  (o)", id="settings"))
        menu.add_option(Option("Help  (?)", id="help"))
        menu.add_option(Option("Quit  (ctrl+q)", id="quit"))
        menu.highlighted = highlighted if highlighted is not None and highlighted < menu.option_count else 0
        facts: list[Text] = []
        count = overview.sessions_together
        if count:
            times = "once" if count == 1 else f"{count} times"
            facts.append(Text(f"You have made time for each other {times}."))
        else:
            facts.append(Text("Your first session together is one keypress away."))
        if overview.open_follow_ups:
            facts.append(Text(f"Open promises, requests and wishes: {overview.open_follow_ups}"))
        if app.saving:
            facts.append(Text("Saving..."))
        self.query_one("#home-facts", Static).update(Text("\n").join(facts))
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a menu line."""
        actions = {
            "start": self.action_start,
            "continue": self.action_continue_unfinished,
            "settings": self.action_settings,
            "help": self.app.action_help,
            "quit": self.app.action_request_quit,
        }
        action = actions.get(event.option.id or "")
        if action is not None:
            action()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Continue only when there is something to continue."""
        if action == "continue_unfinished":
            return self.app.overview.checkpoint is not None
        return True

    def action_start(self) -> None:
        """Pick a script."""
        self.app.open_picker()

    def action_continue_unfinished(self) -> None:
        """Offer to continue or start fresh."""
        self.app.offer_resume()

    def action_settings(self) -> None:
        """Names, colours, bell and theme."""
        self.app.open_settings()
