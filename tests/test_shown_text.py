"""Typed text and names are shown as typed: joined emoji stay joined, controls and overrides go."""

from __future__ import annotations

from tui.core.partners import clean_name
from tui.widgets.partner_text import safe_text

COUPLE_EMOJI = "\U0001f469\u200d\u2764\ufe0f\u200d\U0001f468"


def test_joined_emoji_stay_joined_in_names_and_text() -> None:
    assert clean_name(f"Ana {COUPLE_EMOJI}") == f"Ana {COUPLE_EMOJI}"
    assert safe_text(f"us {COUPLE_EMOJI}").plain == f"us {COUPLE_EMOJI}"


def test_escapes_and_direction_overrides_never_reach_the_screen() -> None:
    shown = safe_text("fine\x1b[31m red \u202eesrever\x07").plain
    assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown
    assert "fine" in shown and "[31m" in shown  # the rest is shown literally, not interpreted
    assert clean_name("Jo\u202e\x1bnah") == "Jonah"
