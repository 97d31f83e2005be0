"""Follow-ups sorted for looking at them together: open promises and requests, wishes apart, and what was
kept (something to be glad of). Pure: the store gives the records, the screen shows these groups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ASKS = ("promise", "request")  # what one partner does for the other: kept, not yet, or let go
WISHES = ("wish",)  # hopes and dreams for both: revisited, no hurry
DECISIONS = ("kept", "not_yet", "let_go")


@dataclass(frozen=True)
class FollowUpShelf:
    """Open promises and requests (oldest first), open wishes (oldest first), kept ones (latest kept first)."""

    asks: list[dict[str, Any]] = field(default_factory=list)
    wishes: list[dict[str, Any]] = field(default_factory=list)
    kept: list[dict[str, Any]] = field(default_factory=list)

    @property
    def open_items(self) -> list[dict[str, Any]]:
        """Every open follow-up in the order the screen lists them."""
        return [*self.asks, *self.wishes]


def shelve(follow_ups: list[dict[str, Any]]) -> FollowUpShelf:
    """Sort the store's follow-ups into the screen's groups; let-go ones are not listed again."""
    opened = sorted((item for item in follow_ups if item.get("status", "open") == "open"), key=_made_at)
    kept = sorted(
        (item for item in follow_ups if item.get("status") == "kept"),
        key=lambda item: str(item.get("status_changed_at") or item.get("created_at") or ""),
        reverse=True,
    )
    return FollowUpShelf(
        asks=[item for item in opened if item.get("kind") not in WISHES],
        wishes=[item for item in opened if item.get("kind") in WISHES],
        kept=kept,
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
