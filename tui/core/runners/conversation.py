"""Check-ins, appreciation rounds and question cards: steps where the partners take turns aloud."""

from __future__ import annotations

from typing import Any

from tui.core.events import (
    Answer,
    ChooseGentler,
    Continue,
    Event,
    GiveAppreciation,
    Rate,
    SkipQuestion,
    ToggleFavourite,
)
from tui.core.runners.base import DONE, StepRunner
from tui.core.script_model import AppreciationStep, CheckinStep, PartnerId, QuestionsStep, other

RATING = "rating"
LOW_OFFER = "low_offer"
GIVING = "giving"
ANSWERING = "answering"
DECK_OFF = "deck_off"  # the step's deck is opt-in and turned off: a kind word, then the step is passed

DEFAULT_STARTERS = (
    "I appreciated it when you...",
    "Something you did lately that made my day easier was...",
    "I noticed how you...",
    "I felt close to you when...",
    "Thank you for...",
    "I admire the way you...",
)
MAX_TYPED_LENGTH = 2000


def typed(text: str) -> str:
    """Typed text as kept: trimmed, and never longer than the record allows."""
    return text.strip()[:MAX_TYPED_LENGTH]


class CheckinRunner(StepRunner, kind="checkin"):
    """Each partner rates their energy 1-5 in turn; low ratings offer a gentler script."""

    step: CheckinStep

    def start(self) -> None:
        """Ask the first partner, or take the ratings already given before a switch."""
        self.ratings: dict[str, int] = {}
        self.phase = RATING
        prefilled = self.context.prefilled_checkins
        if prefilled and set(prefilled) == {"a", "b"}:
            for partner in self.order():
                self._record(partner, prefilled[partner], carried=True)
            self.phase = DONE

    @property
    def rater(self) -> PartnerId:
        """Whose rating is asked for now."""
        for partner in self.order():
            if partner not in self.ratings:
                return partner
        return self.order()[-1]

    @property
    def is_low(self) -> bool:
        """Whether either partner's energy is at or below the script's low mark."""
        return any(value <= self.step.low_at for value in self.ratings.values())

    def _record(self, partner: PartnerId, value: int, carried: bool = False) -> None:
        self.ratings[partner] = value
        entry = {"step": self.index, "partner": partner, "value": value, "at": self.context.now_iso()}
        if carried:
            entry["carried_over"] = True
        self.context.log.checkins.append(entry)

    def accepts(self, event: Event) -> bool:
        """A rating 1-5 while rating; after a low check-in, carry on or choose a gentler script."""
        if self.phase == RATING and isinstance(event, Rate):
            value = event.value
            return not isinstance(value, bool) and isinstance(value, int) and 1 <= value <= 5
        return self.phase == LOW_OFFER and isinstance(event, Continue | ChooseGentler)

    def apply(self, event: Event) -> None:
        """Ratings in order; a low pair makes the gentle offer when there is a gentler script."""
        if isinstance(event, Rate):
            self._record(self.rater, event.value)
            if len(self.ratings) == 2:
                offer = self.is_low and self.step.offer_gentler and bool(self.context.gentler_script_id)
                self.phase = LOW_OFFER if offer else DONE
            return
        self.switch_requested = isinstance(event, ChooseGentler)
        self.phase = DONE

    def outcome(self) -> dict[str, Any]:
        """The two ratings, never compared or scored."""
        return {"ratings": dict(self.ratings), "low": self.is_low}

    def snapshot(self) -> dict[str, Any]:
        """Phase and ratings so far."""
        return {"phase": self.phase, "ratings": dict(self.ratings)}

    def restore(self, data: dict[str, Any]) -> None:
        """Continue with the ratings already given."""
        super().restore(data)
        self.ratings = {key: int(value) for key, value in data.get("ratings", {}).items()}


class AppreciationRunner(StepRunner, kind="appreciation"):
    """Alternating appreciations, `each` per partner, with a sentence starter for every one."""

    step: AppreciationStep

    def start(self) -> None:
        """Begin with the first giver."""
        self.given = 0
        self.phase = GIVING

    @property
    def total(self) -> int:
        """How many appreciations the round holds."""
        return self.step.each * 2

    @property
    def giver(self) -> PartnerId:
        """Who appreciates now."""
        return self.order()[self.given % 2]

    @property
    def author(self) -> PartnerId | None:
        """The giver, while appreciations are being given."""
        return self.giver if self.phase == GIVING else None

    @property
    def receiver(self) -> PartnerId:
        """Who is being appreciated now."""
        return other(self.giver)

    @property
    def starter(self) -> str:
        """A sentence starter for this appreciation (cycling through the script's or ours)."""
        starters = self.step.starters or DEFAULT_STARTERS
        return starters[self.given % len(starters)]

    def accepts(self, event: Event) -> bool:
        """One appreciation at a time, until the round is complete."""
        return (
            self.phase == GIVING and isinstance(event, GiveAppreciation) and self.written_by_author(event.by)
        )

    def apply(self, event: Event) -> None:
        """Each `GiveAppreciation` counts one; typed words are kept when the script says so."""
        assert isinstance(event, GiveAppreciation)
        self.context.log.appreciations.append(
            {
                "step": self.index,
                "from": self.giver,
                "to": self.receiver,
                "text": typed(event.text) if self.step.save else "",
                "at": self.context.now_iso(),
            }
        )
        self.given += 1
        if self.given >= self.total:
            self.phase = DONE

    def outcome(self) -> dict[str, Any]:
        """How many appreciations were given."""
        return {"given": self.given}

    def snapshot(self) -> dict[str, Any]:
        """Phase and count."""
        return {"phase": self.phase, "given": self.given}

    def restore(self, data: dict[str, Any]) -> None:
        """Continue the count."""
        super().restore(data)
        self.given = int(data.get("given", 0))


class QuestionsRunner(StepRunner, kind="questions"):
    """One question card at a time; both answer each card, or the partners alternate."""

    step: QuestionsStep

    def start(self) -> None:
        """Draw the cards for this step (repeatably, from the session's seed); a deck that is turned off
        draws none, and the step says so before it is passed."""
        self.cards = [] if self.deck_is_off else self._draw_cards()
        self.card_index = 0
        self.answered_by: list[PartnerId] = []
        self.phase = DECK_OFF if self.deck_is_off else ANSWERING if self.cards else DONE

    @property
    def deck_title(self) -> str:
        """The title of the step's deck, or "" for a list of questions (or a deck no longer there)."""
        deck = self.context.decks.get(self.step.deck) if self.step.deck else None
        return deck.title if deck else ""

    @property
    def deck_is_off(self) -> bool:
        """Whether the step draws from an opt-in deck that the couple has not turned on."""
        deck = self.context.decks.get(self.step.deck) if self.step.deck else None
        return deck is not None and deck.opt_in and not self.context.opt_in_decks

    def _draw_cards(self) -> list[str]:
        if self.step.questions:
            pool = list(self.step.questions)
        else:
            deck = self.context.decks.get(self.step.deck)
            wanted = set(self.step.intensity) or {"light", "medium", "deep"}
            pool = [card.text for card in deck.questions if card.intensity in wanted] if deck else []
        if self.step.shuffle:
            self.context.rng_for(self.index).shuffle(pool)
        if not self.step.questions:  # a deck: cards seen lately come only once the others have run out
            recent = self.context.recent_questions
            pool = [text for text in pool if text not in recent] + [text for text in pool if text in recent]
        if self.step.favourites:  # asked again on purpose: the couple's favourites first
            favourites = set(self.context.favourite_questions)
            pool = [text for text in pool if text in favourites] + [text for text in pool if text not in favourites]
        return pool[: self.step.count]

    @property
    def card(self) -> str:
        """The question on the current card."""
        return self.cards[min(self.card_index, len(self.cards) - 1)] if self.cards else ""

    @property
    def answerers(self) -> list[PartnerId]:
        """Who answers the current card, in order."""
        first, second = self.order()
        if self.step.answer == "both":
            return [first, second]
        return [first if self.card_index % 2 == 0 else second]

    @property
    def answerer(self) -> PartnerId:
        """Who answers now."""
        remaining = [partner for partner in self.answerers if partner not in self.answered_by]
        return remaining[0] if remaining else self.answerers[-1]

    @property
    def author(self) -> PartnerId | None:
        """The answerer, while the cards are being answered."""
        return self.answerer if self.phase == ANSWERING else None

    @property
    def is_favourite(self) -> bool:
        """Whether the current card is kept as a favourite."""
        return any(
            entry["question"] == self.card and entry["step"] == self.index
            for entry in self.context.log.favourites
        )

    def accepts(self, event: Event) -> bool:
        """While cards remain: an answer, a skip, or keeping the card as a favourite; with the deck
        turned off, only moving on."""
        if self.phase == DECK_OFF:
            return isinstance(event, Continue)
        if isinstance(event, Answer):  # words only from the partner whose card it is
            return self.phase == ANSWERING and self.written_by_author(event.by)
        return self.phase == ANSWERING and isinstance(event, SkipQuestion | ToggleFavourite)

    def apply(self, event: Event) -> None:
        """Answers move through the answerers and cards; skip and favourite act on the card."""
        if isinstance(event, Continue):  # past a deck that is turned off
            self.phase = DONE
            return
        if isinstance(event, Answer):
            self.context.log.answers.append(
                {
                    "step": self.index,
                    "question": self.card,
                    "partner": self.answerer,
                    "text": typed(event.text),
                    "at": self.context.now_iso(),
                }
            )
            self.answered_by.append(self.answerer)
            if len(self.answered_by) >= len(self.answerers):
                self._next_card()
            return
        if isinstance(event, SkipQuestion):
            self.context.log.answers.append(
                {"step": self.index, "question": self.card, "partner": None, "skipped": True, "text": ""}
            )
            self._next_card()
            return
        if isinstance(event, ToggleFavourite):
            if self.is_favourite:
                self.context.log.favourites[:] = [
                    entry
                    for entry in self.context.log.favourites
                    if not (entry["question"] == self.card and entry["step"] == self.index)
                ]
            else:
                self.context.log.favourites.append({"step": self.index, "question": self.card})

    def _next_card(self) -> None:
        self.card_index += 1
        self.answered_by = []
        if self.card_index >= len(self.cards):
            self.phase = DONE

    def outcome(self) -> dict[str, Any]:
        """How many cards were answered and skipped."""
        mine = [entry for entry in self.context.log.answers if entry["step"] == self.index]
        skipped = sum(1 for entry in mine if entry.get("skipped"))
        if self.deck_is_off and not self.cards:
            return {"cards": 0, "skipped": 0, "deck_off": True}
        return {"cards": len(self.cards), "skipped": skipped}

    def snapshot(self) -> dict[str, Any]:
        """Phase, the drawn cards and the position."""
        return {
            "phase": self.phase,
            "cards": list(self.cards),
            "card_index": self.card_index,
            "answered_by": list(self.answered_by),
        }

    def restore(self, data: dict[str, Any]) -> None:
        """Continue on the same card."""
        super().restore(data)
        self.cards = list(data.get("cards", []))
        self.card_index = int(data.get("card_index", 0))
        self.answered_by = list(data.get("answered_by", []))
