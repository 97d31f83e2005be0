"""Rich `Text` for partner names and typed words: always literal, never parsed as markup."""

from __future__ import annotations

from typing import Protocol

from rich.text import Text

from tui.core.partners import shows_as_typed
from tui.core.script_model import PartnerId


class PartnerLook(Protocol):
    """What a widget needs to show a partner: their name and their colour as a Rich style colour."""

    def name(self, partner: PartnerId) -> str:
        """The partner's name."""
        ...

    def colour(self, partner: PartnerId) -> str:
        """The partner's colour, ready for a Rich style."""
        ...


def partner_name(look: PartnerLook, partner: PartnerId) -> Text:
    """A partner's name in bold, in their colour (the words carry the meaning, the colour helps)."""
    return safe_text(look.name(partner), f"bold {look.colour(partner)}")  # no raw escapes reach the terminal


def safe_text(text: str, style: str = "") -> Text:
    """Words typed by a person or read from a script, shown exactly as written: never parsed as markup,
    and with control characters (escapes, bells, direction overrides) shown as spaces."""
    printable = "".join(char if shows_as_typed(char) or char == "\n" else " " for char in text)
    return Text(printable, style=style)


def sentence(*parts: str | Text) -> Text:
    """Join literal strings and styled `Text` pieces into one line."""
    result = Text()
    for part in parts:
        result.append_text(part if isinstance(part, Text) else Text(part))
    return result
