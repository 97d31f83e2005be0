"""Helpers for the engine tests: small inline scripts, a session on a manual clock, JSON trips."""

from __future__ import annotations

import json
from typing import Any

from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.events import Start
from tui.core.partners import Partners
from tui.core.script_loader import parse_script_bytes
from tui.core.script_model import Deck, DeckQuestion, Script

PARTNERS = Partners("Maya", "Jonah")
HEADER = """\
[script]
id = "inline-test"
title = "Inline test"
summary = "A script written inside a test."
method = "none"
"""
DECK = Deck(
    id="test-deck",
    title="Test deck",
    summary="",
    questions=(
        DeckQuestion("What made you laugh today?", "light"),
        DeckQuestion("What are you proud of?", "medium"),
        DeckQuestion("What do you need from me now?", "deep"),
        DeckQuestion("Which moment would you live again?", "light"),
    ),
)


def script_from(steps: str, header_extra: str = "") -> Script:
    """A validated script from TOML step tables written inline (the header is added)."""
    raw = (HEADER + header_extra + "\n" + steps).encode("utf-8")
    return parse_script_bytes(raw, "inline-test.toml", lambda deck_id: DECK if deck_id == DECK.id else None)


def started_session(script: Script, clock: ManualClock | None = None, **options: Any) -> Session:
    """A started session on a manual clock (the clock is `session.clock`)."""
    session = Session(
        script,
        PARTNERS,
        clock or ManualClock(),
        decks={DECK.id: DECK},
        seed=options.pop("seed", 7),
        **options,
    )
    assert session.handle(Start())
    return session


def through_json(data: dict[str, Any]) -> dict[str, Any]:
    """`data` after a trip through JSON text, as a crash-safe file would give it back."""
    return json.loads(json.dumps(data))


def advance(session: Session, seconds: float) -> list[str]:
    """Move the session's manual clock on and return the names of the cues then due."""
    clock = session.clock
    assert isinstance(clock, ManualClock)
    clock.advance(seconds)
    return [cue.name for cue in session.poll()]
