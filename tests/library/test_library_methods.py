"""Each method script keeps its method's shape: the order of its phases, who speaks, what the listener does."""

from __future__ import annotations

from library_support import builtin_library, is_closed_question, program_texts, script_texts
from method_support import (
    answerer,
    floors,
    index_of,
    script,
    speaking_minutes_each,
    steps_of,
    titled,
    turn_order,
)

from tui.core.script_model import (
    AppreciationStep,
    CaptureStep,
    CheckinStep,
    CloseStep,
    NoteStep,
    QuestionsStep,
    RevealStep,
    ReviewStep,
    TurnsStep,
    other,
)

GENTLE = "low-energy"


def test_speaker_listener_keeps_the_floor_through_three_paraphrases_before_it_passes() -> None:
    found = script("speaker-listener")
    assert "speaker-listener" in found.method
    for first in ("a", "b"):
        held = floors(found, first)
        assert [speaker for speaker, _ in held] == [first, other(first)], "the floor passes once, both ways"
        assert all(pieces >= 3 for _, pieces in held), held
    assert all(step.topic for step in steps_of(found, TurnsStep))
    assert 5 <= 2 * speaking_minutes_each(found) <= 15
    assert "time-out" in " ".join(step.text for step in steps_of(found, NoteStep))


def test_mirroring_goes_in_short_pieces_then_summary_sense_and_feeling_by_the_receiver_then_swaps() -> None:
    found = script("mirroring-dialogue")
    assert "mirroring" in found.method
    turns = steps_of(found, TurnsStep)
    assert len(turns) == 2 and all(step.reflect == "mirror" and step.minutes <= 2 for step in turns)
    for first in ("a", "b"):
        senders = [speaker for speaker, _ in turn_order(found, first)]
        assert senders == [first, other(first)]
        for turn_number, turn in enumerate(turns):
            start = found.steps.index(turn)
            after = found.steps[start + 1 : start + 4]
            assert [step.title.casefold() for step in after] == [
                "sum it up",
                "what makes sense",
                "how it might feel",
            ]
            receiver = other(senders[turn_number])
            assert all(
                isinstance(step, QuestionsStep) and answerer(step, first) == receiver for step in after
            )
    assert "is there more" in turns[0].listener_guide.casefold()
    wording = [" ".join(step.questions).casefold() for step in steps_of(found, QuestionsStep)]
    assert any("makes sense, because" in text for text in wording)
    assert any("i imagine you feel" in text for text in wording)


def test_ten_minutes_each_gives_two_protected_turns_without_a_forced_paraphrase() -> None:
    found = script("ten-minutes-each")
    assert "ten-minute rule" in found.method
    turns = steps_of(found, TurnsStep)
    assert [(step.minutes, step.rounds, step.speakers, step.reflect) for step in turns] == [
        (10, 1, "both", "none")
    ]


def test_ten_minutes_together_is_one_shared_talk_about_anything_but_the_usual_load() -> None:
    found = script("ten-minutes-together")
    assert found.method == "ten-minute rule"
    assert not steps_of(found, TurnsStep), "one shared talk, no turns"
    talk = [step for step in steps_of(found, NoteStep) if step.minutes == 10]
    assert len(talk) == 1
    for topic in ("work", "chores", "the two of you"):
        assert topic in talk[0].text


def test_stress_reducing_is_daily_with_turns_near_fifteen_minutes_and_a_listener_on_their_side() -> None:
    found = script("stress-reducing")
    assert "stress-reducing" in found.method and "daily" in found.tags
    assert 14 <= speaking_minutes_each(found) <= 15
    guide = steps_of(found, TurnsStep)[0].listener_guide.casefold()
    for words in ("against the world", "side", "hand", "makes sense", "advice only if asked"):
        assert words in guide, words


def test_state_of_the_union_opens_with_appreciations_reviews_after_and_ends_with_feeling_loved() -> None:
    found = script("state-of-the-union")
    assert "state of the union" in found.method
    assert isinstance(found.steps[0], CheckinStep)
    assert isinstance(found.steps[1], AppreciationStep) and found.steps[1].each == 5
    went_well = index_of(found, titled("went well"))
    review = index_of(found, lambda step: isinstance(step, ReviewStep))
    issue = index_of(found, lambda step: isinstance(step, TurnsStep) and step.reflect == "paraphrase")
    assert 1 < went_well < review < issue
    last = found.steps[-2]
    assert isinstance(last, CaptureStep) and "feel loved" in last.prompt
    assert (
        "state of the union" in found.summary.casefold() and "how the two of you are doing" in found.summary
    )
    assert 45 <= found.total_minutes() <= 70


def test_temperature_reading_asks_aloud_in_its_five_parts_with_plain_titles() -> None:
    found = script("temperature-reading")
    assert "temperature reading" in found.method
    order = [
        index_of(found, lambda step: isinstance(step, AppreciationStep)),
        index_of(found, titled("new information")),
        index_of(found, titled("wonder")),
        index_of(found, titled("complaint")),
        index_of(found, lambda step: isinstance(step, QuestionsStep) and "wish" in step.title.casefold()),
        index_of(found, lambda step: isinstance(step, CaptureStep) and step.kinds == ("wish",)),
    ]
    assert order == sorted(order)
    assert "ask your partner" in found.steps[order[2]].questions[0] + found.steps[order[2]].text.casefold()
    assert "defend" in found.steps[order[3]].text
    assert "puzzle" not in " ".join(step.title.casefold() for step in found.steps)
    assert 15 <= found.total_minutes() <= 20


def test_couple_meeting_starts_with_appreciation_and_reviews_promises_in_the_chores_part() -> None:
    found = script("couple-meeting")
    assert "couple meeting" in found.method
    assert isinstance(found.steps[1], AppreciationStep), "appreciation comes first"
    review = index_of(found, lambda step: isinstance(step, ReviewStep))
    assert "chores" in found.steps[review].title.casefold()
    order = [1, review, index_of(found, titled("chores for")), index_of(found, titled("good time"))]
    order.append(index_of(found, lambda step: isinstance(step, TurnsStep)))
    assert order == sorted(order)
    assert "I statements" not in found.summary
    assert 15 <= found.total_minutes() <= 45


def test_aftermath_of_a_fight_follows_the_method_from_calm_to_a_promise_and_a_request() -> None:
    found = script("after-a-fight")
    assert "aftermath" in found.method and found.gentler == GENTLE
    opening, checkin = found.steps[0], found.steps[1]
    assert isinstance(opening, NoteStep) and "finish key" in opening.text and "another day" in opening.text
    assert isinstance(checkin, CheckinStep) and checkin.low_at >= 2 and "calm" in checkin.question
    feelings = found.steps[index_of(found, titled("feelings"))]
    assert isinstance(feelings, RevealStep) and "not the why" in feelings.text
    order = [
        index_of(found, titled("feelings")),
        index_of(found, titled("how each of you saw it")),
        index_of(found, titled("set you up")),
        index_of(found, titled("set it off")),
        index_of(found, titled("your own part")),
        index_of(found, titled("apology")),
        index_of(found, lambda step: isinstance(step, CaptureStep) and step.kinds == ("promise",)),
        index_of(found, lambda step: isinstance(step, CaptureStep) and step.kinds == ("request",)),
    ]
    assert order == sorted(order)
    assert "tiredness" in found.steps[order[2]].questions[0]
    assert all(step.each for step in steps_of(found, CaptureStep)), "one thing asked of each"
    assert 30 <= found.total_minutes() <= 45


def test_dreams_within_conflict_shows_open_questions_during_turns_near_fifteen_minutes() -> None:
    found = script("dreams-within-conflict")
    assert "dreams within conflict" in found.method
    turn = steps_of(found, TurnsStep)[0]
    assert 14 <= turn.minutes <= 15
    asked = [
        part.strip() + "?" for part in turn.text.removeprefix("Questions to ask:").split("?") if part.strip()
    ]
    assert len(asked) >= 4 and not [question for question in asked if is_closed_question(question)]


def test_gentle_repair_opens_with_its_two_questions_before_the_deck() -> None:
    found = script("gentle-repair")
    questions = steps_of(found, QuestionsStep)
    opening, deck = questions[0], questions[1]
    assert not opening.shuffle and opening.count == len(opening.questions) == 2
    assert "hurt you the most" in opening.questions[0] and "now" in opening.questions[1]
    assert deck.deck == "gentle-repair"
    assert found.steps.index(opening) < found.steps.index(deck)


def test_the_new_scripts_the_issue_asks_for_do_what_they_say() -> None:
    plan = script("plan-a-good-time")
    assert steps_of(plan, RevealStep) and steps_of(plan, CaptureStep)
    rituals = " ".join(steps_of(script("rituals-of-connection"), QuestionsStep)[0].questions).casefold()
    assert all(moment in rituals for moment in ("start", "part", "come back", "end"))
    decision = [script(f"decision-{part}") for part in ("hopes", "options", "next-step")]
    assert [step.title.casefold() for step in steps_of(decision[1], RevealStep)] == [
        "what is core",
        "where you can bend",
    ]
    assert steps_of(decision[2], CaptureStep)[0].kinds == ("promise",)
    assert steps_of(script("asking-for-what-i-need"), CaptureStep)[0].kinds == ("request",)
    assert "whole" in steps_of(script("sharing-the-load"), CaptureStep)[0].prompt
    thanks = script("a-minute-of-thanks")
    assert [step.kind for step in thanks.steps] == ["appreciation", "close"] and thanks.total_minutes() <= 4
    back = script("after-a-time-out")
    assert isinstance(back.steps[1], CheckinStep) and "calm" in back.steps[1].question
    year = script("year-in-review")
    assert year.remember_when and steps_of(year, ReviewStep)


def test_every_reveal_says_plainly_it_is_not_a_contest_unless_it_shares_feelings() -> None:
    for entry in builtin_library().scripts():
        reveals = steps_of(entry.script, RevealStep)
        for number, step in enumerate(reveals):
            if step.title == "Feelings" or number > 0:
                continue  # the feelings are only read; a second reveal follows the first's words
            assert "not a contest" in step.text.casefold(), f"{entry.script.id}: {step.title}"


def test_every_ritual_is_an_invitation() -> None:
    for entry in builtin_library().scripts():
        close = entry.script.steps[-1]
        assert isinstance(close, CloseStep)
        assert "if you like" in close.ritual.casefold(), entry.script.id


OLD_PHRASES = (
    "no rebuttal",
    "only listen. no fixing",
    "no unasked advice",
    "i statements",
    "not yet is not a failure",
    "finish with",
    "tonight",
    "good night",
    "evening",
)


def test_one_voice_no_script_or_program_keeps_the_old_orders_or_assumes_an_evening() -> None:
    library = builtin_library()
    texts = [text for entry in library.scripts() for text in script_texts(entry.script)]
    texts += [text for program in library.programs.values() for text in program_texts(program)]
    found = [
        (text.where, phrase) for text in texts for phrase in OLD_PHRASES if phrase in text.text.casefold()
    ]
    assert found == []
