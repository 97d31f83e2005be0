"""The look the App hands its screens and step views: partners' names and colours, and the few facts
they show (the `StepLook` and `PartnerLook` the widgets ask for)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from tui.core.partners import Partners
from tui.core.script_model import PartnerId
from tui.core.settings import Settings
from tui.terminal import colour_value

if TYPE_CHECKING:
    from tui.session_service import SessionService


class LookedUpApp(Protocol):
    """What the look reads from the App (`HearthsideApp`)."""

    sessions: SessionService
    unicode_ok: bool

    @property
    def partners(self) -> Partners: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def uses_ansi_theme(self) -> bool: ...


class AppLook:
    """Names, colours and the few facts the views show (implements `StepLook`)."""

    def __init__(self, app: LookedUpApp) -> None:
        self._app = app

    def name(self, partner: PartnerId) -> str:
        """The partner's name."""
        return self._app.partners.name(partner)

    def colour(self, partner: PartnerId) -> str:
        """The partner's colour for Rich text; ANSI colours on 16-colour themes."""
        return colour_value(self._app.settings.colour(partner), ansi=self._app.uses_ansi_theme)

    def border_colour(self, partner: PartnerId) -> str:
        """A partner's colour for CSS borders."""
        value = self.colour(partner)
        return value if value.startswith("#") else f"ansi_{value}"

    @property
    def unicode_ok(self) -> bool:
        """Whether the terminal can draw box characters and symbols."""
        return self._app.unicode_ok

    @property
    def sessions_together(self) -> int:
        """Sessions finished before the current one."""
        return self._app.sessions.sessions_together

    def script_title(self, script_id: str) -> str:
        """A script's title, or its id when it is no longer in the library."""
        return self._app.sessions.script_title(script_id)
