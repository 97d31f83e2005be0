"""The couple's preferences: names, colours, the bell, the theme and the opt-in decks, as a plain model."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from tui.core.partners import Partners, clean_name
from tui.core.script_model import PartnerId

# Okabe-Ito colours: distinguishable with the common kinds of colour blindness.
PARTNER_COLOURS = ("orange", "sky", "green", "vermillion", "blue", "purple", "yellow")
DEFAULT_COLOURS: dict[PartnerId, str] = {"a": "orange", "b": "sky"}
THEMES = ("textual-dark", "textual-light", "ansi-dark", "ansi-light")
OPT_IN_DECKS_KEY = "opt_in_decks"  # in `extra`: whether decks marked opt-in (parenting, desire) are drawn


@dataclass
class Settings:
    """What the couple chose: names and colours of both partners, the bell, the theme."""

    name_a: str = ""
    name_b: str = ""
    colour_a: str = DEFAULT_COLOURS["a"]
    colour_b: str = DEFAULT_COLOURS["b"]
    bell: bool = True
    theme: str = "textual-dark"
    welcome_seen: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_names(self) -> bool:
        """Whether both partners have a name."""
        return bool(self.name_a and self.name_b)

    @property
    def opt_in_decks(self) -> bool:
        """Whether the decks that are off until chosen (about parenting and desire) may be drawn."""
        return self.extra.get(OPT_IN_DECKS_KEY) is True

    @opt_in_decks.setter
    def opt_in_decks(self, value: bool) -> None:
        self.extra[OPT_IN_DECKS_KEY] = bool(value)

    @property
    def program_id(self) -> str:
        """The program the couple chose to follow, if any."""
        chosen = self.extra.get("program", {})
        return str(chosen.get("id", "")) if isinstance(chosen, dict) else ""

    def partners(self) -> Partners:
        """The partners as the engine knows them."""
        return Partners(a=self.name_a, b=self.name_b)

    def colour(self, partner: PartnerId) -> str:
        """The colour name chosen for a partner."""
        return self.colour_a if partner == "a" else self.colour_b

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for the store."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Settings:
        """Settings from the store, tolerating missing, unknown or damaged values."""
        data = dict(data or {})
        settings = cls()
        for key in ("name_a", "name_b"):
            if isinstance(data.get(key), str):
                setattr(settings, key, clean_name(data[key]))
        for key in ("colour_a", "colour_b"):
            if data.get(key) in PARTNER_COLOURS:
                setattr(settings, key, data[key])
        if settings.colour_a == settings.colour_b:
            settings.colour_b = next(c for c in PARTNER_COLOURS if c != settings.colour_a)
        if isinstance(data.get("bell"), bool):
            settings.bell = data["bell"]
        if data.get("theme") in THEMES:
            settings.theme = data["theme"]
        if isinstance(data.get("welcome_seen"), bool):
            settings.welcome_seen = data["welcome_seen"]
        if isinstance(data.get("extra"), dict):
            settings.extra = dict(data["extra"])
        return settings
