"""The session engine on a manual clock: protected turns, time-outs, overtime, records and snapshots."""

from __future__ import annotations

import pytest
from engine_support import PARTNERS, advance, script_from, started_session, through_json

from tui.core.clock import ManualClock
from tui.core.engine import (
    ABANDONED,
    ENDED_EARLY,
    FINISHED,
    RUNNING,
    Session,
    SnapshotMismatch,
)
from tui.core.events import (
    Abandon,
    CallTimeOut,
    Continue,
    EndTurnEarly,
    Finish,
    NoMore,
    NotQuite,
    ReflectionConfirmed,
    Resume,
    Start,
    ThereIsMore,
)
from tui.core.partners import choose_first_speaker
from tui.core.runners.turns import TurnsRunner
from tui.core.script_model import Script

TEN_MINUTES = """
[[steps]]
kind = "turns"
minutes = 10
"""
TEN_MINUTES_THEN_CLOSE = TEN_MINUTES + '\n[[steps]]\nkind = "close"\n'


def turns_runner(session: Session) -> TurnsRunner:
    """The session's current runner, which must be a turns runner."""
    assert isinstance(session.runner, TurnsRunner)
    return session.runner


def speaking_session(steps: str = TEN_MINUTES_THEN_CLOSE, **options: object) -> Session:
    """A session whose first turn has just begun (Enter pressed at 0 s)."""
    session = started_session(script_from(steps), **options)  # type: ignore[arg-type]
    assert turns_runner(session).phase == "ready"
    assert session.handle(Continue())
    assert turns_runner(session).phase == "speaking"
    return session


# -- a protected turn ----------------------------------------------------------------------------------
def test_a_ten_minute_turn_is_up_exactly_once_at_600_seconds() -> None:
    session = speaking_session()
    assert advance(session, 599.999) == ["warning"]
    assert advance(session, 0.001) == ["time_up"]
    assert turns_runner(session).countdown.remaining_seconds() == 0
    assert advance(session, 0) == []
    assert advance(session, 300) == []


def test_the_warning_comes_once_at_the_warn_seconds_mark() -> None:
    session = speaking_session()
    assert advance(session, 539) == []
    assert advance(session, 1) == ["warning"]
    assert advance(session, 30) == []
    assert advance(session, 30) == ["time_up"]


def test_a_time_out_of_90_seconds_moves_the_end_to_690_seconds() -> None:
    session = speaking_session()
    advance(session, 300)
    assert session.handle(CallTimeOut("b"))
    assert advance(session, 90) == []
    assert session.time_out_seconds() == 90
    assert session.handle(Resume())
    assert advance(session, 239.5) == []
    assert advance(session, 60) == ["warning"]  # 689.5 s: half a second left
    assert turns_runner(session).countdown.remaining_seconds() == pytest.approx(0.5)
    assert advance(session, 0.5) == ["time_up"]  # 690 s on the clock
    assert session.log.time_outs == [
        {"by": "b", "step": 0, "started_at": "2026-03-14T19:35:00+00:00", "seconds": 90.0}
    ]


def test_during_a_time_out_only_resume_or_ending_applies() -> None:
    session = speaking_session()
    advance(session, 100)
    assert session.handle(CallTimeOut("a"))
    assert not session.handle(CallTimeOut("b"))
    assert not session.handle(EndTurnEarly())
    assert not session.handle(Continue())
    assert advance(session, 1000) == []
    assert turns_runner(session).countdown.remaining_seconds() == 500
    assert session.handle(Abandon())
    assert session.status == ABANDONED
    assert session.log.time_outs[0]["seconds"] == 1000


def test_nothing_moves_to_the_next_speaker_by_itself() -> None:
    session = speaking_session()
    runner = turns_runner(session)
    advance(session, 300)
    assert not session.handle(Continue())  # Enter before the time is up is refused
    assert (runner.phase, runner.speaker) == ("speaking", "a")
    advance(session, 3600)
    assert (runner.phase, runner.speaker) == ("speaking", "a")  # an hour of overtime, still a's turn
    assert session.log.turns == []
    assert session.handle(Continue())
    assert (runner.phase, runner.speaker) == ("ready", "b")


def test_overtime_is_counted_in_the_record() -> None:
    session = speaking_session()
    advance(session, 645)
    assert session.handle(Continue())
    turn = session.log.turns[0]
    assert (turn["spoken_seconds"], turn["overtime_seconds"], turn["ended_early"]) == (645, 45, False)
    record = session.record()
    assert record["overtime_seconds"] == {"a": 45, "b": 0}
    assert record["speaking_seconds"] == {"a": 645, "b": 0}


def test_end_turn_early_closes_the_turn_and_passes_the_floor() -> None:
    session = speaking_session()
    advance(session, 120)
    assert session.handle(EndTurnEarly())
    turn = session.log.turns[0]
    assert (turn["speaker"], turn["listener"], turn["spoken_seconds"], turn["ended_early"]) == (
        "a",
        "b",
        120,
        True,
    )
    runner = turns_runner(session)
    assert (runner.phase, runner.speaker) == ("ready", "b")
    assert runner.countdown.remaining_seconds() == 600
    assert not session.handle(EndTurnEarly())  # nothing to end before the next turn starts


def test_the_session_finishes_after_both_turns_and_the_close() -> None:
    session = speaking_session()
    for _ in range(2):
        advance(session, 600)
        assert session.handle(Continue())
        if session.step_index == 0:
            assert session.handle(Continue())  # Enter starts b's turn
    assert session.step_index == 1
    assert session.handle(Continue())
    assert session.status == FINISHED
    assert [turn["speaker"] for turn in session.log.turns] == ["a", "b"]
    assert not session.handle(Continue())


# -- who starts --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("setting", "last_first", "expected"),
    [("rotate", None, "a"), ("rotate", "a", "b"), ("rotate", "b", "a"), ("a", "a", "a"), ("b", None, "b")],
)
def test_choose_first_speaker(setting: str, last_first: str | None, expected: str) -> None:
    assert choose_first_speaker(setting, last_first) == expected  # type: ignore[arg-type]


def test_rotation_alternates_the_first_speaker_from_session_to_session() -> None:
    script = script_from(TEN_MINUTES.replace("minutes = 10", "minutes = 10\nrounds = 2"))
    last_first = None
    orders = []
    for _ in range(3):
        first = choose_first_speaker("rotate", last_first)
        session = started_session(script, first_speaker=first)
        orders.append(turns_runner(session).speakers)
        last_first = first
    assert orders == [["a", "b", "a", "b"], ["b", "a", "b", "a"], ["a", "b", "a", "b"]]


def test_a_step_may_name_its_first_speaker_and_only_one_speaker() -> None:
    steps = '[[steps]]\nkind = "turns"\nminutes = 5\nfirst = "b"\nspeakers = "first"\n'
    session = started_session(script_from(steps, "unequal = true\n"), first_speaker="a")
    assert turns_runner(session).speakers == ["b"]


@pytest.mark.parametrize(("session_first", "expected"), [("a", "b"), ("b", "a")])
def test_first_other_hands_a_step_to_the_partner_who_did_not_start(session_first: str, expected: str) -> None:
    steps = '[[steps]]\nkind = "questions"\nquestions = ["What did you hear?"]\nfirst = "other"\n'
    session = started_session(script_from(steps), first_speaker=session_first)  # type: ignore[arg-type]
    assert session.runner is not None and session.runner.answerer == expected


def test_a_floor_held_for_pieces_then_passed_is_fair_without_unequal() -> None:
    one_side = (
        '[[steps]]\nkind = "turns"\nminutes = 1\nrounds = 3\nspeakers = "{who}"\nreflect = "paraphrase"\n'
    )
    script = script_from(one_side.format(who="first") + "\n" + one_side.format(who="second"))
    assert not script.unequal
    session = started_session(script, first_speaker="b")
    assert turns_runner(session).speakers == ["b", "b", "b"]


# -- reflection ----------------------------------------------------------------------------------------
def test_paraphrase_loops_on_not_quite_until_confirmed() -> None:
    session = speaking_session(TEN_MINUTES.replace("minutes = 10", 'minutes = 10\nreflect = "paraphrase"'))
    advance(session, 600)
    assert session.handle(Continue())
    runner = turns_runner(session)
    assert runner.phase == "reflect"
    assert session.handle(NotQuite())
    assert session.handle(NotQuite())
    assert runner.phase == "reflect"
    assert not session.handle(ThereIsMore())  # only for mirroring
    assert session.handle(ReflectionConfirmed())
    assert (runner.phase, runner.speaker) == ("ready", "b")
    turn = session.log.turns[0]
    assert (turn["reflection"], turn["reflection_retries"]) == ("confirmed", 2)


def test_mirroring_loops_while_there_is_more() -> None:
    session = speaking_session(TEN_MINUTES.replace("minutes = 10", 'minutes = 10\nreflect = "mirror"'))
    advance(session, 600)
    assert session.handle(Continue())
    runner = turns_runner(session)
    for _ in range(3):
        assert session.handle(ReflectionConfirmed())
        assert runner.phase == "more"
        assert session.handle(ThereIsMore())
        assert runner.phase == "going_on"  # the speaker says more before the listener mirrors again
        assert session.handle(Continue())
        assert runner.phase == "reflect"
    assert session.handle(ReflectionConfirmed())
    assert session.handle(NoMore())
    assert (runner.phase, runner.speaker) == ("ready", "b")
    assert session.log.turns[0]["more_loops"] == 3



def test_after_there_is_more_the_speaker_goes_on_before_the_listener_mirrors_again() -> None:
    session = speaking_session(TEN_MINUTES.replace("minutes = 10", 'minutes = 10\nreflect = "mirror"'))
    advance(session, 600)
    assert session.handle(Continue())
    runner = turns_runner(session)
    assert session.handle(ReflectionConfirmed())
    assert session.handle(ThereIsMore())
    assert runner.phase == "going_on"
    assert not session.handle(ReflectionConfirmed())  # nothing new has been said yet to mirror
    assert not session.handle(NotQuite())
    assert not session.handle(NoMore())
    assert runner.phase == "going_on"
    continued = restored(session)
    assert turns_runner(continued).phase == "going_on"  # a restart keeps the speaker going on
    assert session.handle(Continue())
    assert (runner.phase, runner.reflection_attempts) == ("reflect", 0)
    assert session.log.turns[0]["more_loops"] == 1
    assert session.log.turns[0]["reflection"] == "pending"  # the new piece is not confirmed yet

# -- ending and the record -------------------------------------------------------------------------------
def test_finish_keeps_the_session_as_ended_early() -> None:
    session = speaking_session()
    advance(session, 200)
    assert session.handle(Finish())
    record = session.record()
    assert record["status"] == ENDED_EARLY
    assert [step["status"] for step in record["steps"]] == ["unfinished", "not_reached"]
    assert record["duration_seconds"] == 200
    advance(session, 100)
    assert session.record()["duration_seconds"] == 200  # frozen once ended
    assert not session.handle(Continue())


def test_abandon_marks_the_session_abandoned() -> None:
    session = speaking_session()
    assert session.handle(Abandon())
    assert session.status == ABANDONED
    assert session.ended_at
    assert not session.handle(Abandon())


def test_the_record_round_trips_through_json() -> None:
    steps = TEN_MINUTES.replace("minutes = 10", 'minutes = 10\nreflect = "paraphrase"') + (
        '\n[[steps]]\nkind = "capture"\n\n[[steps]]\nkind = "close"\n'
    )
    session = speaking_session(steps)
    advance(session, 100)
    session.handle(CallTimeOut("a"))
    advance(session, 20)
    session.handle(Resume())
    advance(session, 600)
    session.handle(Continue())
    session.handle(NotQuite())
    session.handle(ReflectionConfirmed())
    running = session.record()
    assert running["status"] == RUNNING
    assert through_json(running) == running
    session.handle(Finish())
    record = session.record()
    assert through_json(record) == record
    assert record["partners"] == {"a": {"name": "Maya"}, "b": {"name": "Jonah"}}
    assert record["script_hash"] == session.script.content_hash


# -- snapshots -------------------------------------------------------------------------------------------
def restored(session: Session, monotonic_start: float = 50_000.0) -> Session:
    """The session as a restart would bring it back: snapshot, JSON, a new clock at another origin."""
    clock = ManualClock(monotonic_start=monotonic_start)
    clock_offset = session.clock.monotonic() - 1000.0  # keep the wall clock in step with the old one
    clock.advance(clock_offset)
    return Session.restore(
        through_json(session.snapshot()), session.script, clock, decks=session.context.decks
    )


def test_a_snapshot_mid_turn_continues_with_the_same_time_left() -> None:
    session = speaking_session()
    advance(session, 200)
    again = restored(session)
    runner = turns_runner(again)
    assert (again.status, runner.phase, runner.speaker) == (RUNNING, "speaking", "a")
    assert runner.countdown.remaining_seconds() == 400
    assert again.elapsed_seconds() == 200
    assert advance(again, 340) == ["warning"]
    assert advance(again, 60) == ["time_up"]
    assert advance(again, 60) == []
    assert again.handle(Continue())
    assert again.log.turns[0]["spoken_seconds"] == 660


def test_a_snapshot_during_a_time_out_continues_the_time_out() -> None:
    session = speaking_session()
    advance(session, 200)
    session.handle(CallTimeOut("b"))
    advance(session, 30)
    again = restored(session)
    assert again.time_out is not None
    assert (again.time_out.by, again.time_out_seconds()) == ("b", 30)
    assert turns_runner(again).countdown.remaining_seconds() == 400
    assert not again.handle(Continue())
    assert advance(again, 60) == []
    assert again.handle(Resume())
    assert again.log.time_outs[0]["seconds"] == 90
    assert turns_runner(again).countdown.remaining_seconds() == 400
    assert advance(again, 400) == ["time_up"]


def test_a_snapshot_in_overtime_keeps_the_overtime_and_does_not_ring_again() -> None:
    session = speaking_session()
    assert advance(session, 650) == ["time_up"]
    again = restored(session)
    runner = turns_runner(again)
    assert runner.phase == "speaking"
    assert runner.countdown.overtime_seconds() == 50
    assert advance(again, 10) == []
    assert again.handle(Continue())
    assert again.log.turns[0]["overtime_seconds"] == 60


def test_a_snapshot_during_reflection_keeps_the_retries() -> None:
    session = speaking_session(TEN_MINUTES.replace("minutes = 10", 'minutes = 10\nreflect = "paraphrase"'))
    advance(session, 600)
    session.handle(Continue())
    session.handle(NotQuite())
    again = restored(session)
    assert turns_runner(again).phase == "reflect"
    assert again.handle(ReflectionConfirmed())
    assert again.log.turns[0]["reflection_retries"] == 1
    assert turns_runner(again).speaker == "b"


def test_a_snapshot_taken_with_another_script_is_refused() -> None:
    session = speaking_session()
    snapshot = through_json(session.snapshot())
    changed = script_from(TEN_MINUTES.replace("minutes = 10", "minutes = 12"))
    assert changed.id == session.script.id
    assert changed.content_hash != session.script.content_hash
    with pytest.raises(SnapshotMismatch):
        Session.restore(snapshot, changed, ManualClock())


def test_a_session_that_has_not_started_refuses_everything_but_start() -> None:
    script: Script = script_from(TEN_MINUTES)
    session = Session(script, PARTNERS, ManualClock())
    assert not session.handle(Continue())
    assert not session.handle(CallTimeOut("a"))
    assert session.record()["status"] == "not_started"
    assert session.handle(Start())
    assert not session.handle(Start())
