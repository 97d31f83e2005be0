"""Remember when: one past appreciation put in words, with its date and who said it to whom."""

from __future__ import annotations

from datetime import date
from typing import Any

from tui.core.frozen import frozen
from tui.core.wording import date_in_words, local_date

LONGEST_SHOWN = 240  # characters of the appreciation shown; a very long one ends in "..."


@frozen
class Remembered:
    """A past appreciation as shown: the words, the names of who said it and to whom, and when."""

    text: str
    giver: str
    receiver: str
    when: str  # "last Tuesday", "3 December 2025"


def remembered(appreciation: dict[str, Any] | None, today: date) -> Remembered | None:
    """The words for one appreciation from the store (`a_past_appreciation`), or None without one."""
    if not appreciation:
        return None
    text = " ".join(str(appreciation.get("text") or "").split())
    if not text:
        return None
    if len(text) > LONGEST_SHOWN:
        text = text[: LONGEST_SHOWN - 3].rstrip() + "..."
    names = appreciation.get("names") or {}
    giver_id, receiver_id = appreciation.get("from"), appreciation.get("to")
    giver = str(names.get(giver_id) or "One of you") if giver_id in ("a", "b") else "One of you"
    receiver = str(names.get(receiver_id) or "the other") if receiver_id in ("a", "b") else "the other"
    day = local_date(str(appreciation.get("at") or "")) or local_date(str(appreciation.get("started_at") or ""))
    when = date_in_words(day, today) if day is not None else "some time ago"
    return Remembered(text=text, giver=giver, receiver=receiver, when=when)


def remembered_heading(memory: Remembered) -> str:
    """ "Remember when, last Tuesday, Maya said to Jonah:" """
    return f"Remember when, {memory.when}, {memory.giver} said to {memory.receiver}:"
