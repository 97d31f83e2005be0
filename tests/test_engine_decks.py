"""Decks that do not repeat: cards seen in the last 30 days come only once the others have run out, and a
`favourites = true` step asks the couple's favourites again on purpose. The clock is a ManualClock."""

from __future__ import annotations

from engine_support import DECK, PARTNERS, script_from, started_session, through_json

from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.events import Answer, Continue, Start, ToggleFavourite
from tui.core.seen_lately import SEEN_LATELY_DAYS, seen_lately_since
from tui.store.memory import InMemoryStore

DECK_STEP = '[[steps]]\nkind = "questions"\ndeck = "test-deck"\ncount = 2\n'
ALL_CARDS = {card.text for card in DECK.questions}
DAY = 24 * 3600.0


def cards_of(session: Session) -> list[str]:
    """The cards the session's current questions step drew."""
    return list(session.runner.cards)  # type: ignore[union-attr]


def answer_all(session: Session, favourite_first: bool = False) -> None:
    """Answer every card of the current step, keeping the first as a favourite when asked."""
    if favourite_first:
        assert session.handle(ToggleFavourite())
    while session.runner is not None and session.runner.step.kind == "questions" and not session.is_over:
        assert session.handle(Answer("An answer"))


def next_session(store: InMemoryStore, clock: ManualClock, steps: str = DECK_STEP, seed: int = 7) -> Session:
    """A session built as the app builds one: handed what the store says was seen lately."""
    seen = store.questions_seen_since(seen_lately_since(clock.now()))
    return started_session(
        script_from(steps), clock, seed=seed, recent_questions=seen["seen"], favourite_questions=seen["favourites"]
    )


def test_cards_seen_lately_are_drawn_last_for_every_seed() -> None:
    for seed in range(40):
        recent = set(cards_of(started_session(script_from(DECK_STEP), seed=seed)))
        again = started_session(script_from(DECK_STEP), seed=seed, recent_questions=recent)
        assert not recent & set(cards_of(again)), seed
        assert set(cards_of(again)) == ALL_CARDS - recent


def test_when_too_few_fresh_cards_remain_seen_ones_fill_the_step() -> None:
    recent = ALL_CARDS - {"What are you proud of?"}
    session = started_session(script_from(DECK_STEP), recent_questions=recent)
    assert cards_of(session)[0] == "What are you proud of?"
    assert cards_of(session)[1] in recent


def test_an_inline_list_is_the_script_own_plan_and_keeps_its_order() -> None:
    steps = '[[steps]]\nkind = "questions"\nquestions = ["First?", "Second?"]\nshuffle = false\n'
    session = started_session(script_from(steps), recent_questions={"First?"})
    assert cards_of(session) == ["First?", "Second?"]


def test_the_window_is_thirty_days_on_the_injected_clock() -> None:
    clock = ManualClock()
    store = InMemoryStore(now=clock.now)
    first = next_session(store, clock)
    seen = cards_of(first)
    answer_all(first)
    store.save_session(first.record())
    clock.advance(10 * DAY)
    second = next_session(store, clock)
    assert not set(seen) & set(cards_of(second))
    clock.advance((SEEN_LATELY_DAYS - 10) * DAY + 60)  # the first session is now just over 30 days old
    assert seen_lately_since(clock.now()) > first.started_at
    assert store.questions_seen_since(seen_lately_since(clock.now()))["seen"] == []


def test_a_favourite_seen_lately_is_asked_again_on_purpose_and_otherwise_waits() -> None:
    clock = ManualClock()
    store = InMemoryStore(now=clock.now)
    first = next_session(store, clock)
    favourite = cards_of(first)[0]
    answer_all(first, favourite_first=True)
    store.save_session(first.record())
    clock.advance(2 * DAY)
    for seed in range(20):
        assert favourite not in cards_of(next_session(store, clock, seed=seed))
        on_purpose = next_session(store, clock, DECK_STEP + "favourites = true\n", seed=seed)
        assert cards_of(on_purpose)[0] == favourite


def test_a_continued_session_draws_the_same_cards_with_what_it_was_handed() -> None:
    clock = ManualClock()
    steps = '[[steps]]\nkind = "note"\ntext = "First"\n\n' + DECK_STEP + "favourites = true\n"
    script = script_from(steps)
    recent, favourites = ["What made you laugh today?", "What are you proud of?"], ["What are you proud of?"]
    session = Session(
        script, PARTNERS, clock, decks={DECK.id: DECK}, seed=5, recent_questions=recent, favourite_questions=favourites
    )
    assert session.handle(Start())
    restored = Session.restore(through_json(session.snapshot()), script, clock, {DECK.id: DECK})
    assert restored.context.recent_questions == frozenset(recent)
    assert restored.context.favourite_questions == tuple(favourites)
    assert session.handle(Continue()) and restored.handle(Continue())
    assert cards_of(restored) == cards_of(session) == ["What are you proud of?", cards_of(session)[1]]
    assert cards_of(session)[1] not in recent
