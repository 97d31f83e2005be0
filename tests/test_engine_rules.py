"""The engine alone decides what is allowed (`Session.allows`), and a time-out stops the clock at once."""

from __future__ import annotations

from engine_support import PARTNERS, advance, script_from, started_session, through_json

from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.events import (
    Abandon,
    Answer,
    CallTimeOut,
    CancelTimeOut,
    CaptureFollowUp,
    ChooseGentler,
    Continue,
    EndTurnEarly,
    Event,
    Finish,
    GiveAppreciation,
    NoMore,
    NotQuite,
    Rate,
    ReflectionConfirmed,
    RequestTimeOut,
    Resume,
    ReviewDecision,
    SkipCapture,
    SkipQuestion,
    Start,
    ThereIsMore,
    ToggleFavourite,
)
from tui.core.library import load_library

EVERY_KIND_OF_EVENT: list[Event] = [
    Start(),
    Continue(),
    RequestTimeOut(),
    CallTimeOut("a"),
    CancelTimeOut(),
    Resume(),
    EndTurnEarly(),
    Rate(4),
    Rate(9),
    ChooseGentler(),
    GiveAppreciation("thanks"),
    Answer("words"),
    SkipQuestion(),
    ToggleFavourite(),
    ReflectionConfirmed(),
    NotQuite(),
    ThereIsMore(),
    NoMore(),
    CaptureFollowUp("promise", "a walk"),
    CaptureFollowUp("promise", "   "),
    CaptureFollowUp("wish", "a trip", owner="nobody"),
    SkipCapture(),
    ReviewDecision("kept"),
    ReviewDecision("forgotten"),
    Finish(),
    Abandon(),
]
TEN_MINUTES = '[[steps]]\nkind = "turns"\nminutes = 10\n\n[[steps]]\nkind = "close"\n'


def copy_of(session: Session) -> Session:
    """An independent session in the same state (through a snapshot, as a restart would make it)."""
    clock = ManualClock()
    clock.advance(session.clock.monotonic() - clock.monotonic())
    return Session.restore(through_json(session.snapshot()), session.script, clock, session.context.decks)


def first_accepted(session: Session) -> Event:
    """The first event of the list that moves the session along (not a time-out, not ending it)."""
    for event in EVERY_KIND_OF_EVENT:
        if isinstance(event, RequestTimeOut | CallTimeOut | Finish | Abandon | ToggleFavourite | NotQuite):
            continue
        if isinstance(event, ThereIsMore):
            continue
        if session.allows(event):
            return event
    raise AssertionError(f"nothing moves the session on at {session.runner.step.kind}/{session.runner.phase}")


def test_allows_answers_exactly_what_handle_would_do_through_every_builtin_script() -> None:
    library = load_library(user_dir=None)
    earlier = {"id": "earlier", "kind": "promise", "owner": "a", "text": "tea", "status": "open"}
    for script in [entry.script for entry in library.scripts()]:
        session = Session(script, PARTNERS, ManualClock(), decks=library.decks, open_follow_ups=[earlier], seed=3)
        assert session.handle(Start())
        for _ in range(400):
            if session.is_over:
                break
            for event in EVERY_KIND_OF_EVENT:
                assert session.allows(event) == copy_of(session).handle(event), (script.id, event)
            runner = session.runner
            if runner.countdown is not None and runner.countdown.in_progress:
                advance(session, runner.countdown.remaining_seconds())
            assert session.handle(first_accepted(session))
        assert session.is_over, script.id


def test_ending_a_turn_early_is_refused_once_its_time_is_up() -> None:
    session = started_session(script_from(TEN_MINUTES))
    assert session.handle(Continue())
    advance(session, 300)
    assert session.allows(EndTurnEarly())
    advance(session, 300)
    assert not session.allows(EndTurnEarly())
    assert not session.handle(EndTurnEarly())  # time is up: the turn is continued with Enter
    assert session.handle(Continue())
    assert session.log.turns[0]["ended_early"] is False


def test_a_requested_time_out_stops_the_clock_before_anyone_is_named() -> None:
    session = started_session(script_from(TEN_MINUTES))
    assert session.handle(Continue())
    advance(session, 100)
    assert session.handle(RequestTimeOut())
    advance(session, 30)
    assert session.runner.countdown.remaining_seconds() == 500
    assert not session.allows(Resume())  # the caller is named first (or the request cancelled)
    assert not session.allows(Continue())
    assert session.handle(CallTimeOut("b"))
    assert not session.allows(CallTimeOut("a"))
    advance(session, 60)
    assert session.handle(Resume())
    assert session.runner.countdown.remaining_seconds() == 500
    assert session.log.time_outs[0]["by"] == "b"
    assert session.log.time_outs[0]["seconds"] == 90


def test_a_cancelled_time_out_gives_the_time_back_and_is_not_recorded() -> None:
    session = started_session(script_from(TEN_MINUTES))
    assert session.handle(Continue())
    advance(session, 100)
    assert session.handle(RequestTimeOut())
    advance(session, 45)
    assert session.handle(CancelTimeOut())
    assert session.time_out is None
    assert session.runner.countdown.remaining_seconds() == 500
    advance(session, 10)
    assert session.runner.countdown.remaining_seconds() == 490
    assert session.log.time_outs == []
    assert not session.allows(CancelTimeOut())


def test_a_checkpoint_taken_while_the_caller_is_asked_restores_the_question_and_the_time() -> None:
    session = started_session(script_from(TEN_MINUTES))
    assert session.handle(Continue())
    advance(session, 100)
    assert session.handle(RequestTimeOut())
    advance(session, 20)
    saved = through_json(session.snapshot())
    clock = ManualClock()
    restored = Session.restore(saved, session.script, clock)
    assert restored.time_out is not None and restored.time_out.by is None
    assert restored.allows(CallTimeOut("a")) and restored.allows(CancelTimeOut())
    clock.advance(40)
    assert restored.runner.countdown.remaining_seconds() == 500
    assert restored.handle(CancelTimeOut())
    assert restored.runner.countdown.remaining_seconds() == 500
    assert restored.log.time_outs == []


def test_ending_while_the_caller_is_asked_records_no_time_out_and_no_lost_time() -> None:
    session = started_session(script_from(TEN_MINUTES))
    assert session.handle(Continue())
    advance(session, 100)
    assert session.handle(RequestTimeOut())
    advance(session, 50)
    assert session.handle(Finish())
    assert session.log.time_outs == []
    assert session.log.turns[0]["spoken_seconds"] == 100
