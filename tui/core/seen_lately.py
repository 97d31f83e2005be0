"""How far back "seen lately" reaches for decks that do not repeat: the engine is handed the cards seen in
that window when a session is built, so it stays pure."""

from __future__ import annotations

from datetime import datetime, timedelta

from tui.core.clock import isoformat

SEEN_LATELY_DAYS = 30


def seen_lately_since(now: datetime) -> str:
    """The ISO moment the window starts: a card shown after it is not drawn again while others remain."""
    return isoformat(now - timedelta(days=SEEN_LATELY_DAYS))
