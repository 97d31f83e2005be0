"""The footer every screen shows: compact, without the palette's key, so the keys that matter fit in 80
columns (the help names ctrl+p for every other action)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """Textual's footer in its compact style and without the command palette's key on the right."""

    DEFAULT_CSS = """
    KeyFooter.-compact FooterLabel { margin: 0 1 0 0; }
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._composed_keys: tuple[tuple[str, str, bool, str], ...] | None = None

    def _shown_keys(self) -> tuple[tuple[str, str, bool, str], ...]:
        """The keys the footer would show now: key, description, enabled, tooltip."""
        return tuple(
            (binding.key, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    def compose(self) -> ComposeResult:
        """Textual's keys at once (Textual's footer waits for a first change of bindings and draws a frame
        of its own), each made compact before it mounts (else each key restyles itself once mounted)."""
        self._bindings_ready = True
        self._composed_keys = self._shown_keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_class(True, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        """Compose again only when what the footer shows would change: each recompose is a frame."""
        if not (self.is_attached and screen is self.screen and screen.app.app_focus):
            super().bindings_changed(screen)  # Textual's own rules for a footer that does not recompose now
            return
        keys = self._shown_keys()
        if keys == self._composed_keys:
            return  # already shown, or already on its way (a recompose is pending for these keys)
        self._composed_keys = keys
        super().bindings_changed(screen)
