"""Settings: names, colours, the bell, the decks that stay off until chosen, and the theme."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Select, Static, Switch

from tui.core.settings import THEMES, Settings
from tui.widgets.key_footer import KeyFooter
from tui.widgets.partner_form import PartnerForm

THEME_LABELS = {
    "textual-dark": "Dark",
    "textual-light": "Light",
    "ansi-dark": "Terminal colours, dark (16 colours)",
    "ansi-light": "Terminal colours, light (16 colours)",
}

OPT_IN_LABEL = "Parenting and desire decks"
"""The switch for the decks marked opt-in: off until the couple chooses them (the bell's row, to fit 80x24)."""


def switch_words(on: bool) -> str:
    """A switch's state in a word, for terminals without colour and for screen readers."""
    return "on" if on else "off"


class SettingsScreen(Screen[Settings | None]):
    """Edits a copy of the settings; ctrl+s keeps them, b goes back without changes."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("ctrl+b", "back", "Back", id="settings.back"),
        Binding("escape", "back", "Back", show=False),
    ]
    DEFAULT_CSS = """
    SettingsScreen #settings { padding: 1 2; }
    SettingsScreen .settings-row { height: auto; margin-top: 1; }
    SettingsScreen .settings-label { width: 16; padding: 1 1 0 0; }
    SettingsScreen #settings-bell-words { width: 5; padding: 1 0 0 1; }
    SettingsScreen #settings-opt-in-label { width: auto; padding: 1 1 0 2; }
    SettingsScreen #settings-opt-in-words { width: 5; padding: 1 0 0 1; }
    SettingsScreen #settings-problem { color: $error; height: auto; }
    """

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = Settings.from_dict(settings.to_dict())

    def compose(self) -> ComposeResult:
        """The form, the bell and opt-in deck switches, the theme choice."""
        with VerticalScroll(id="settings"):
            yield Static("Settings", classes="step-title")
            yield PartnerForm(self.settings, id="settings-form")
            with Horizontal(classes="settings-row"):
                yield Static("Bell at time up", classes="settings-label")
                yield Switch(value=self.settings.bell, id="settings-bell")
                yield Static(switch_words(self.settings.bell), id="settings-bell-words")
                yield Static(OPT_IN_LABEL, id="settings-opt-in-label")
                yield Switch(value=self.settings.opt_in_decks, id="settings-opt-in-decks")
                yield Static(switch_words(self.settings.opt_in_decks), id="settings-opt-in-words")
            with Horizontal(classes="settings-row"):
                yield Static("Theme", classes="settings-label")
                yield Select(
                    [(THEME_LABELS[name], name) for name in THEMES],
                    value=self.settings.theme,
                    allow_blank=False,
                    id="settings-theme",
                )
            yield Static("", id="settings-problem")
            yield Button("Save (ctrl+s)", id="settings-save", variant="primary")
        yield KeyFooter()

    def on_switch_changed(self, event: Switch.Changed) -> None:
        """Say a switch's new state in a word."""
        words = {"settings-bell": "#settings-bell-words", "settings-opt-in-decks": "#settings-opt-in-words"}
        if event.switch.id in words:
            self.query_one(words[event.switch.id], Static).update(switch_words(event.value))

    def on_select_changed(self, event: Select.Changed) -> None:
        """Try a theme at once."""
        if event.select.id == "settings-theme" and isinstance(event.value, str):
            self.app.theme = event.value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The Save button."""
        self.action_save()

    def action_save(self) -> None:
        """Keep the changes, or say what is missing."""
        form = self.query_one(PartnerForm)
        problem = form.problem()
        if problem:
            self.query_one("#settings-problem", Static).update(problem)
            return
        form.apply_to(self.settings)
        self.settings.bell = self.query_one("#settings-bell", Switch).value
        self.settings.opt_in_decks = self.query_one("#settings-opt-in-decks", Switch).value
        theme = self.query_one("#settings-theme", Select).value
        if isinstance(theme, str):
            self.settings.theme = theme
        self.dismiss(self.settings)

    def action_back(self) -> None:
        """Leave without changes (the theme goes back too)."""
        self.dismiss(None)
