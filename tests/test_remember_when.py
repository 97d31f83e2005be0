"""Remember when, outside the screens: the script field and its check, the words, and a continued
session keeping what it opened with."""

from __future__ import annotations

from datetime import date

import pytest
from engine_support import PARTNERS, script_from, through_json

from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.events import Start
from tui.core.problems import ScriptError
from tui.core.remembering import LONGEST_SHOWN, remembered, remembered_heading

NOTE = '[[steps]]\nkind = "note"\ntext = "Hello"\n'
SAID = {"from": "a", "to": "b", "text": "Thank you for the soup.", "at": "2025-12-03T12:00:00+00:00",
        "started_at": "2025-12-03T11:50:00+00:00", "names": {"a": "Maya", "b": "Jonah"}}  # fmt: skip


def test_a_script_asks_for_remember_when_with_a_true_false_field() -> None:
    assert script_from(NOTE, "remember_when = true\n").remember_when is True
    assert script_from(NOTE).remember_when is False
    with pytest.raises(ScriptError) as caught:
        script_from(NOTE, 'remember_when = "yes"\n')
    assert "script.remember_when" in str(caught.value)


def test_the_words_say_when_and_who_to_whom() -> None:
    memory = remembered(SAID, date(2026, 3, 14))
    assert memory is not None
    assert remembered_heading(memory) == "Remember when, 3 December 2025, Maya said to Jonah:"
    assert memory.text == "Thank you for the soup."
    assert remembered_heading(remembered(SAID, date(2025, 12, 4))) == "Remember when, yesterday, Maya said to Jonah:"  # type: ignore[arg-type]


def test_long_words_end_in_dots_and_missing_parts_are_said_kindly() -> None:
    long = remembered({**SAID, "text": "so good " * 100, "names": {}, "at": "", "started_at": ""}, date(2026, 1, 1))
    assert long is not None and len(long.text) == LONGEST_SHOWN and long.text.endswith("...")
    assert remembered_heading(long) == "Remember when, some time ago, One of you said to the other:"
    assert remembered(None, date(2026, 1, 1)) is None
    assert remembered({**SAID, "text": " \n "}, date(2026, 1, 1)) is None


def test_a_continued_session_keeps_what_it_opened_with() -> None:
    script = script_from(NOTE, "remember_when = true\n")
    session = Session(script, PARTNERS, ManualClock(), remembered=SAID)
    assert session.handle(Start())
    restored = Session.restore(through_json(session.snapshot()), script, ManualClock())
    assert restored.remembered == SAID
