"""Built-in scripts holding every step shape (walk_set.py), walked from the first step to the close with the
keyboard and a manual clock."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_support import (
    EARLIER_PROMISE,
    advance,
    flat,
    press,
    screen_text,
    seeded_store,
    session_of,
    session_screen,
    settle,
    started,
    state_of,
    static_texts,
    store_of,
)
from script_fields import words_the_step_must_show
from test_app_footers import check_footer, next_key
from textual.pilot import Pilot
from walk_set import WALKED_SCRIPT_IDS

from tui.app import HearthsideApp
from tui.screens.home import HomeScreen

MAX_MOVES = 400


def check_screen_words(app: HearthsideApp) -> None:
    """What the screen must say for the step and phase on show."""
    session = session_of(app)
    runner = session.runner
    assert runner is not None
    words = flat(static_texts(app))
    name = app.look.name
    kind, phase = runner.step.kind, runner.phase
    assert f"step {session.step_index + 1} of {len(session.script.steps)}" in words
    for field, text in words_the_step_must_show(app):  # what the script says, the couple sees
        assert flat(text) in words, f"step {session.step_index + 1} {field}: {text!r} is not shown"
    if kind == "turns" and phase in ("ready", "speaking"):
        assert f"{name(runner.speaker)} is speaking" in words
        assert f"{name(runner.listener)} is listening" in words
    elif kind == "turns" and phase == "reflect":
        assert f"{name(runner.listener)}, say back what you heard" in words
    elif kind == "turns" and phase == "more":
        assert f"{name(runner.speaker)}, is there more?" in words
    elif kind == "checkin" and phase == "rating":
        assert name(runner.rater) in words
        assert flat(runner.step.question) in words
        assert "Press a number from 1 to 5" in words
    elif kind == "questions" and phase == "deck_off":
        assert "a deck that stays off until you choose it" in words
    elif kind == "questions":
        assert flat(runner.card) in words
        assert f"Question {runner.card_index + 1} of {len(runner.cards)}" in words
    elif kind == "appreciation":
        assert f"{name(runner.giver)}, tell {name(runner.receiver)} something you appreciate" in words
    elif kind == "reveal" and phase == "writing":
        assert f"{name(runner.writer)} writes" in words
    elif kind == "review" and phase == "reviewing":
        assert EARLIER_PROMISE["text"] in words
    elif kind == "close":
        assert "session together" in words
    elif kind == "note":
        assert flat(runner.step.title) in words


async def drive_one_checking_the_footer(pilot: Pilot[None], script_id: str) -> str:
    """`drive_one`, checking the footer once the clock has run out (a turn's key shows at time up): at every
    step and phase it shows the key that moves on, time-out, end here, quit and help, each label whole."""
    app: HearthsideApp = pilot.app  # type: ignore[assignment]
    runner = session_of(app).runner
    screen = session_screen(app)
    assert runner is not None and screen is not None and screen.view is not None
    kind, phase = runner.step.kind, runner.phase
    move = screen.view.next_move("Thanks")
    if move.wait_seconds:
        await advance(pilot, move.wait_seconds)
    check_footer(app, f"{script_id} {kind}/{phase}", must_show=(next_key(app, move),))
    await press(pilot, *move.keys)
    return f"{kind}/{phase}"


@pytest.mark.parametrize("script_id", WALKED_SCRIPT_IDS)
async def test_walk_every_builtin_script(script_id: str, app_factory: Callable[..., HearthsideApp]) -> None:
    """Keys alone take each script from start to a finished record in the store, through every step, the
    screen saying what the step says and the footer showing its keys."""
    app = app_factory(script_id, store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        session = session_of(app)
        assert session.first_speaker == "a"  # Jonah started last time, so Maya starts now
        kinds_seen: list[str] = []
        for _ in range(MAX_MOVES):
            if session.is_over:
                break
            runner = session.runner
            assert runner is not None
            if not kinds_seen or kinds_seen[-1] != f"{session.step_index}:{runner.step.kind}":
                kinds_seen.append(f"{session.step_index}:{runner.step.kind}")
            check_screen_words(app)
            before = state_of(session)
            await pilot.pause()
            move = await drive_one_checking_the_footer(pilot, script_id)
            assert session.is_over or state_of(session) != before, f"{move} changed nothing"
        await settle(pilot)
        assert session.status == "finished"
        assert [k.split(":")[1] for k in kinds_seen] == [step.kind for step in session.script.steps]
        assert isinstance(app.screen, HomeScreen)
        assert "made time for each other 2 times" in flat(screen_text(app))

        record = store_of(app).sessions()[0]
        assert record["id"] == session.id
        assert record["status"] == "finished"
        assert all(step["status"] == "done" for step in record["steps"])
        steps = session.script.steps
        kinds = [step.kind for step in steps]
        assert len(record["checkins"]) == 2 * kinds.count("checkin")
        assert len(record["appreciations"]) == sum(2 * s.each for s in steps if s.kind == "appreciation")
        saved = [a["text"] for a in record["appreciations"] if a["text"]]
        assert saved == ["Thanks"] * sum(1 for s in steps if s.kind == "appreciation" and s.save)
        for outcome in record["steps"]:
            if outcome["kind"] == "turns":
                assert outcome["turns_spoken"] == outcome["turns_planned"] > 0
        assert all(turn["overtime_seconds"] == 0 for turn in record["turns"])
        assert len(record["reveals"]) == kinds.count("reveal")
        for reveal in record["reveals"]:
            assert reveal["answers"] == {
                "a": "Thanks M",
                "b": "Thanks J",
            }
        assert len(record["follow_ups"]) == kinds.count("capture")
        reviewed = [s for s in steps if s.kind == "review" and "promise" in s.kinds]
        assert [r["status"] for r in record["reviews"]] == ["kept"] * len(reviewed)
        open_ids = {item["id"] for item in store_of(app).open_follow_ups()}
        new_ids = {item["id"] for item in record["follow_ups"]}
        assert open_ids == (new_ids if reviewed else new_ids | {EARLIER_PROMISE["id"]})
        assert store_of(app).load_checkpoint() is None
        assert app.sessions.active_session is None
