"""Built-in scripts holding every shape of a typing step (walk_set.py) walked with Tab (or Shift+Tab) pressed before
Enter at every typing step: every typed word ends up in the saved record, credited to the partner whose
turn it was."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_support import (
    drive_one,
    flat,
    press,
    seeded_store,
    session_of,
    settle,
    started,
    static_texts,
    store_of,
    type_text,
)
from textual.pilot import Pilot
from walk_set import TYPING_SCRIPT_IDS

from tui.app import HearthsideApp
from tui.widgets.steps.writing import KIND_WORDS

MAX_MOVES = 400
Credit = tuple[str, int, str, str]  # (what, step index, partner, words)


async def type_away_and_hand_in(pilot: Pilot[None], words: str, away: str) -> None:
    """Type `words`, move the focus off the field with `away` (tab or shift+tab), then press Enter."""
    await type_text(pilot, words)
    await press(pilot, away, "enter")


async def drive_typing(pilot: Pilot[None], typed: list[Credit]) -> None:
    """One move; at a typing step, distinct words for its author, Tab or Shift+Tab, then Enter."""
    app: HearthsideApp = pilot.app  # type: ignore[assignment]
    session = session_of(app)
    runner = session.runner
    assert runner is not None
    kind, step = runner.step.kind, session.step_index
    author = {"appreciation": "giver", "reveal": "writer", "capture": "capturer"}.get(kind, "")
    author = getattr(runner, author, "") if author else ""
    away = "shift+tab" if len(typed) % 3 == 2 else "tab"
    if kind == "appreciation" and runner.step.save:
        assert f"{app.look.name(author)}, tell" in flat(static_texts(app))
        words = f"{author}-step{step}-thanks{runner.given}"
        typed.append(("appreciation", step, author, words))
        await type_away_and_hand_in(pilot, words, away)
    elif kind == "reveal" and runner.phase == "writing":
        assert f"{app.look.name(author)} writes" in flat(static_texts(app))
        words = f"{author}-step{step}-reveal"
        typed.append(("reveal", step, author, words))
        await type_away_and_hand_in(pilot, words, away)
    elif kind == "capture":
        prompt = runner.step.prompt or "Is there something to carry forward from today?"
        assert f"{app.look.name(author)} {flat(prompt)}" in flat(static_texts(app))
        await press(pilot, KIND_WORDS[runner.step.kinds[-1]][0])  # the key that chooses this kind
        words = f"{author}-step{step}-carry"
        typed.append(("capture", step, author, words))
        await type_away_and_hand_in(pilot, words, away)
    else:
        await drive_one(pilot)


def credited(record: dict[str, object]) -> list[Credit]:
    """Every typed word in a saved record with the partner it is credited to."""
    found: list[Credit] = []
    for entry in record["appreciations"]:  # type: ignore[attr-defined]
        if entry["text"]:
            found.append(("appreciation", entry["step"], entry["from"], entry["text"]))
    for reveal in record["reveals"]:  # type: ignore[attr-defined]
        for partner, words in reveal["answers"].items():
            found.append(("reveal", reveal["step"], partner, words))
    for follow_up in record["follow_ups"]:  # type: ignore[attr-defined]
        found.append(("capture", follow_up["step"], follow_up["written_by"], follow_up["text"]))
    return found


@pytest.mark.parametrize("script_id", TYPING_SCRIPT_IDS)
async def test_tab_at_every_typing_step_loses_and_misattributes_nothing(
    script_id: str, app_factory: Callable[..., HearthsideApp]
) -> None:
    """Tab before Enter everywhere: the record credits each partner's words to them, none lost or empty."""
    app = app_factory(script_id, store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        session = session_of(app)
        typed: list[Credit] = []
        for _ in range(MAX_MOVES):
            if session.is_over:
                break
            await drive_typing(pilot, typed)
        await settle(pilot)
        assert session.status == "finished"
    record = store_of(app).sessions()[0]
    assert record["id"] == session.id
    assert sorted(credited(record)) == sorted(typed)
    kinds = [step.kind for step in session.script.steps]
    saving = [step for step in session.script.steps if step.kind == "appreciation" and step.save]
    assert len([credit for credit in typed if credit[0] == "appreciation"]) == sum(2 * s.each for s in saving)
    assert len([credit for credit in typed if credit[0] == "reveal"]) == 2 * kinds.count("reveal")
    assert {partner for _, _, partner, _ in typed} <= {"a", "b"}
    assert all(words for *_, words in credited(record))
