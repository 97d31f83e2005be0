"""Follow-ups sorted for looking at them together: open promises and requests, wishes apart, what was
kept (something to be glad of) and what was let go. Pure: the store gives the records, the screen shows
these groups."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tui.core.frozen import frozen

ASKS = ("promise", "request")  # what one partner does for the other: kept, not yet, or let go
WISHES = ("wish",)  # hopes and dreams for both: revisited, no hurry
DECISIONS = ("kept", "not_yet", "let_go")


@frozen
class FollowUpShelf:
    """Open promises and requests (oldest first), open wishes (oldest first), kept ones and let-go ones
    (each latest first)."""

    asks: list[dict[str, Any]] = field(default_factory=list)
    wishes: list[dict[str, Any]] = field(default_factory=list)
    kept: list[dict[str, Any]] = field(default_factory=list)
    let_go: list[dict[str, Any]] = field(default_factory=list)

    @property
    def open_items(self) -> list[dict[str, Any]]:
        """Every open follow-up in the order the screen lists them."""
        return [*self.asks, *self.wishes]


def shelve(follow_ups: list[dict[str, Any]]) -> FollowUpShelf:
    """Sort the store's follow-ups into the screen's groups."""
    opened = sorted((item for item in follow_ups if item.get("status", "open") == "open"), key=_made_at)
    return FollowUpShelf(
        asks=[item for item in opened if item.get("kind") not in WISHES],
        wishes=[item for item in opened if item.get("kind") in WISHES],
        kept=_closed(follow_ups, "kept"),
        let_go=_closed(follow_ups, "let_go"),
    )


def _closed(follow_ups: list[dict[str, Any]], status: str) -> list[dict[str, Any]]:
    """The follow-ups with `status`, the latest so marked first."""
    return sorted(
        (item for item in follow_ups if item.get("status") == status),
        key=lambda item: str(item.get("status_changed_at") or item.get("created_at") or ""),
        reverse=True,
    )


def decided(follow_ups: list[dict[str, Any]], follow_up_id: str, status: str, at: str) -> list[dict[str, Any]]:
    """The follow-ups as they will be once `status` is written for `follow_up_id` (the store's own rule:
    not yet keeps it open and notes the look; kept and let go close it)."""
    if status not in DECISIONS:
        raise ValueError(f"{status!r} is not a decision ({', '.join(DECISIONS)})")
    changed = []
    for item in follow_ups:
        if item.get("id") == follow_up_id:
            item = dict(item, last_reviewed_at=at)
            if status != "not_yet":
                item.update(status=status, status_changed_at=at)
        changed.append(item)
    return changed


def _made_at(item: dict[str, Any]) -> str:
    return str(item.get("created_at") or "")


@frozen
class Mark:
    """One answer given on the Follow-ups screen, with the follow-up as it was before, so it can be undone."""

    follow_up_id: str
    status: str
    before: dict[str, Any]

    def still_stands(self, follow_ups: list[dict[str, Any]]) -> bool:
        """Whether the follow-up is still as this answer left it (not answered again since, in a session)."""
        now = next((item for item in follow_ups if item.get("id") == self.follow_up_id), None)
        expected = "open" if self.status == "not_yet" else self.status
        return now is not None and now.get("status", "open") == expected


@dataclass
class MarksMade:
    """The answers given on the Follow-ups screen in this run of the app, newest last: leaving the screen
    and coming back keeps them, so u still undoes the last one. `changes` counts the writes asked for (a
    read asked for before the last one is stale); `deliver` hands fresh reads to the screen showing now."""

    marks: list[Mark] = field(default_factory=list)
    changes: int = 0
    deliver: Callable[[Any], object] | None = None

    def undoable(self, follow_ups: list[dict[str, Any]]) -> tuple[Mark | None, list[Mark]]:
        """The last mark that can still be undone, and the newer ones dropped because their follow-up was
        answered again since (newest first); the dropped ones are forgotten."""
        dropped: list[Mark] = []
        while self.marks and not self.marks[-1].still_stands(follow_ups):
            dropped.append(self.marks.pop())
        return (self.marks[-1] if self.marks else None), dropped
