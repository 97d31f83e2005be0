"""What the script says, the couple sees: every field has a place, every step kind shows its text."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from app_support import (
    drive_one,
    flat,
    goto,
    make_app,
    screen_text,
    seeded_store,
    session_of,
    started,
    static_texts,
)
from script_fields import ON_SCREEN, SHOWN_FIELDS, words_the_step_must_show

from tui.app import HearthsideApp
from tui.core import script_model
from tui.core.library import Library, load_library
from tui.core.step_kinds import step_kind_names

EVERY_TEXT = '''
[script]
id = "every-text"
title = "Every text"
summary = "A step of every kind, each with its own words."
method = "none"

[[steps]]
kind = "note"
title = "Note title"
text = "Note text: phones away."

[[steps]]
kind = "checkin"
title = "Checkin title"
text = "Checkin text: there is no wrong number."
question = "Checkin question: how full is your cup?"

[[steps]]
kind = "turns"
title = "Turns title"
text = "Turns text: short pieces are easier to hear."
topic = "Turns topic: the week behind us"
minutes = 1
speaker_guide = "Speaker guide: say what you felt."
listener_guide = "Listener guide: take it in."

[[steps]]
kind = "appreciation"
title = "Appreciation title"
text = "Appreciation text: small things count."
each = 1
starters = ["Starter one: I liked how you...", "Starter two: thank you for..."]

[[steps]]
kind = "questions"
title = "Questions title"
text = "Questions text: skip any card you like."
questions = ["Inline question one?", "Inline question two?"]
shuffle = false

[[steps]]
kind = "reveal"
title = "Reveal title"
text = "Reveal text: nobody peeks."
prompt = "Reveal prompt: one wish for the summer"

[[steps]]
kind = "capture"
title = "Capture title"
text = "Capture text: one small thing is plenty."
prompt = "Capture prompt: something for next week"

[[steps]]
kind = "review"
title = "Review title"
text = "Review text: any answer is fine."

[[steps]]
kind = "close"
title = "Close title"
text = "Close text: well done, both of you."
ritual = "Close ritual: a long hug."
'''


def library_with(tmp_path: Path, name: str, toml: str) -> Library:
    """The built-in library plus one script of the couple's own."""
    folder = tmp_path / "sessions"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(toml, encoding="utf-8")
    library = load_library(user_dir=folder)
    assert not library.problems, library.problems
    return library


def model_fields() -> list[str]:
    """ "Class.field" for every field of the script and step models (a step's shared fields once)."""
    names = [f"Script.{field.name}" for field in dataclasses.fields(script_model.Script)]
    shared = {field.name for field in dataclasses.fields(script_model.Step)}
    names += [f"Step.{name}" for name in sorted(shared)]
    for kind_class in script_model.Step.__subclasses__():
        names += [
            f"{kind_class.__name__}.{field.name}"
            for field in dataclasses.fields(kind_class)
            if field.name not in shared
        ]
    return names


def test_every_field_a_script_can_set_has_a_place_on_screen() -> None:
    """A field without an entry in the table is a field nobody decided how to show."""
    fields = model_fields()
    assert sorted(set(fields) - set(SHOWN_FIELDS)) == []
    assert sorted(set(SHOWN_FIELDS) - set(fields)) == []  # no stale entries either


def test_every_words_field_is_checked_on_screen() -> None:
    """Each field marked as shown in words is one the screen check looks for."""
    checked = {"title", "text", "question", "speaker_guide", "listener_guide", "topic", "starters"}
    checked |= {"questions", "prompt", "ritual"}
    step_words = {name.split(".")[1] for name, how in SHOWN_FIELDS.items() if how == ON_SCREEN}
    step_words -= {"summary", "method", "tags", "intensity", "notes", "themes", "gentler"}  # the picker's
    assert step_words <= checked


async def test_every_step_kind_shows_every_words_field(tmp_path: Path) -> None:
    """Walk a script with every kind and every words field set; each is on screen while its step runs."""
    app = make_app(library_with(tmp_path, "every-text.toml", EVERY_TEXT), "every-text", store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        session = session_of(app)
        checked: set[tuple[str, str]] = set()
        for _ in range(80):
            if session.is_over:
                break
            words = flat(static_texts(app))
            for field, text in words_the_step_must_show(app):
                assert flat(text) in words, f"{session.runner.step.kind} {field}: {text!r} is not shown"
                checked.add((session.runner.step.kind, field))
            await drive_one(pilot)
        assert session.is_over
    kinds_with_text = {kind for kind, field in checked if field == "text"}
    assert kinds_with_text == set(step_kind_names())


LONG_TEXT = " ".join(["Take your time with this, there is no hurry and no right way to do it."] * 6)


async def test_a_long_turn_text_leaves_the_clock_and_both_names_in_view(tmp_path: Path) -> None:
    """At 80x24 a long step text sits below the clock: the countdown and whose turn it is stay visible."""
    toml = EVERY_TEXT.replace('"Turns text: short pieces are easier to hear."', f'"{LONG_TEXT}"')
    app = make_app(library_with(tmp_path, "every-text.toml", toml), "every-text", store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        session = session_of(app)
        while session.runner is not None and session.runner.step.kind != "turns":
            await drive_one(pilot)
        await drive_one(pilot)  # start the clock
        assert session.runner.phase == "speaking"
        shown = screen_text(app)
        assert "Maya is speaking" in shown and "Jonah is listening" in shown
        clock = app.screen.query_one("#turn-clock").region
        assert clock.height > 0 and clock.bottom <= 24 - 1  # above the footer line, not scrolled away
        assert "Take your time with this" in shown  # the text's start is readable without scrolling


@pytest.mark.parametrize(
    ("reflect", "promised", "not_promised"),
    [
        ("none", "Your own turn will come", "say back"),
        ("paraphrase", "say back what you heard", "mirror"),
        ("mirror", "mirror it back", "say back what you heard"),
    ],
)
async def test_the_default_listener_guide_says_what_will_happen(
    tmp_path: Path, reflect: str, promised: str, not_promised: str
) -> None:
    """Without a listener guide in the script, the default matches the step's `reflect`."""
    toml = EVERY_TEXT.replace('listener_guide = "Listener guide: take it in."', f'reflect = "{reflect}"')
    app = make_app(library_with(tmp_path, "every-text.toml", toml), "every-text", store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        session = session_of(app)
        while session.runner is not None and session.runner.step.kind != "turns":
            await drive_one(pilot)
        guide = flat(str(app.screen.query_one("#listener-guide").visual)).casefold()
        assert promised.casefold() in guide
        assert not_promised.casefold() not in guide


async def test_the_close_shows_the_words_promised_and_appreciated_with_whose_and_to_whom(
    tmp_path: Path,
) -> None:
    """Not only counts: the close repeats each typed appreciation and follow-up, from whom to whom."""
    app = make_app(library_with(tmp_path, "every-text.toml", EVERY_TEXT), "every-text", store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        session = session_of(app)
        while session.runner is not None and session.runner.step.kind != "close":
            await drive_one(pilot, typed="tea on Sunday")
        words = flat(static_texts(app))
        assert "Maya to Jonah: tea on Sunday" in words  # the appreciation Maya typed
        assert "A promise from Maya to Jonah: tea on Sunday" in words  # the follow-up Maya wrote


async def test_one_partner_holding_the_floor_speaks_in_pieces(app_factory: Callable[..., HearthsideApp]) -> None:
    """The floor's practice step gives one partner three short pieces: the line above the clock counts
    pieces ("piece 1 of 3"), since "turn 1 of 3" read as if the other partner had turns in it too."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "turns", "ready")
        meta = str(app.screen.query_one("#turn-meta").visual)
        assert meta.startswith("Holding the floor  -  piece 1 of 3")
        assert "turn" not in meta.split("\n")[0]
