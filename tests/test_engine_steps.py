"""Every step kind end to end through the session: notes, check-ins, appreciations, questions, reveals,
captures, reviews and the close."""

from __future__ import annotations

import uuid

from engine_support import advance, script_from, started_session, through_json

from tui.core.clock import ManualClock
from tui.core.engine import FINISHED, SWITCHED, Session
from tui.core.events import (
    Abandon,
    Answer,
    CallTimeOut,
    CaptureFollowUp,
    ChooseGentler,
    Continue,
    Finish,
    GiveAppreciation,
    Rate,
    ReflectionConfirmed,
    Resume,
    ReviewDecision,
    SkipCapture,
    SkipQuestion,
    ToggleFavourite,
    UndoReview,
)

CLOSE = '\n[[steps]]\nkind = "close"\n'


def kinds_left(session: Session) -> str:
    """The kind of the step the session is on."""
    return session.script.steps[session.step_index].kind


# -- note and close ------------------------------------------------------------------------------------
def test_an_untimed_note_moves_on_with_enter() -> None:
    session = started_session(script_from('[[steps]]\nkind = "note"\ntext = "Sit together."\n' + CLOSE))
    assert kinds_left(session) == "note"
    assert session.handle(Continue())
    assert kinds_left(session) == "close"
    assert session.log.notes == []
    assert session.handle(Continue())
    assert session.status == FINISHED


def test_a_timed_note_rings_once_and_still_waits_for_enter() -> None:
    session = started_session(
        script_from('[[steps]]\nkind = "note"\ntext = "A quiet minute."\nminutes = 1\n')
    )
    assert advance(session, 59) == []
    assert advance(session, 1) == ["time_up"]
    assert advance(session, 30) == []
    assert kinds_left(session) == "note"
    assert session.handle(Continue())
    assert session.log.notes == [{"step": 0, "seconds": 90}]
    assert session.status == FINISHED


def test_a_turn_of_the_shortest_length_is_up_after_exactly_three_seconds() -> None:
    session = started_session(script_from('[[steps]]\nkind = "turns"\nminutes = 0.05\n'))
    assert session.handle(Continue())
    assert advance(session, 3) == ["time_up"]


# -- check-in --------------------------------------------------------------------------------------------
CHECKIN = '[[steps]]\nkind = "checkin"\n'


def test_checkin_takes_one_rating_from_each_partner() -> None:
    session = started_session(script_from(CHECKIN + CLOSE), first_speaker="b")
    for refused in (0, 6, True, 2.5):
        assert not session.handle(Rate(refused))  # type: ignore[arg-type]
    assert session.handle(Rate(4))
    assert session.handle(Rate(3))
    assert [(entry["partner"], entry["value"]) for entry in session.log.checkins] == [("b", 4), ("a", 3)]
    assert kinds_left(session) == "close"
    assert session.record()["steps"][0]["ratings"] == {"b": 4, "a": 3}


def test_a_low_checkin_offers_the_gentler_script_and_carrying_on_is_fine() -> None:
    script = script_from(CHECKIN + CLOSE, 'gentler = "gentle-evening"\n')
    session = started_session(script)
    session.handle(Rate(4))
    session.handle(Rate(2))
    assert session.runner is not None and session.runner.phase == "low_offer"
    assert session.handle(Continue())
    assert kinds_left(session) == "close"


def test_choosing_the_gentler_script_ends_the_session_as_switched() -> None:
    session = started_session(script_from(CHECKIN + CLOSE, 'gentler = "gentle-evening"\n'))
    session.handle(Rate(1))
    session.handle(Rate(5))
    assert session.handle(ChooseGentler())
    record = session.record()
    assert (record["status"], record["switched_to"]) == (SWITCHED, "gentle-evening")
    assert [step["status"] for step in record["steps"]] == ["done", "not_reached"]
    assert session.status == SWITCHED


def test_no_gentler_offer_without_a_gentler_script_or_when_turned_off() -> None:
    plain = started_session(script_from(CHECKIN + CLOSE))
    plain.handle(Rate(1))
    plain.handle(Rate(1))
    assert not plain.handle(ChooseGentler())
    assert kinds_left(plain) == "close"
    turned_off = script_from(CHECKIN + "offer_gentler = false\n" + CLOSE, 'gentler = "gentle-evening"\n')
    session = started_session(turned_off)
    session.handle(Rate(1))
    session.handle(Rate(1))
    assert kinds_left(session) == "close"


def test_prefilled_checkins_carry_over_into_the_gentler_script() -> None:
    session = started_session(script_from(CHECKIN + CLOSE), prefilled_checkins={"a": 2, "b": 4})
    assert kinds_left(session) == "close"
    assert [(entry["partner"], entry["value"], entry["carried_over"]) for entry in session.log.checkins] == [
        ("a", 2, True),
        ("b", 4, True),
    ]
    assert not session.handle(Rate(3))


# -- appreciation ------------------------------------------------------------------------------------------
def test_appreciations_alternate_and_keep_the_typed_words() -> None:
    steps = '[[steps]]\nkind = "appreciation"\neach = 2\nstarters = ["Thank you for...", "I noticed..."]\n'
    session = started_session(script_from(steps + CLOSE), first_speaker="b")
    runner = session.runner
    starters = []
    for text in ("one", "two", "three", "  four  "):
        starters.append(runner.starter)  # type: ignore[union-attr]
        assert session.handle(GiveAppreciation(text))
    assert [(entry["from"], entry["to"], entry["text"]) for entry in session.log.appreciations] == [
        ("b", "a", "one"),
        ("a", "b", "two"),
        ("b", "a", "three"),
        ("a", "b", "four"),
    ]
    assert starters == ["Thank you for...", "I noticed...", "Thank you for...", "I noticed..."]
    assert kinds_left(session) == "close"


def test_appreciations_are_not_kept_when_save_is_false() -> None:
    session = started_session(script_from('[[steps]]\nkind = "appreciation"\neach = 1\nsave = false\n'))
    session.handle(GiveAppreciation("private words"))
    session.handle(GiveAppreciation("more private words"))
    assert [entry["text"] for entry in session.log.appreciations] == ["", ""]
    assert session.status == FINISHED


# -- questions ---------------------------------------------------------------------------------------------
INLINE = 'questions = ["First?", "Second?", "Third?"]\nshuffle = false\n'


def test_questions_both_answer_every_card() -> None:
    session = started_session(script_from('[[steps]]\nkind = "questions"\nanswer = "both"\n' + INLINE))
    for text in ("a1", "b1", "a2", "b2", "a3", "b3"):
        assert session.handle(Answer(text))
    answers = [(entry["question"], entry["partner"], entry["text"]) for entry in session.log.answers]
    assert answers == [
        ("First?", "a", "a1"),
        ("First?", "b", "b1"),
        ("Second?", "a", "a2"),
        ("Second?", "b", "b2"),
        ("Third?", "a", "a3"),
        ("Third?", "b", "b3"),
    ]
    assert session.status == FINISHED


def test_questions_alternate_and_may_be_skipped_or_kept_as_favourites() -> None:
    session = started_session(script_from('[[steps]]\nkind = "questions"\n' + INLINE + CLOSE))
    assert session.handle(ToggleFavourite())
    assert session.handle(Answer("a answers"))
    assert session.handle(ToggleFavourite())
    assert session.handle(ToggleFavourite())  # twice: no longer a favourite
    assert session.handle(SkipQuestion())
    assert session.handle(Answer("a answers again"))
    assert [(entry["question"], entry["partner"]) for entry in session.log.answers] == [
        ("First?", "a"),
        ("Second?", None),
        ("Third?", "a"),
    ]
    assert session.log.favourites == [{"step": 0, "question": "First?"}]
    assert session.record()["steps"][0] | {"cards": 3, "skipped": 1} == session.record()["steps"][0]
    assert kinds_left(session) == "close"


def test_questions_from_a_deck_respect_intensity_and_count() -> None:
    steps = '[[steps]]\nkind = "questions"\ndeck = "test-deck"\nintensity = ["light"]\n'
    first = started_session(script_from(steps), seed=11)
    cards = first.runner.cards  # type: ignore[union-attr]
    assert sorted(cards) == ["What made you laugh today?", "Which moment would you live again?"]
    assert started_session(script_from(steps), seed=11).runner.cards == cards  # type: ignore[union-attr]


def test_an_inline_list_shorter_than_five_needs_no_count() -> None:
    script = script_from('[[steps]]\nkind = "questions"\nquestions = ["Only?", "Two?"]\n')
    assert script.steps[0].count == 2  # type: ignore[attr-defined]


# -- reveal ----------------------------------------------------------------------------------------------
def test_reveal_hands_over_and_shows_both_answers_together() -> None:
    steps = '[[steps]]\nkind = "reveal"\nprompt = "What do you wish for this year?"\nfirst = "b"\n'
    session = started_session(script_from(steps + CLOSE))
    runner = session.runner
    assert runner.writer == "b"  # type: ignore[union-attr]
    assert session.handle(Answer("b's wish"))
    assert runner.phase == "handover"  # type: ignore[union-attr]
    assert not session.handle(Answer("too soon"))
    assert session.log.reveals == []
    assert session.handle(Continue())
    assert runner.writer == "a"  # type: ignore[union-attr]
    assert session.handle(Answer("a's wish"))
    assert runner.phase == "revealed"  # type: ignore[union-attr]
    assert session.log.reveals == [
        {
            "step": 0,
            "prompt": "What do you wish for this year?",
            "answers": {"b": "b's wish", "a": "a's wish"},
        }
    ]
    assert session.handle(Continue())
    assert kinds_left(session) == "close"


# -- capture and review ------------------------------------------------------------------------------------
def test_capture_creates_follow_ups_with_their_own_ids() -> None:
    steps = '[[steps]]\nkind = "capture"\nkinds = ["promise", "wish"]\n'
    session = started_session(script_from(steps + CLOSE), session_id=str(uuid.uuid4()))
    assert not session.handle(CaptureFollowUp("request", "not allowed here"))
    assert not session.handle(CaptureFollowUp("promise", "   "))
    assert not session.handle(CaptureFollowUp("promise", "walk", owner="someone"))
    assert session.handle(CaptureFollowUp("promise", "A walk on Sunday", owner="both"))
    assert session.handle(CaptureFollowUp("wish", "A weekend by the sea"))
    made = session.log.follow_ups
    assert [(entry["kind"], entry["owner"], entry["written_by"]) for entry in made] == [
        ("promise", "both", "a"),
        ("wish", "b", "b"),
    ]
    assert len({uuid.UUID(entry["id"]) for entry in made}) == 2
    assert {entry["session_id"] for entry in made} == {session.id}
    assert {entry["status"] for entry in made} == {"open"}
    assert kinds_left(session) == "close"


def test_capture_may_be_skipped_and_may_ask_only_one_partner() -> None:
    session = started_session(script_from('[[steps]]\nkind = "capture"\neach = false\n'), first_speaker="b")
    assert session.handle(SkipCapture())
    assert session.log.follow_ups == []
    assert session.status == FINISHED


def test_review_asks_about_each_open_follow_up_of_its_kinds() -> None:
    open_follow_ups = [
        {"id": "p1", "kind": "promise", "text": "A walk", "status": "open"},
        {"id": "w1", "kind": "wish", "text": "The sea", "status": "open"},
        {"id": "p0", "kind": "promise", "text": "Done before", "status": "kept"},
        {"id": "r1", "kind": "request", "text": "Less phone", "status": "open"},
    ]
    steps = '[[steps]]\nkind = "review"\nkinds = ["promise", "request"]\n'
    session = started_session(script_from(steps + CLOSE), open_follow_ups=open_follow_ups)
    assert not session.handle(ReviewDecision("maybe"))
    assert not session.handle(Continue())
    assert not session.handle(UndoReview())  # nothing answered yet
    assert session.handle(ReviewDecision("kept"))
    assert session.handle(ReviewDecision("let_go"))
    assert [(entry["follow_up_id"], entry["status"]) for entry in session.log.reviews] == [
        ("p1", "kept"),
        ("r1", "let_go"),
    ]
    assert kinds_left(session) == "review"  # all answered: it waits, so the last answer can be undone
    assert session.handle(Continue())
    assert kinds_left(session) == "close"


def test_undo_in_a_review_takes_the_last_answer_back_and_asks_again() -> None:
    open_follow_ups = [
        {"id": "p1", "kind": "promise", "text": "A walk", "status": "open"},
        {"id": "p2", "kind": "promise", "text": "Tea", "status": "open"},
    ]
    session = started_session(script_from('[[steps]]\nkind = "review"\n' + CLOSE), open_follow_ups=open_follow_ups)
    assert session.handle(ReviewDecision("let_go"))
    assert session.handle(UndoReview())
    assert session.log.reviews == [] and session.runner.item["id"] == "p1"
    assert session.handle(ReviewDecision("kept")) and session.handle(ReviewDecision("let_go"))
    assert session.handle(UndoReview())  # after the last one too, before Enter moves on
    assert session.runner.item["id"] == "p2" and not session.handle(Continue())
    assert session.handle(ReviewDecision("not_yet")) and session.handle(Continue())
    assert [(entry["follow_up_id"], entry["status"]) for entry in session.log.reviews] == [
        ("p1", "kept"),
        ("p2", "not_yet"),
    ]
    assert kinds_left(session) == "close" and not session.handle(UndoReview())


def test_review_with_nothing_open_moves_on_with_enter() -> None:
    session = started_session(script_from('[[steps]]\nkind = "review"\n' + CLOSE))
    assert not session.handle(ReviewDecision("kept"))
    assert session.handle(Continue())
    assert kinds_left(session) == "close"


# -- every kind in one session, and snapshots at every step -------------------------------------------------
EVERY_KIND = """
[[steps]]
kind = "checkin"

[[steps]]
kind = "note"
text = "Put the phones away."
minutes = 0.5

[[steps]]
kind = "turns"
minutes = 1
warn_seconds = 10
reflect = "paraphrase"

[[steps]]
kind = "appreciation"
each = 1

[[steps]]
kind = "questions"
deck = "test-deck"
count = 2

[[steps]]
kind = "reveal"
prompt = "One word for tonight?"

[[steps]]
kind = "review"

[[steps]]
kind = "capture"
each = false

[[steps]]
kind = "close"
ritual = "Hold hands for a minute."
"""
EVERY_KIND_EVENTS = [
    Rate(4), Rate(5),
    Continue(),
    Continue(), "wait", Continue(), "confirm", Continue(), "wait", Continue(), "confirm",
    GiveAppreciation("thanks"), GiveAppreciation("thanks too"),
    Answer("x"), Answer("y"),
    Answer("calm"), Continue(), Answer("warm"), Continue(),
    ReviewDecision("kept"), Continue(),
    CaptureFollowUp("promise", "Cook on Friday"),
    Continue(),
]  # fmt: skip


def run_every_kind(restart_after_each_event: bool) -> Session:
    """Play every step kind through, optionally restoring from a JSON snapshot after each event."""
    session = started_session(
        script_from(EVERY_KIND),
        session_id="00000000-0000-4000-8000-000000000001",
        open_follow_ups=[{"id": "p1", "kind": "promise", "text": "A walk", "status": "open"}],
    )
    for event in EVERY_KIND_EVENTS:
        if event == "wait":
            advance(session, 60)
            continue
        accepted = session.handle(ReflectionConfirmed() if event == "confirm" else event)  # type: ignore[arg-type]
        assert accepted, (event, session.step_index, session.runner.phase if session.runner else None)
        if restart_after_each_event and session.is_running:
            session = Session.restore(
                through_json(session.snapshot()), session.script, session.clock, decks=session.context.decks
            )
    return session


def test_every_step_kind_runs_end_to_end() -> None:
    session = run_every_kind(restart_after_each_event=False)
    record = session.record()
    assert record["status"] == FINISHED
    assert [step["status"] for step in record["steps"]] == ["done"] * 9
    assert [step["kind"] for step in record["steps"]] == [
        "checkin", "note", "turns", "appreciation", "questions", "reveal", "review", "capture", "close",
    ]  # fmt: skip
    assert len(record["turns"]) == 2
    assert len(record["follow_ups"]) == 1
    assert through_json(record) == record


def test_every_step_kind_survives_a_restart_after_every_event() -> None:
    straight = run_every_kind(restart_after_each_event=False).record()
    restarted = run_every_kind(restart_after_each_event=True).record()
    for record in (straight, restarted):
        for entry in record["follow_ups"]:
            entry.pop("id")
    assert restarted == straight


def test_prefilled_checkins_survive_a_restart_before_the_checkin_step() -> None:
    steps = '[[steps]]\nkind = "note"\ntext = "Settle in."\n\n' + CHECKIN + CLOSE
    session = started_session(script_from(steps), prefilled_checkins={"a": 2, "b": 4})
    again = Session.restore(
        through_json(session.snapshot()), session.script, session.clock, decks=session.context.decks
    )
    assert again.handle(Continue())
    assert kinds_left(again) == "close"
    assert [entry["value"] for entry in again.log.checkins] == [2, 4]


def test_ending_the_session_mid_turn_keeps_the_time_spoken() -> None:
    """`Finish` (or `Abandon`) while someone speaks logs their partial turn with its real length."""
    for ending in (Finish(), Abandon()):
        session = started_session(script_from('[[steps]]\nkind = "turns"\nminutes = 10\n' + CLOSE))
        assert session.handle(Continue())
        advance(session, 125)
        assert session.handle(ending)
        record = session.record()
        assert record["speaking_seconds"] == {"a": 125.0, "b": 0.0}
        assert record["turns"][0]["interrupted"] is True
        assert record["turns"][0]["ended_early"] is True


def test_a_draft_is_kept_through_a_time_out_and_a_snapshot_and_cleared_once_handed_in() -> None:
    """Words being typed survive a time-out and a restart; handing them in clears the draft."""
    session = started_session(
        script_from('[[steps]]\nkind = "reveal"\nprompt = "What do you miss?"\n' + CLOSE)
    )
    session.set_draft("Our slow Sunday mornings")
    assert session.handle(CallTimeOut("b"))
    assert session.handle(Resume())
    assert session.draft == "Our slow Sunday mornings"
    restored = Session.restore(through_json(session.snapshot()), session.script, ManualClock())
    assert restored.draft == "Our slow Sunday mornings"
    assert restored.handle(Answer(restored.draft))
    assert restored.draft == ""
