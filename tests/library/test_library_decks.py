"""The built-in decks: enough open questions for a year of daily use, each said once, in one voice,
tagged from light to deep and short enough for the card; opt-in decks are marked as such."""

from __future__ import annotations

import pytest
from deck_checks import content_words, overlap_reason, overlapping_pairs
from library_support import (
    QUESTION_MAX,
    TOPIC_WORDS,
    banned_words_in,
    builtin_library,
    inline_questions,
    is_closed_question,
    near_duplicates,
    normalise,
    words,
)

from tui.core.script_model import INTENSITIES

REQUIRED_DECKS = (
    "curious",  # getting to know each other again
    "dreams-and-values",
    "appreciation",
    "gentle-repair",
    "light-and-playful",
    "memories",
    "energy-and-rest",
    "intimacy-and-affection",
    "money-and-values",
    "family-and-friends",
    "needs-and-requests",
    "gratitude",
    "dates-and-fun",
    "future-together",
    "long-distance",
    "load-at-home",
    "parenting",
    "desire",
)
OPT_IN_DECKS = ("parenting", "desire")
# The reader's voice: "you" answers, "I"/"me" reads the card aloud, "we"/"us" are the two of you.
READER_WORDS = ("i", "me", "my", "mine", "myself", "i'm", "i've", "i'd")
THIRD_PERSON_WORDS = ("partner", "partners", "partner's")


def every_question() -> list[str]:
    """Every question in the library: deck cards and questions written into scripts."""
    library = builtin_library()
    cards = [question.text for deck in library.decks.values() for question in deck.questions]
    return cards + [q for entry in library.scripts() for q in inline_questions(entry.script)]


def test_the_library_has_at_least_600_questions_in_at_least_14_decks() -> None:
    decks = builtin_library().decks
    assert set(REQUIRED_DECKS) <= set(decks)
    assert len(decks) >= 14
    assert sum(len(deck.questions) for deck in decks.values()) >= 600
    for deck_id in REQUIRED_DECKS:
        assert len(decks[deck_id].questions) >= 30, deck_id
    assert decks["curious"].title == "Getting to know each other again"


def test_only_the_parenting_and_desire_decks_are_opt_in() -> None:
    decks = builtin_library().decks
    assert {deck.id for deck in decks.values() if deck.opt_in} == set(OPT_IN_DECKS)
    for deck_id in OPT_IN_DECKS:
        assert "Off until you turn it on" in decks[deck_id].summary, deck_id


def test_every_deck_is_used_by_some_script() -> None:
    library = builtin_library()
    used = {getattr(step, "deck", "") for entry in library.scripts() for step in entry.script.steps}
    assert set(library.decks) <= used, sorted(set(library.decks) - used)


@pytest.mark.parametrize("deck_id", REQUIRED_DECKS)
def test_every_deck_spans_light_to_deep(deck_id: str) -> None:
    levels = [question.intensity for question in builtin_library().decks[deck_id].questions]
    assert set(levels) == set(INTENSITIES), deck_id
    assert all(levels.count(level) >= 2 for level in INTENSITIES), deck_id


def test_repair_starts_gently_and_goes_deep_and_playful_stays_mostly_light() -> None:
    decks = builtin_library().decks
    repair = [question.intensity for question in decks["gentle-repair"].questions]
    assert repair.count("deep") >= 8 and repair.count("light") >= 3
    playful = [question.intensity for question in decks["light-and-playful"].questions]
    assert playful.count("light") >= 0.8 * len(playful)


@pytest.mark.parametrize("deck_id", REQUIRED_DECKS)
def test_every_card_is_an_open_question_that_fits_the_card(deck_id: str) -> None:
    allowed = TOPIC_WORDS.get(deck_id, ())
    for question in builtin_library().decks[deck_id].questions:
        text = question.text
        assert text.endswith("?"), text  # activity cards too: an invitation to choose or plan together
        assert not is_closed_question(text), f"closed question: {text}"
        assert len(text) <= QUESTION_MAX, text
        assert text == text.strip() and "  " not in text, text
        banned = banned_words_in(text, allowed=allowed)
        assert banned == [], (text, banned)


def test_every_card_speaks_to_the_partner_in_the_voice_of_the_one_reading_it_aloud() -> None:
    for deck in builtin_library().decks.values():
        for question in deck.questions:
            said = set(words(question.text))
            assert not said & set(THIRD_PERSON_WORDS), f"speaks of someone, not to them: {question.text}"
    appreciation = [question.text for question in builtin_library().decks["appreciation"].questions]
    assert all(set(words(text)) & set(READER_WORDS) for text in appreciation), "appreciation is of the reader"


def test_dates_and_fun_offers_free_things_to_do_together() -> None:
    cards = [question.text for question in builtin_library().decks["dates-and-fun"].questions]
    free = [
        text
        for text in cards
        if {"free", "cost", "pockets", "cupboard", "home", "blankets"} & set(words(text))
    ]
    assert len(free) >= 8, free
    together = [text for text in cards if {"we", "us", "our", "me"} & set(words(text))]
    assert len(together) == len(cards), sorted(set(cards) - set(together))


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


def test_no_two_questions_share_most_of_their_words_or_a_long_run_of_them() -> None:
    assert overlapping_pairs(every_question()) == []


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


@pytest.mark.parametrize(
    ("first", "second"),
    [  # near-duplicates a careful reading found in the library before; each was rewritten
        (
            "What does a good life look like to you, in a few plain words?",
            "What does a generous life look like to you?",
        ),
        (
            "When did your partner last surprise you in a good way?",
            "When did your partner last make you feel understood?",
        ),
        (
            "What did rest look like in the home you grew up in?",
            "What did chores look like in the home you grew up in?",
        ),
        (
            "What would you love to hear from me more often?",
            "What compliment would you like to hear from me more often?",
        ),
        (
            "What would a day together look like that we would still remember in ten years?",
            "Where would you love to be in ten years, and what would a day there look like?",
        ),
        (
            "Which money habit of the people who raised you would you keep?",
            "How did the people who raised you show each other affection?",
        ),
    ],
)
def test_the_word_overlap_check_catches_the_near_duplicates_found_before(first: str, second: str) -> None:
    assert overlap_reason(first, second)
    assert first not in every_question() or second not in every_question()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "What would help you feel a little safer talking about this?",
            "What would help you feel more at ease?",
        ),
        (
            "When do you feel closest to me during an ordinary day?",
            "When did you feel closest to me while apart?",
        ),
        (
            "What made you feel attractive this week?",
            "What did you do today that gave you a little energy back?",
        ),
    ],
)
def test_the_word_overlap_check_lets_a_shared_question_frame_through(first: str, second: str) -> None:
    assert overlap_reason(first, second) == ""


def test_content_words_leave_out_the_question_frame_and_fold_endings() -> None:
    assert content_words("What would help you feel rested on your days off?") == {"rest", "off"}
    assert content_words("Which day out together do you find yourself thinking about?") == {
        "day",
        "out",
        "together",
        "think",
    }


def test_the_banned_word_check_finds_whole_words_only() -> None:
    assert banned_words_in("What would your wife say?") == ["wife"]
    assert banned_words_in("What should we cook?") == ["should"]
    assert banned_words_in("What brings you together with others?") == []
    assert banned_words_in("What did your childhood smell like?") == []
