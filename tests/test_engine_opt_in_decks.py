"""Decks marked opt-in (parenting, desire) are never drawn unless the couple has turned them on: the
setting is handed to the session, and a step that would draw from such a deck says so and moves on."""

from __future__ import annotations

from engine_support import DECK, HEADER, PARTNERS, through_json

from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.events import Answer, Continue, SkipQuestion, Start, ToggleFavourite
from tui.core.runners.conversation import DECK_OFF
from tui.core.script_loader import parse_script_bytes
from tui.core.script_model import Deck, DeckQuestion

OPT_IN = Deck(
    id="opt-in-deck",
    title="Opt-in deck",
    summary="",
    questions=tuple(DeckQuestion(f"What would you like to say about {n}?") for n in range(6)),
    opt_in=True,
)
DECKS = {DECK.id: DECK, OPT_IN.id: OPT_IN}
STEPS = """
[[steps]]
kind = "questions"
deck = "opt-in-deck"
count = 3

[[steps]]
kind = "questions"
deck = "test-deck"
count = 2
"""
OPT_IN_CARDS = {card.text for card in OPT_IN.questions}


def find(deck_id: str) -> Deck | None:
    """Both test decks by id."""
    return DECKS.get(deck_id)


def session_of(opt_in_decks: bool | None, seed: int = 7) -> Session:
    """A started session of the two-step script; None leaves the setting at its default."""
    script = parse_script_bytes((HEADER + STEPS).encode(), "opt-in.toml", find)
    options = {} if opt_in_decks is None else {"opt_in_decks": opt_in_decks}
    session = Session(script, PARTNERS, ManualClock(), decks=DECKS, seed=seed, **options)
    assert session.handle(Start())
    return session


def drawn(session: Session) -> list[str]:
    """Every card the session shows, step by step, answering each and passing a deck that is off."""
    shown: list[str] = []
    while not session.is_over:
        runner = session.runner
        assert runner is not None
        if runner.phase == DECK_OFF:
            assert runner.cards == []
            assert session.handle(Continue())
            continue
        shown.append(runner.card)
        assert session.handle(Answer("An answer"))
    return shown


def test_an_opt_in_deck_is_never_drawn_while_it_is_off_for_any_seed() -> None:
    for seed in range(30):
        for setting in (None, False):
            session = session_of(setting, seed)
            shown = drawn(session)
            assert not OPT_IN_CARDS & set(shown), (seed, setting)
            assert len(shown) == 2  # the other deck's step still asks its cards


def test_an_opt_in_deck_is_drawn_once_it_is_turned_on() -> None:
    for seed in range(10):
        shown = drawn(session_of(True, seed))
        assert len(OPT_IN_CARDS & set(shown)) == 3, seed


def test_the_step_of_a_deck_that_is_off_waits_for_enter_and_takes_nothing_else() -> None:
    session = session_of(False)
    runner = session.runner
    assert runner is not None and runner.phase == DECK_OFF
    assert runner.deck_title == "Opt-in deck"
    for event in (Answer("words"), SkipQuestion(), ToggleFavourite()):
        assert not session.handle(event)
    assert session.handle(Continue())
    assert session.runner is not None and session.runner.step.deck == "test-deck"
    outcome = session.snapshot()["step_outcomes"][0]
    assert outcome["deck_off"] is True and outcome["cards"] == 0


def test_continue_is_not_accepted_while_cards_are_being_answered() -> None:
    session = session_of(True)
    assert not session.handle(Continue())


def test_a_continued_session_follows_the_setting_as_it_is_now() -> None:
    session = session_of(True)
    snapshot = through_json(session.snapshot())
    assert snapshot["opt_in_decks"] is True
    script = session.script
    # turned off since: the step that was waiting keeps its cards, later opt-in steps draw none
    restored = Session.restore(snapshot, script, ManualClock(), DECKS, opt_in_decks=False)
    assert restored.context.opt_in_decks is False
    kept = Session.restore(snapshot, script, ManualClock(), DECKS)
    assert kept.context.opt_in_decks is True
    off = through_json(session_of(False).snapshot())
    assert Session.restore(off, script, ManualClock(), DECKS).context.opt_in_decks is False


def test_a_restored_step_of_a_deck_turned_off_since_draws_no_new_cards() -> None:
    session = session_of(True)
    assert session.handle(Answer("An answer"))  # on the opt-in step, cards drawn while it was on
    snapshot = through_json(session.snapshot())
    restored = Session.restore(snapshot, session.script, ManualClock(), DECKS, opt_in_decks=False)
    assert drawn(restored)[:2] == session.runner.cards[1:]  # type: ignore[union-attr]
