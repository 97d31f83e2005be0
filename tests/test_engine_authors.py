"""Typed words carry their author: the engine refuses words or a draft from the partner whose turn it is not."""

from __future__ import annotations

from engine_support import script_from, started_session, through_json

from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.events import Answer, CaptureFollowUp, Continue, GiveAppreciation

CLOSE = '\n[[steps]]\nkind = "close"\n'


def test_an_appreciation_by_the_wrong_partner_is_refused() -> None:
    session = started_session(script_from('[[steps]]\nkind = "appreciation"\neach = 1\n' + CLOSE))
    assert session.runner.author == "a"  # type: ignore[union-attr]
    assert not session.handle(GiveAppreciation("thanks for the coffee", by="b"))
    assert session.log.appreciations == []
    assert session.handle(GiveAppreciation("thanks for the coffee", by="a"))
    assert session.runner.author == "b"  # type: ignore[union-attr]
    assert not session.handle(GiveAppreciation("late words", by="a"))
    assert session.handle(GiveAppreciation("for the walk", by="b"))
    assert [(entry["from"], entry["text"]) for entry in session.log.appreciations] == [
        ("a", "thanks for the coffee"),
        ("b", "for the walk"),
    ]


def test_a_reveal_answer_by_the_wrong_partner_is_refused() -> None:
    session = started_session(script_from('[[steps]]\nkind = "reveal"\nprompt = "Now?"\n' + CLOSE))
    assert not session.handle(Answer("b's words", by="b"))
    assert session.handle(Answer("a's words", by="a"))
    assert session.runner.author is None  # type: ignore[union-attr]  # at the hand-over nobody writes
    assert session.handle(Continue())
    assert not session.handle(Answer("a again", by="a"))
    assert session.handle(Answer("b's words", by="b"))
    assert session.log.reveals[0]["answers"] == {"a": "a's words", "b": "b's words"}


def test_questions_and_captures_check_their_author_too() -> None:
    steps = '[[steps]]\nkind = "questions"\nanswer = "both"\nquestions = ["One?"]\n'
    steps += '[[steps]]\nkind = "capture"\n'
    session = started_session(script_from(steps + CLOSE))
    assert not session.handle(Answer("b first", by="b"))
    assert session.handle(Answer("a first", by="a"))
    assert session.handle(Answer("then b", by="b"))
    assert [(entry["partner"], entry["text"]) for entry in session.log.answers] == [
        ("a", "a first"),
        ("b", "then b"),
    ]
    assert not session.handle(CaptureFollowUp(kind="promise", text="tea", by="b"))
    assert session.handle(CaptureFollowUp(kind="promise", text="tea", by="a"))
    assert session.log.follow_ups[0]["written_by"] == "a"


def test_a_draft_belongs_to_the_partner_whose_turn_it_is() -> None:
    """A draft from the other partner's field is not kept; the current partner's draft survives a restart."""
    session = started_session(script_from('[[steps]]\nkind = "reveal"\nprompt = "Now?"\n' + CLOSE))
    session.set_draft("not Jonah's turn", by="b")
    assert session.draft == ""
    session.set_draft("Maya's words", by="a")
    assert session.draft == "Maya's words"
    restored = Session.restore(through_json(session.snapshot()), session.script, ManualClock())
    assert restored.draft == "Maya's words"
    assert restored.handle(Answer(restored.draft, by="a"))
    assert restored.draft == ""
    restored.set_draft("typed at the hand-over", by="b")
    assert restored.draft == ""


def test_words_being_typed_when_a_session_ends_are_kept_in_its_record() -> None:
    """Ending here (or leaving it unfinished) while someone types keeps their words, with who and where."""
    from tui.core.events import Finish
    from tui.core.session_record import unfinished_record

    session = started_session(script_from('[[steps]]\nkind = "appreciation"\neach = 1\n' + CLOSE))
    session.set_draft("thanks for the", by="a")
    left = unfinished_record(through_json(session.snapshot()))
    assert left["draft"] == {"step": 0, "by": "a", "text": "thanks for the"}
    assert session.handle(Finish())
    assert session.record()["draft"] == {"step": 0, "by": "a", "text": "thanks for the"}
    quiet = started_session(script_from('[[steps]]\nkind = "appreciation"\neach = 1\n' + CLOSE))
    assert "draft" not in quiet.record()
