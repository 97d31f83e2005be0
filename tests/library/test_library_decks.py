"""The built-in decks: enough open questions for any couple, each said once, tagged and short enough."""

from __future__ import annotations

import pytest
from library_support import (
    QUESTION_MAX,
    banned_words_in,
    builtin_library,
    inline_questions,
    is_closed_question,
    near_duplicates,
    normalise,
)

from tui.core.script_model import INTENSITIES

REQUIRED_DECKS = (
    "curious",  # getting to know each other again
    "dreams-and-values",
    "appreciation",
    "gentle-repair",
    "light-and-playful",
    "memories",
)


def every_question() -> list[str]:
    """Every question in the library: deck cards and questions written into scripts."""
    library = builtin_library()
    cards = [question.text for deck in library.decks.values() for question in deck.questions]
    return cards + [q for entry in library.scripts() for q in inline_questions(entry.script)]


def test_the_six_decks_exist_with_at_least_180_questions_in_all() -> None:
    decks = builtin_library().decks
    assert set(REQUIRED_DECKS) <= set(decks)
    assert sum(len(deck.questions) for deck in decks.values()) >= 180
    for deck_id in REQUIRED_DECKS:
        assert len(decks[deck_id].questions) >= 25, deck_id
    assert decks["curious"].title == "Getting to know each other again"


def test_every_deck_is_used_by_some_script() -> None:
    library = builtin_library()
    used = {getattr(step, "deck", "") for entry in library.scripts() for step in entry.script.steps}
    assert set(library.decks) <= used


def test_every_question_is_tagged_and_the_decks_span_light_to_deep() -> None:
    library = builtin_library()
    levels = {question.intensity for deck in library.decks.values() for question in deck.questions}
    assert levels == set(INTENSITIES)
    repair = [question.intensity for question in library.decks["gentle-repair"].questions]
    assert repair.count("deep") >= 8 and repair.count("light") >= 3, "repair starts gently and goes deep"
    playful = [question.intensity for question in library.decks["light-and-playful"].questions]
    assert "deep" not in playful


@pytest.mark.parametrize("deck_id", REQUIRED_DECKS)
def test_every_card_is_an_open_question_that_fits_the_card(deck_id: str) -> None:
    for question in builtin_library().decks[deck_id].questions:
        text = question.text
        assert text.endswith("?"), text
        assert not is_closed_question(text), f"closed question: {text}"
        assert len(text) <= QUESTION_MAX, text
        assert text == text.strip() and "  " not in text, text
        assert banned_words_in(text) == [], (text, banned_words_in(text))


def test_no_two_questions_are_the_same_once_normalised() -> None:
    questions = every_question()
    seen: dict[str, str] = {}
    repeats = []
    for question in questions:
        key = normalise(question)
        if key in seen:
            repeats.append((seen[key], question))
        seen[key] = question
    assert repeats == []


def test_no_two_questions_are_near_duplicates() -> None:
    assert near_duplicates(every_question()) == []


# -- the checkers themselves catch what they are meant to -----------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "Do you like mornings?",
        "Is it hard to rest?",
        "Are you happy?",
        "Did you sleep well?",
        "Have you ever been to the sea?",
        "Can you remember our first trip?",
        "Would you move abroad?",
        "Could we try again?",
        "Was it fun?",
    ],
)
def test_the_closed_question_check_catches_yes_or_no_questions(question: str) -> None:
    assert is_closed_question(question)


@pytest.mark.parametrize(
    "question",
    ["What made you laugh today?", "Which place calms you?", "How was your day?", "If you could fly, where?"],
)
def test_the_closed_question_check_lets_open_questions_through(question: str) -> None:
    assert not is_closed_question(question)


def test_the_duplicate_checks_catch_repeats_and_near_repeats() -> None:
    assert normalise("What made you LAUGH, today?") == normalise("what made you laugh today")
    pairs = near_duplicates(
        [
            "What small thing reliably lifts your mood?",
            "What small thing reliably lifts your mood these days?",
            "Which fictional world would you move into?",
        ]
    )
    assert [(a, b) for a, b, _ in pairs] == [
        (
            "What small thing reliably lifts your mood?",
            "What small thing reliably lifts your mood these days?",
        )
    ]


def test_the_banned_word_check_finds_whole_words_only() -> None:
    assert banned_words_in("What would your wife say?") == ["wife"]
    assert banned_words_in("What should we cook?") == ["should"]
    assert banned_words_in("What brings you together with others?") == []
    assert banned_words_in("What did your childhood smell like?") == []
