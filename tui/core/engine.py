"""The session engine: a state machine over a script's steps, driven by events and a clock."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tui.core.clock import Clock, isoformat
from tui.core.events import Abandon, CallTimeOut, CancelTimeOut, Event, Finish, RequestTimeOut, Resume, Start
from tui.core.partners import Partners
from tui.core.runners import RUNNERS, RunContext, StepRunner
from tui.core.runners.conversation import MAX_TYPED_LENGTH
from tui.core.script_model import Deck, PartnerId, Script
from tui.core.session_log import SessionLog
from tui.core.session_record import session_record, words_left_typing
from tui.core.session_status import ABANDONED, ENDED, ENDED_EARLY, FINISHED, NOT_STARTED, RUNNING, SWITCHED
from tui.core.timer import TimerCue

SNAPSHOT_FORMAT = 1


class SnapshotMismatch(Exception):
    """A snapshot was taken with a different script than the one offered to restore it."""


@dataclass
class TimeOut:
    """A time-out in progress: who called it (None while they are being asked) and when it began."""

    by: PartnerId | None
    started_monotonic: float
    started_at: str
    step: int


class Session:
    """One sitting of one script by two partners; produces a JSON-ready record."""

    def __init__(
        self,
        script: Script,
        partners: Partners,
        clock: Clock,
        *,
        first_speaker: PartnerId = "a",
        decks: dict[str, Deck] | None = None,
        open_follow_ups: list[dict[str, Any]] | None = None,
        gentler_script_id: str | None = None,
        prefilled_checkins: dict[str, int] | None = None,
        session_id: str | None = None,
        seed: int | None = None,
        program_id: str = "",
        recent_questions: Iterable[str] = (),
        favourite_questions: Iterable[str] = (),
        remembered: dict[str, Any] | None = None,
        opt_in_decks: bool = False,
    ) -> None:
        self.script = script
        self.program_id = program_id
        self.partners = partners
        self.clock = clock
        self.id = session_id or str(uuid.uuid4())
        self.status = NOT_STARTED
        self.step_index = 0
        self.started_at = ""
        self.ended_at = ""
        self.switched_to = ""
        self.remembered = dict(remembered) if remembered else None  # a past appreciation shown at the start
        self.draft = ""  # words typed for this step but not yet handed in: kept so a crash loses none
        self.draft_by: PartnerId | None = None  # whose words the draft is
        self.time_out: TimeOut | None = None
        self._started_monotonic = 0.0
        self._ended_elapsed: float | None = None
        self._step_outcomes: list[dict[str, Any]] = []
        self._cues: list[TimerCue] = []
        self.context = RunContext(
            clock=clock,
            log=SessionLog(),
            partners=partners,
            session_first=first_speaker,
            session_id=self.id,
            script_id=script.id,
            seed=seed if seed is not None else uuid.UUID(self.id).int % (2**31),
            decks=dict(decks or {}),
            open_follow_ups=list(open_follow_ups or []),
            gentler_script_id=script.gentler if gentler_script_id is None else gentler_script_id,
            prefilled_checkins=dict(prefilled_checkins or {}),
            recent_questions=frozenset(recent_questions),
            favourite_questions=tuple(dict.fromkeys(favourite_questions)),
            opt_in_decks=opt_in_decks,
        )
        self.runner: StepRunner | None = None

    # -- reading state ---------------------------------------------------------------------------
    @property
    def first_speaker(self) -> PartnerId:
        """Who starts rotating steps in this session."""
        return self.context.session_first

    @property
    def log(self) -> SessionLog:
        """What the session has produced so far."""
        return self.context.log

    @property
    def is_running(self) -> bool:
        """Whether the session has started and not ended."""
        return self.status == RUNNING

    @property
    def is_over(self) -> bool:
        """Whether the session has ended in any way."""
        return self.status in ENDED

    def elapsed_seconds(self) -> float:
        """Seconds since the start (time together), frozen once the session ends."""
        if self._ended_elapsed is not None:
            return self._ended_elapsed
        if self.status == NOT_STARTED:
            return 0.0
        return max(0.0, self.clock.monotonic() - self._started_monotonic)

    def time_out_seconds(self) -> float:
        """How long the current time-out has lasted."""
        if self.time_out is None:
            return 0.0
        return max(0.0, self.clock.monotonic() - self.time_out.started_monotonic)

    def speaking_seconds(self) -> dict[str, float]:
        """Actual speaking seconds per partner (time-outs excluded, overtime included)."""
        totals = {"a": 0.0, "b": 0.0}
        for turn in self.log.turns:
            totals[turn["speaker"]] += turn["spoken_seconds"]
        return totals

    def overtime_seconds(self) -> dict[str, float]:
        """Seconds spoken past the end of turns, per partner."""
        totals = {"a": 0.0, "b": 0.0}
        for turn in self.log.turns:
            totals[turn["speaker"]] += turn["overtime_seconds"]
        return totals

    # -- events ----------------------------------------------------------------------------------
    def allows(self, event: Event) -> bool:
        """Whether `event` would be accepted now; asking changes nothing. Views derive their keys from it."""
        if isinstance(event, Start):
            return self.status == NOT_STARTED and bool(self.script.steps)
        if self.status != RUNNING or self.runner is None:
            return False
        if isinstance(event, Abandon | Finish):
            return True
        time_out = self.time_out
        if isinstance(event, RequestTimeOut):
            return time_out is None
        if isinstance(event, CallTimeOut):
            return event.by in ("a", "b") and (time_out is None or time_out.by is None)
        if isinstance(event, CancelTimeOut):
            return time_out is not None and time_out.by is None
        if isinstance(event, Resume):
            return time_out is not None and time_out.by is not None
        if time_out is not None:
            return False  # during a time-out only naming its caller, resuming (or ending) applies
        return self.runner.accepts(event)

    def handle(self, event: Event) -> bool:
        """Apply one event; return False, changing nothing, when it does not apply now."""
        if not self.allows(event):
            return False
        if isinstance(event, Start):
            self._start()
        elif isinstance(event, Abandon):
            self._end(ABANDONED)
        elif isinstance(event, Finish):
            self._end(ENDED_EARLY)
        elif isinstance(event, RequestTimeOut):
            self._begin_time_out(None)
        elif isinstance(event, CallTimeOut):
            self._call_time_out(event.by)
        elif isinstance(event, CancelTimeOut):
            self._cancel_time_out()
        elif isinstance(event, Resume):
            self._close_time_out()
        else:
            assert self.runner is not None
            self.runner.apply(event)
            self.draft, self.draft_by = "", None  # whatever was typed has been handed in, or the step moved on
            self._advance()
        return True

    def set_draft(self, text: str, by: PartnerId | None = None) -> None:
        """Keep what the current author is typing, so a checkpoint can carry it; another's field is ignored."""
        if self.runner is not None and self.runner.written_by_author(by):
            self.draft = text[:MAX_TYPED_LENGTH]
            self.draft_by = self.runner.author

    def poll(self) -> list[TimerCue]:
        """Cues due now (the warning, time up); each is reported exactly once."""
        if self.runner is not None and self.status == RUNNING and self.time_out is None:
            self._cues.extend(self.runner.poll())
        cues, self._cues = self._cues, []
        return cues

    def _start(self) -> None:
        self.status = RUNNING
        self._started_monotonic = self.clock.monotonic()
        self.started_at = isoformat(self.clock.now())
        self._begin_step(0)

    def _begin_step(self, index: int) -> None:
        self.step_index = index
        step = self.script.steps[index]
        self.runner = RUNNERS[step.kind](step, index, self.context)
        self.runner.start()
        self._advance()

    def _advance(self) -> None:
        runner = self.runner
        if runner is None or not runner.done:
            return
        self._step_outcomes.append(self._outcome_of(runner, "done"))
        if runner.switch_requested:
            self.switched_to = self.context.gentler_script_id
            self._end(SWITCHED, runner_recorded=True)
            return
        if self.step_index + 1 >= len(self.script.steps):
            self._end(FINISHED, runner_recorded=True)
            return
        self._begin_step(self.step_index + 1)

    def _outcome_of(self, runner: StepRunner, status: str) -> dict[str, Any]:
        return {
            "index": runner.index,
            "kind": runner.step.kind,
            "title": runner.step.title,
            "status": status,
            **runner.outcome(),
        }

    def _begin_time_out(self, by: PartnerId | None) -> None:
        timer = self.runner.countdown if self.runner else None
        if timer is not None:
            timer.pause()  # a clock that is not running (not started, or stopped) is left alone
        self.time_out = TimeOut(by, self.clock.monotonic(), isoformat(self.clock.now()), self.step_index)

    def _call_time_out(self, by: PartnerId) -> None:
        if self.time_out is None:
            self._begin_time_out(by)
        else:
            self.time_out.by = by  # the clock has been stopped since the time-out was requested

    def _cancel_time_out(self) -> None:
        timer = self.runner.countdown if self.runner else None
        if timer is not None:
            timer.resume()  # the pause is not counted: the turn has exactly the time it had
        self.time_out = None

    def _close_time_out(self) -> None:
        if self.time_out is None:
            return
        if self.time_out.by is None:  # ended while the caller was being asked: nobody called one
            self._cancel_time_out()
            return
        timer = self.runner.countdown if self.runner else None
        if timer is not None:
            timer.resume()
        self.log.time_outs.append(
            {
                "by": self.time_out.by,
                "step": self.time_out.step,
                "started_at": self.time_out.started_at,
                "seconds": round(self.time_out_seconds(), 3),
            }
        )
        self.time_out = None

    def _end(self, status: str, runner_recorded: bool = False) -> None:
        self._close_time_out()
        if self.runner is not None and not runner_recorded:
            self.runner.interrupt()
            timer = self.runner.countdown
            if timer is not None:
                timer.stop()
            self._step_outcomes.append(self._outcome_of(self.runner, "unfinished"))
        self._ended_elapsed = self.elapsed_seconds()
        self.status = status
        self.ended_at = isoformat(self.clock.now())

    # -- the record ------------------------------------------------------------------------------
    def record(self) -> dict[str, Any]:
        """The plain, JSON-serialisable session record (also for a session still running)."""
        steps = list(self._step_outcomes)
        if self.status == RUNNING and self.runner is not None:
            steps.append(self._outcome_of(self.runner, "in_progress"))
        reached = {step["index"] for step in steps}
        for index, step in enumerate(self.script.steps):
            if index not in reached:
                steps.append(
                    {"index": index, "kind": step.kind, "title": step.title, "status": "not_reached"}
                )
        steps.sort(key=lambda entry: entry["index"])
        return session_record(
            session_id=self.id,
            script_id=self.script.id,
            script_title=self.script.title,
            script_hash=self.script.content_hash,
            method=self.script.method,
            partners=self.partners.to_dict(),
            first_speaker=self.first_speaker,
            status=self.status,
            started_at=self.started_at,
            ended_at=self.ended_at,
            duration_seconds=self.elapsed_seconds(),
            switched_to=self.switched_to,
            program_id=self.program_id,
            steps=steps,
            log=self.log.to_dict(),
            draft=words_left_typing(self.draft, self.step_index, self.draft_by),
        )

    # -- snapshots -------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """Everything needed to continue exactly here after a crash, JSON-ready."""
        time_out = None
        if self.time_out is not None:
            time_out = {
                "by": self.time_out.by,
                "started_at": self.time_out.started_at,
                "step": self.time_out.step,
                "seconds": self.time_out_seconds(),
            }
        return {
            "format": SNAPSHOT_FORMAT,
            "id": self.id,
            "script_id": self.script.id,
            "script_hash": self.script.content_hash,
            "script_title": self.script.title,
            "script_path": self.script.source_path,  # where to load it from when it is not in the library
            "method": self.script.method,
            "partners": self.partners.to_dict(),
            "first_speaker": self.first_speaker,
            "seed": self.context.seed,
            "program_id": self.program_id,
            "gentler_script_id": self.context.gentler_script_id,
            "open_follow_ups": self.context.open_follow_ups,
            "prefilled_checkins": self.context.prefilled_checkins,
            "recent_questions": sorted(self.context.recent_questions),
            "favourite_questions": list(self.context.favourite_questions),
            "opt_in_decks": self.context.opt_in_decks,
            "remembered": self.remembered,
            "status": self.status,
            "started_at": self.started_at,
            "elapsed_seconds": self.elapsed_seconds(),
            "step_index": self.step_index,
            "step_outcomes": list(self._step_outcomes),
            "runner": self.runner.snapshot() if self.runner is not None else None,
            "time_out": time_out,
            "draft": self.draft,
            "draft_by": self.draft_by,
            "log": self.log.to_dict(),
            "saved_at": isoformat(self.clock.now()),
        }

    @classmethod
    def restore(
        cls,
        data: dict[str, Any],
        script: Script,
        clock: Clock,
        decks: dict[str, Deck] | None = None,
        *,
        opt_in_decks: bool | None = None,
    ) -> Session:
        """Continue a session from `snapshot()`; raises `SnapshotMismatch` if the script changed.
        `opt_in_decks` is the couple's setting now (None keeps the one the session was saved with)."""
        if data.get("script_id") != script.id or data.get("script_hash") != script.content_hash:
            raise SnapshotMismatch(
                f'the script "{data.get("script_id")}" has changed since this session was saved'
            )
        session = cls(
            script,
            Partners.from_dict(data["partners"]),
            clock,
            first_speaker=data["first_speaker"],
            decks=decks,
            open_follow_ups=data.get("open_follow_ups", []),
            gentler_script_id=data.get("gentler_script_id", ""),
            prefilled_checkins=data.get("prefilled_checkins"),
            session_id=data["id"],
            seed=int(data["seed"]),
            program_id=str(data.get("program_id", "")),
            recent_questions=[str(text) for text in data.get("recent_questions") or ()],
            favourite_questions=[str(text) for text in data.get("favourite_questions") or ()],
            remembered=data.get("remembered") if isinstance(data.get("remembered"), dict) else None,
            opt_in_decks=data.get("opt_in_decks") is True if opt_in_decks is None else opt_in_decks,
        )
        session.context.log = SessionLog.from_dict(data.get("log", {}))
        session.draft = str(data.get("draft", ""))[:MAX_TYPED_LENGTH]
        session.draft_by = data.get("draft_by") if data.get("draft_by") in ("a", "b") else None
        session.status = data["status"]
        session.started_at = data.get("started_at", "")
        session._started_monotonic = clock.monotonic() - float(data.get("elapsed_seconds", 0.0))
        session.step_index = int(data.get("step_index", 0))
        session._step_outcomes = [dict(entry) for entry in data.get("step_outcomes", [])]
        runner_data = data.get("runner")
        if runner_data is not None and session.status == RUNNING:
            step = script.steps[session.step_index]
            session.runner = RUNNERS[step.kind](step, session.step_index, session.context)
            session.runner.restore(runner_data)
        time_out = data.get("time_out")
        if time_out is not None and session.status == RUNNING:
            session.time_out = TimeOut(
                by=time_out["by"],
                started_monotonic=clock.monotonic() - float(time_out.get("seconds", 0.0)),
                started_at=time_out["started_at"],
                step=int(time_out["step"]),
            )
        return session
