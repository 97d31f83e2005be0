"""Steps where partners write: private reveals, follow-ups to carry forward, and reviewing them."""

from __future__ import annotations

import uuid
from typing import Any

from tui.core.events import Answer, CaptureFollowUp, Continue, Event, ReviewDecision, SkipCapture, UndoReview
from tui.core.runners.base import DONE, StepRunner
from tui.core.runners.conversation import typed
from tui.core.script_model import CaptureStep, PartnerId, RevealStep, ReviewStep

WRITING = "writing"
HANDOVER = "handover"
REVEALED = "revealed"
CAPTURING = "capturing"
REVIEWING = "reviewing"
REVIEWED = "reviewed"  # every one answered: Enter moves on, and the last answer can still be undone
NOTHING_TO_REVIEW = "empty"
REVIEW_STATUSES = ("kept", "not_yet", "let_go")
OWNERS = ("a", "b", "both")


class RevealRunner(StepRunner, kind="reveal"):
    """A writes while B looks away, a hand-over, B writes, then both answers show together."""

    step: RevealStep

    def start(self) -> None:
        """The first partner writes."""
        self.answers: dict[str, str] = {}
        self.phase = WRITING

    @property
    def writer(self) -> PartnerId:
        """Who writes now (or, at the hand-over, who writes next)."""
        for partner in self.order():
            if partner not in self.answers:
                return partner
        return self.order()[-1]

    @property
    def author(self) -> PartnerId | None:
        """The writer, while they write (at the hand-over and after the reveal, nobody)."""
        return self.writer if self.phase == WRITING else None

    def accepts(self, event: Event) -> bool:
        """The writer's answer while writing; Enter at the hand-over and after the reveal."""
        if self.phase == WRITING:
            return isinstance(event, Answer) and self.written_by_author(event.by)
        return self.phase in (HANDOVER, REVEALED) and isinstance(event, Continue)

    def apply(self, event: Event) -> None:
        """Answers are taken in order; the reveal happens only after both are written."""
        if isinstance(event, Answer):
            self.answers[self.writer] = typed(event.text)
            self.phase = HANDOVER if len(self.answers) == 1 else REVEALED
            if self.phase == REVEALED:
                self.context.log.reveals.append(
                    {"step": self.index, "prompt": self.step.prompt, "answers": dict(self.answers)}
                )
        else:
            self.phase = WRITING if self.phase == HANDOVER else DONE

    def snapshot(self) -> dict[str, Any]:
        """Phase and what has been written (kept privately until the reveal)."""
        return {"phase": self.phase, "answers": dict(self.answers)}

    def restore(self, data: dict[str, Any]) -> None:
        """Continue with what was already written."""
        super().restore(data)
        self.answers = dict(data.get("answers", {}))


class CaptureRunner(StepRunner, kind="capture"):
    """Each partner (or just one, when `each` is false) may write a promise, request or wish."""

    step: CaptureStep

    def start(self) -> None:
        """The first partner captures."""
        self.position = 0
        self.phase = CAPTURING

    @property
    def capturers(self) -> list[PartnerId]:
        """Who is asked, in order."""
        order = list(self.order())
        return order if self.step.each else order[:1]

    @property
    def capturer(self) -> PartnerId:
        """Who is asked now."""
        return self.capturers[min(self.position, len(self.capturers) - 1)]

    @property
    def author(self) -> PartnerId | None:
        """The capturer, while follow-ups are being asked for."""
        return self.capturer if self.phase == CAPTURING else None

    def accepts(self, event: Event) -> bool:
        """A follow-up needs a kind this step asks for, some words, its writer's turn and an owner;
        skipping is always fine."""
        if self.phase != CAPTURING:
            return False
        if isinstance(event, CaptureFollowUp):
            if not self.written_by_author(event.by):
                return False
            owner = event.owner or self.capturer
            return event.kind in self.step.kinds and bool(typed(event.text)) and owner in OWNERS
        return isinstance(event, SkipCapture)

    def apply(self, event: Event) -> None:
        """Keep the follow-up (or nothing), then ask the next partner."""
        if isinstance(event, CaptureFollowUp):
            self.context.log.follow_ups.append(
                {
                    "id": str(uuid.uuid4()),
                    "kind": event.kind,
                    "owner": event.owner or self.capturer,
                    "written_by": self.capturer,
                    "text": typed(event.text),
                    "created_at": self.context.now_iso(),
                    "status": "open",
                    "session_id": self.context.session_id,
                    "script_id": self.context.script_id,
                    "step": self.index,
                }
            )
        self._next()

    def _next(self) -> None:
        self.position += 1
        if self.position >= len(self.capturers):
            self.phase = DONE

    def outcome(self) -> dict[str, Any]:
        """How many follow-ups this step made."""
        made = [entry for entry in self.context.log.follow_ups if entry["step"] == self.index]
        return {"follow_ups": len(made)}

    def snapshot(self) -> dict[str, Any]:
        """Phase and position."""
        return {"phase": self.phase, "position": self.position}

    def restore(self, data: dict[str, Any]) -> None:
        """Continue with the next partner."""
        super().restore(data)
        self.position = int(data.get("position", 0))


class ReviewRunner(StepRunner, kind="review"):
    """Goes through the open follow-ups from earlier sessions one at a time."""

    step: ReviewStep

    def start(self) -> None:
        """Take the open follow-ups of the kinds this step reviews."""
        self.items = [
            dict(item)
            for item in self.context.open_follow_ups
            if item.get("status", "open") == "open" and item.get("kind") in self.step.kinds
        ]
        self.position = 0
        self.phase = REVIEWING if self.items else NOTHING_TO_REVIEW

    @property
    def item(self) -> dict[str, Any] | None:
        """The follow-up being looked at now."""
        if self.phase != REVIEWING:
            return None
        return self.items[self.position]

    def accepts(self, event: Event) -> bool:
        """A known decision per follow-up; undoing the last one while on this step; Enter once all are
        answered (or when there is nothing to review)."""
        if isinstance(event, UndoReview):
            return self.phase in (REVIEWING, REVIEWED) and self.position > 0
        if self.phase == REVIEWING:
            return isinstance(event, ReviewDecision) and event.status in REVIEW_STATUSES
        return self.phase in (REVIEWED, NOTHING_TO_REVIEW) and isinstance(event, Continue)

    def apply(self, event: Event) -> None:
        """Keep the decision and look at the next follow-up; undo takes the last one back; Enter moves on."""
        if isinstance(event, ReviewDecision):
            current = self.items[self.position]
            self.context.log.reviews.append(
                {
                    "step": self.index,
                    "follow_up_id": current.get("id"),
                    "text": current.get("text", ""),
                    "status": event.status,
                    "at": self.context.now_iso(),
                }
            )
            self.position += 1
            if self.position >= len(self.items):
                self.phase = REVIEWED
        elif isinstance(event, UndoReview):
            reviews = self.context.log.reviews
            mine = [number for number, entry in enumerate(reviews) if entry.get("step") == self.index]
            if mine:
                del reviews[mine[-1]]
            self.position -= 1
            self.phase = REVIEWING
        else:
            self.phase = DONE

    @property
    def last_decision(self) -> dict[str, Any] | None:
        """The last decision made in this step (what u would undo), or None."""
        if self.position == 0:
            return None
        return next((entry for entry in reversed(self.context.log.reviews) if entry.get("step") == self.index), None)

    def outcome(self) -> dict[str, Any]:
        """How many follow-ups were looked at."""
        return {"reviewed": self.position, "open": len(self.items)}

    def snapshot(self) -> dict[str, Any]:
        """Phase, the items and position."""
        return {"phase": self.phase, "items": list(self.items), "position": self.position}

    def restore(self, data: dict[str, Any]) -> None:
        """Continue with the same follow-up."""
        super().restore(data)
        self.items = [dict(item) for item in data.get("items", [])]
        self.position = int(data.get("position", 0))
