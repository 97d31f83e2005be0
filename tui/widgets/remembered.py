"""Remember when, drawn: the heading in italics, then the appreciation's own words, literally."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text

from tui.core.remembering import remembered, remembered_heading
from tui.widgets.partner_text import safe_text, sentence


def remembered_text(appreciation: dict[str, Any] | None, today: date) -> Text:
    """ "Remember when, last Tuesday, Maya said to Jonah:" and the words in quotes; empty without one."""
    memory = remembered(appreciation, today)
    if memory is None:
        return Text("")
    return sentence(Text(remembered_heading(memory), style="italic"), "\n", safe_text(f'"{memory.text}"'))
