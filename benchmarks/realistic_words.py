"""Words a couple types into Hearthside, put together from phrases by a seeded random source: mostly
English, and now and then a phrase in another language (accented Latin, Cyrillic, Greek, CJK, Arabic and
Hebrew), emoji, text that looks like Rich markup, a rare word, or an entry a few thousand characters long."""

from __future__ import annotations

import random

PEOPLE = ("your mum", "my brother", "the neighbours", "Sam and Priya", "your boss", "the kids", "Grandad")
PLACES = ("the kitchen", "the allotment", "the car", "the station", "the park", "the sofa", "the market")
TIMES = ("on Tuesday", "last weekend", "this morning", "after work yesterday", "on Sunday", "last night")
DEEDS = (
    "made tea when I was too tired to stand",
    "took the bins out without being asked",
    "listened to me go on about work for an hour",
    "called {person} for me so I did not have to",
    "held my hand in {place} when I was nervous",
    "cooked that soup I love",
    "let me sleep in and took the early shift",
    "laughed at my terrible joke",
    "fixed the wobbly shelf in {place}",
    "remembered the appointment I had forgotten",
    "stayed calm when {person} was being difficult",
    "sent me a silly photo in the middle of a hard day",
)
FEELINGS = (
    "It meant more to me than I managed to say at the time.",
    "I felt looked after, and I want you to know I noticed.",
    "It made the whole evening easier for both of us.",
    "I felt close to you, closer than I have in a while.",
    "I walked around lighter for the rest of the day.",
    "It is the kind of thing I fell in love with.",
)
AFTERTHOUGHTS = (
    "I know it was not easy for you either.",
    "You did not make a fuss about it, which made it even better.",
    "I would like to get better at doing the same for you.",
    "I told {person} about it and they said I am lucky. I am.",
    "Next time I will say it straight away instead of waiting for this.",
    "Little things like that are what keep me going when work is heavy.",
)
ANSWER_OPENINGS = (
    "Honestly, I think",
    "I keep coming back to",
    "Probably",
    "This sounds small, but",
    "I had to think about it:",
    "Without a doubt",
    "If I am truthful,",
)
ANSWER_SUBJECTS = (
    "the evening we walked home from {place} in the rain",
    "how we used to cook together {time}",
    "the way you talk to {person}",
    "having an hour that is just ours, phones off",
    "the trip we keep planning and never take",
    "the quiet breakfasts before everyone wakes up",
    "feeling like a team again when things go wrong",
    "the garden, and how much calmer I am in it",
    "when you tell me what you are worried about before it grows",
)
ANSWER_ENDINGS = (
    "I would like more of that.",
    "I miss it more than I say.",
    "It makes me feel safe.",
    "I did not realise how much it mattered until now.",
    "Maybe we could make room for it again.",
    "That is what I picture when I think of us.",
    "",
)
REVEAL_WORDS = (
    "I am more tired than I have been letting on, and I worry it shows as impatience.",
    "I want us to stop apologising for needing rest.",
    "The thing I am most afraid of is that we drift into being flatmates.",
    "I would like one evening a week where neither of us has to organise anything.",
    "I feel proud of how we handled {person} this month.",
    "What I need most right now is for you to ask before making plans for both of us.",
    "I have been carrying the money worry on my own and I would like to share it.",
)
PROMISES = (
    "A walk together on Sunday morning, whatever the weather",
    "I will put my phone in the drawer at dinner",
    "Call {person} back this week",
    "I will book the table for our anniversary",
    "Ten minutes each evening on the sofa, no screens",
    "Sort out the spare room together on Saturday",
    "I will tell you when I am running late instead of going quiet",
)
REQUESTS = (
    "Could you ask me before inviting {person} over?",
    "Please leave me a note when you take the car",
    "Would you come with me to {place} on Saturday?",
    "Could we plan the week together on Sunday evenings?",
)
WISHES = (
    "A weekend away, just the two of us, before the summer",
    "That we learn to dance, badly, in {place}",
    "More slow mornings",
    "To see the sea again this year",
)


OTHER_LANGUAGES = (
    "Merci pour tout, mon cœur, même les jours difficiles.",
    "Danke, dass du für mich da warst — wirklich, Schatz.",
    "¡Qué bonito fue el paseo por la playa, mi amor!",
    "Obrigado por cuidar de mim quando eu estava doente.",
    "Tack för att du lyssnade på mig i kväll, älskling.",
    "Спасибо, что ты рядом, даже когда я молчу.",
    "Ευχαριστώ για το πρωινό, ήταν υπέροχο.",
    "いつもありがとう。一緒にいると安心します。",
    "谢谢你今天陪我去医院，我很感动。",
    "오늘 저녁 정말 고마웠어, 사랑해.",
    "شكراً لأنك استمعت إليّ اليوم يا حبيبي.",
    "תודה שהיית איתי היום, זה היה חשוב לי מאוד.",
)
EMOJI = ("❤️", "🫶", "☕", "🌧️", "🍵", "😂", "🙏", "🌻", "👨‍👩‍👧", "🏳️‍🌈", "✨", "🥲")
MARKUP_LIKE = (
    "[bold]really[/] meant it",
    "[link=https://example.org/recipe]that soup recipe[/link]",
    "[red]not angry[/red], just tired",
    "I wrote *this* in [brackets] on purpose",
    "[/] <3 :) [i]",
)
RARE_WORD = "lighthouse"  # in about one text in a thousand: the benchmark's rare search
LONG_EVERY = 1500  # about one text in this many is a long letter of a few thousand characters


class CoupleWords:
    """Typed words for every kind of step, varied but repeatable from one seeded random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        # the extras come from their own source, seeded from (not drawn from) the main one, so the rest of
        # a history is what it was before there were extras
        self.extras = random.Random(repr(rng.getstate()[1][:8]))

    def _seasoned(self, words: str) -> str:
        """`words`, now and then with a phrase in another language, emoji, markup-like text, the rare
        word, or made into a long letter."""
        roll = self.extras.random()
        if roll < 0.08:
            words = f"{words} {self.extras.choice(OTHER_LANGUAGES)}"
        elif roll < 0.14:
            words = f"{words} {self.extras.choice(EMOJI)}"
        elif roll < 0.17:
            words = f"{words} ({self.extras.choice(MARKUP_LIKE)})"
        elif roll < 0.171:
            words = f"{words} Like the {RARE_WORD} we walked to."
        if self.extras.randrange(LONG_EVERY) == 0:
            pick = self.extras.choice
            subjects = [pick(ANSWER_SUBJECTS).format(person=pick(PEOPLE), place=pick(PLACES), time=pick(TIMES)) for _ in range(60)]
            sentences = [words] + [f"{subject.capitalize()}. {pick(ANSWER_ENDINGS)}" for subject in subjects]
            words = " ".join(sentences)
        return words

    def _fill(self, template: str) -> str:
        return template.format(
            person=self.rng.choice(PEOPLE), place=self.rng.choice(PLACES), time=self.rng.choice(TIMES)
        )

    def appreciation(self) -> str:
        """A typed appreciation: what the other did, and what it meant, in two or three sentences."""
        deed = self._fill(self.rng.choice(DEEDS))
        words = [f"You {deed} {self.rng.choice(TIMES)}.", self.rng.choice(FEELINGS)]
        words += [self._fill(after) for after in self.rng.sample(AFTERTHOUGHTS, self.rng.randint(2, 3))]
        return self._seasoned(" ".join(words))

    def answer(self) -> str:
        """An answer to a question card: two to eight sentences."""
        parts = [self.rng.choice(ANSWER_OPENINGS), self._fill(self.rng.choice(ANSWER_SUBJECTS)) + "."]
        parts.append(self.rng.choice(ANSWER_ENDINGS))
        for chance in (0.9, 0.6, 0.35):
            if self.rng.random() < chance:
                parts += ["And", self._fill(self.rng.choice(ANSWER_SUBJECTS)) + ".", self.rng.choice(ANSWER_ENDINGS)]
        return self._seasoned(" ".join(part for part in parts if part))

    def reveal(self) -> str:
        """A private answer written while the other looks away."""
        words = self._fill(self.rng.choice(REVEAL_WORDS))
        return f"{words} {self.answer()}"

    def follow_up(self, kind: str) -> str:
        """The words of a promise, a request or a wish."""
        pool = {"promise": PROMISES, "request": REQUESTS, "wish": WISHES}.get(kind, PROMISES)
        return self._fill(self.rng.choice(pool))
