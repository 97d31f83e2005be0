"""Sorting follow-ups for the Follow-ups screen, and a decision as the store will apply it."""

from __future__ import annotations

import pytest

from tui.core.follow_ups import Mark, MarksMade, decided, shelve


def item(number: int, kind: str, status: str = "open", **more: str) -> dict[str, str]:
    """A follow-up record."""
    return {"id": f"f{number}", "kind": kind, "status": status, "created_at": f"2026-03-0{number}", **more}


def test_shelve_puts_wishes_apart_and_lists_kept_and_let_go_latest_first() -> None:
    """Open promises and requests oldest first; open wishes apart; kept ones and let-go ones latest first."""
    follow_ups = [
        item(3, "request"),
        item(1, "promise"),
        item(2, "wish"),
        item(4, "promise", "kept", status_changed_at="2026-03-05"),
        item(5, "wish", "kept", status_changed_at="2026-03-09"),
        item(6, "promise", "let_go", status_changed_at="2026-03-06"),
        item(7, "request", "let_go", status_changed_at="2026-03-08"),
    ]
    shelf = shelve(follow_ups)
    assert [entry["id"] for entry in shelf.asks] == ["f1", "f3"]
    assert [entry["id"] for entry in shelf.wishes] == ["f2"]
    assert [entry["id"] for entry in shelf.kept] == ["f5", "f4"]
    assert [entry["id"] for entry in shelf.let_go] == ["f7", "f6"]
    assert [entry["id"] for entry in shelf.open_items] == ["f1", "f3", "f2"]


@pytest.mark.parametrize(("status", "after"), [("kept", "kept"), ("let_go", "let_go"), ("not_yet", "open")])
def test_decided_applies_one_decision_without_changing_the_others(status: str, after: str) -> None:
    """The decided one changes (not yet stays open, with the look noted); the list given is not changed."""
    follow_ups = [item(1, "promise"), item(2, "wish")]
    changed = decided(follow_ups, "f1", status, "2026-03-14T19:30:00+00:00")
    assert changed[0]["status"] == after
    assert changed[0]["last_reviewed_at"] == "2026-03-14T19:30:00+00:00"
    assert changed[1] == follow_ups[1]
    assert follow_ups[0]["status"] == "open"


def test_decided_refuses_an_unknown_decision() -> None:
    """Only kept, not yet and let go are decisions."""
    with pytest.raises(ValueError, match="not a decision"):
        decided([item(1, "promise")], "f1", "open", "2026-03-14")


def test_marks_made_give_the_last_one_that_still_stands_and_drop_the_newer_changed_ones() -> None:
    """A mark stands while its follow-up is as it left it (not yet: still open); newer marks whose follow-up
    was answered again since are dropped, newest first, and the one before is the one to undo."""
    first, second, third = Mark("f1", "kept", {}), Mark("f2", "not_yet", {}), Mark("f3", "let_go", {})
    marks = MarksMade([first, second, third])
    now = [item(1, "promise", "kept"), item(2, "promise", "kept"), item(3, "request", "open")]
    last, dropped = marks.undoable(now)
    assert last is first and dropped == [third, second]
    assert marks.marks == [first]
    assert marks.undoable([item(1, "promise", "kept")]) == (first, [])
    assert marks.undoable([]) == (None, [first])  # the follow-up is gone (its history forgotten)
