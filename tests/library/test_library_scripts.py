"""The built-in scripts: they validate, follow their methods, are fair in time, fit the screen and read kindly."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from library_support import (
    BANNED_IN_GUIDES,
    SESSIONS,
    all_texts,
    banned_words_in,
    builtin_library,
    inline_questions,
    is_closed_question,
    width_problems,
)
from method_support import script, steps_of

from tui.core.library import check_paths
from tui.core.script_model import (
    THEMES,
    AppreciationStep,
    CaptureStep,
    CheckinStep,
    CloseStep,
    NoteStep,
    QuestionsStep,
    ReviewStep,
    Script,
    Step,
    TurnsStep,
)

GENTLE = "low-energy"


def speaking_minutes_each(found: Script) -> float:
    """Planned speaking minutes for one partner (the scripts are equal, so either will do)."""
    return found.turn_seconds_by_partner("a")["a"] / 60


def titled(word: str) -> Callable[[Step], bool]:
    """A predicate for a step whose title contains `word`."""
    return lambda step: word in step.title.casefold()


# -- everything validates -----------------------------------------------------------------------------
def test_the_built_in_library_loads_without_a_single_problem() -> None:
    library = builtin_library()
    assert [str(problem) for problem in library.problems] == []
    assert len(library.entries) >= 17
    assert len(library.decks) >= 6
    assert len(library.programs) >= 1


def test_every_file_in_sessions_is_checked_and_none_is_silently_skipped() -> None:
    library = builtin_library()
    files = [*SESSIONS.glob("*.toml"), *SESSIONS.glob("decks/*.toml"), *SESSIONS.glob("programs/*.toml")]
    assert check_paths([SESSIONS], library) == []
    assert len(files) == len(library.entries) + len(library.decks) + len(library.programs)


# -- the scripts the issue asks for, and where each comes from ---------------------------------------
def test_the_other_scripts_the_issue_asks_for_exist_and_keep_their_promises() -> None:
    assert script("evening-check-in").total_minutes() <= 15
    assert steps_of(script("appreciation-round"), AppreciationStep)
    assert any(step.deck for step in steps_of(script("be-curious"), QuestionsStep))
    goals = script("goals-and-values")
    assert any("wish" in step.kinds for step in steps_of(goals, CaptureStep))
    gentle = script(GENTLE)
    assert gentle.total_minutes() <= 15 and not gentle.gentler
    assert not steps_of(gentle, CheckinStep), "the gentle script never sends anyone elsewhere"


def test_every_script_names_its_method_and_says_where_it_comes_from() -> None:
    for entry in builtin_library().scripts():
        found = entry.script
        assert found.method.strip(), found.id
        assert len(found.notes.split()) >= 25, f"{found.id}: the notes say too little about the method"
        assert found.notes.startswith(("Follows the", "Our own")), found.id


# -- fairness, gentleness and kind endings ------------------------------------------------------------
def test_speaking_time_is_equal_for_both_partners_whoever_starts() -> None:
    for entry in builtin_library().scripts():
        found = entry.script
        assert not found.unequal, f"{found.id} is marked unequal; say why in a test if that is meant"
        for first in ("a", "b"):
            totals = found.turn_seconds_by_partner(first)
            assert totals["a"] == totals["b"], (found.id, first, totals)


def test_every_script_with_a_checkin_offers_the_gentle_script() -> None:
    library = builtin_library()
    for entry in library.scripts():
        found = entry.script
        if found.id == GENTLE:
            continue
        assert found.gentler == GENTLE, f"{found.id} names {found.gentler!r} as gentler"
        assert library.find(found.gentler) is not None


def test_every_script_ends_kindly_with_a_close_and_a_ritual() -> None:
    for entry in builtin_library().scripts():
        last = entry.script.steps[-1]
        assert isinstance(last, CloseStep), entry.script.id
        assert last.ritual.strip(), entry.script.id


# -- the ten ideas ------------------------------------------------------------------------------------
IDEA_CHECKS: dict[str, Callable[[Script], bool]] = {
    # A check-in at the start, with a gentler script to go to.
    "naming-burnout": lambda s: isinstance(s.steps[0], CheckinStep | NoteStep) and bool(s.gentler),
    # A small promise captured, or last time's promises reviewed.
    "small-promises": lambda s: any(
        isinstance(step, CaptureStep | ReviewStep) and "promise" in step.kinds for step in s.steps
    ),
    # Speaker and listener turns with a guide for each role.
    "talking-without-pressure": lambda s: any(
        isinstance(step, TurnsStep) and step.speaker_guide and step.listener_guide for step in s.steps
    ),
    # Gentle questions about what hurt.
    "old-hurts": lambda s: any(isinstance(step, QuestionsStep) for step in s.steps),
    # Protected minutes or appreciations.
    "small-acts": lambda s: any(isinstance(step, TurnsStep | AppreciationStep) for step in s.steps),
    # Each person's own energy and rest.
    "personal-wellbeing": lambda s: (
        "rest" in " ".join(f"{step.text} {getattr(step, 'ritual', '')}" for step in s.steps).casefold()
    ),
    # Open questions from a deck.
    "curiosity": lambda s: any(isinstance(step, QuestionsStep) and step.deck for step in s.steps),
    # Wishes saved and revisited.
    "shared-goals": lambda s: (
        any(isinstance(step, CaptureStep | ReviewStep) and "wish" in step.kinds for step in s.steps)
        or any(isinstance(step, TurnsStep) and "dream" in step.title.casefold() for step in s.steps)
    ),
    # A closing ritual of closeness.
    "affection": lambda s: any(
        word in s.steps[-1].ritual.casefold() for word in ("hug", "hold", "hand", "close", "lean")
    ),
    # Looking back at what was kept.
    "celebrating-progress": lambda s: any(isinstance(step, ReviewStep) for step in s.steps),
}


def test_themes_map_one_to_one_to_the_ten_ideas() -> None:
    assert len(THEMES) == 10
    assert set(IDEA_CHECKS) == set(THEMES)


@pytest.mark.parametrize("theme", THEMES)
def test_every_idea_is_served_by_a_script_that_really_does_it(theme: str) -> None:
    claiming = [entry.script for entry in builtin_library().scripts() if theme in entry.script.themes]
    assert claiming, f"no script claims the idea {theme!r}"
    serving = [found.id for found in claiming if IDEA_CHECKS[theme](found)]
    assert serving, f"scripts claim {theme!r} but none has the steps for it: {[s.id for s in claiming]}"


def test_every_script_claims_at_least_one_idea() -> None:
    for entry in builtin_library().scripts():
        assert entry.script.themes, entry.script.id


# -- words and widths ---------------------------------------------------------------------------------
def test_every_text_fits_the_place_it_appears_in() -> None:
    problems = [problem for text in all_texts(builtin_library()) for problem in width_problems(text)]
    assert problems == []


def test_no_text_uses_a_banned_word() -> None:
    found = [
        (text.where, banned_words_in(text.text, allowed=text.allowed))
        for text in all_texts(builtin_library())
        if banned_words_in(text.text, allowed=text.allowed)
    ]
    assert found == []


def test_guides_and_prompts_invite_rather_than_order() -> None:
    found = [
        (text.where, banned_words_in(text.text, BANNED_IN_GUIDES))
        for text in all_texts(builtin_library())
        if text.kind in ("guide", "prompt", "step-text", "note")
        and banned_words_in(text.text, BANNED_IN_GUIDES)
    ]
    assert found == []


def test_inline_questions_are_open() -> None:
    for entry in builtin_library().scripts():
        for question in inline_questions(entry.script):
            assert question.endswith("?"), question
            assert not is_closed_question(question), question


def test_guides_speak_to_one_role_in_the_second_person_without_blame() -> None:
    for entry in builtin_library().scripts():
        for step in steps_of(entry.script, TurnsStep):
            for guide in (step.speaker_guide, step.listener_guide):
                assert guide.strip(), f"{entry.script.id}: a turn without a guide for each role"
                assert "fault" not in guide.casefold() and "blame" not in guide.casefold(), guide
