"""Shared rules for the built-in library tests: what counts as visible text, its widths and its words."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tui.core.library import Library, load_library
from tui.core.programs import Program
from tui.core.script_model import (
    AppreciationStep,
    CaptureStep,
    CheckinStep,
    CloseStep,
    Deck,
    NoteStep,
    QuestionsStep,
    RevealStep,
    ReviewStep,
    Script,
    TurnsStep,
)

REPO = Path(__file__).resolve().parents[2]
SESSIONS = REPO / "sessions"

# Widths of the places each kind of text appears in, on an 80x24 screen.
TITLE_MAX = 40
SUMMARY_MAX = 160
GUIDE_MAX = 160
QUESTION_MAX = 150
PROMPT_MAX = 160
STARTER_MAX = 60
STEP_TEXT_MAX = 160  # one-paragraph texts under a step's title (not notes)
NOTE_LINE_MAX = 76
NOTE_LINES_MAX = 8
NOTES_MAX = 900

CLOSED_OPENERS = (
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "have",
    "has",
    "had",
    "can",
    "could",
    "would",
    "will",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "am",
    "isn't",
    "aren't",
    "don't",
    "doesn't",
    "didn't",
    "haven't",
    "wouldn't",
)
# Words that assume a kind of couple or household, that order people about, or that sound clinical.
BANNED_WORDS = (
    "should",
    "husband",
    "wife",
    "wives",
    "spouse",
    "boyfriend",
    "girlfriend",
    "marriage",
    "married",
    "wedding",
    "kid",
    "kids",
    "child",
    "children",
    "baby",
    "babies",
    "pregnant",
    "mom",
    "mum",
    "dad",
    "mother",
    "father",
    "parents",
    "in-laws",
    "money",
    "salary",
    "income",
    "debt",
    "mortgage",
    "finances",
    "he",
    "she",
    "him",
    "his",
    "her",
    "hers",
    "toxic",
    "narcissist",
    "gaslighting",
    "codependent",
    "validate",
    "validation",
    "empathy",
    "empathize",
    "empathise",
    "trigger",
    "triggers",
    "triggered",
    "dysfunctional",
)
# A deck about a topic may name it; every other text keeps to words that assume nothing about a household.
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "money-and-values": ("money",),
    "family-and-friends": ("in-laws",),
    "parenting": ("kids", "child", "children", "parents"),
}
BANNED_IN_GUIDES = ("always", "never", "must", "you have to", "you need to", "make sure")
_WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*")


@dataclass(frozen=True)
class Text:
    """One piece of text a partner reads, where it comes from, and how wide its place is."""

    where: str
    kind: str  # title | summary | guide | question | prompt | starter | step-text | note | notes | ...
    text: str
    limit: int
    allowed: tuple[str, ...] = ()  # banned words this text may use: its deck's own topic


@lru_cache(maxsize=1)
def builtin_library() -> Library:
    """The built-in library alone (no user folder), loaded once per test run."""
    return load_library(builtin_dir=SESSIONS, user_dir=None)


def words(text: str) -> list[str]:
    """Lowercase words of `text`, keeping inner apostrophes and hyphens."""
    return _WORD.findall(text.casefold())


def banned_words_in(
    text: str, banned: Iterable[str] = BANNED_WORDS, allowed: Iterable[str] = ()
) -> list[str]:
    """The banned words or phrases that occur in `text` as whole words (leaving out the `allowed` ones)."""
    found = []
    lowered = " ".join(words(text))
    for word in (word for word in banned if word not in set(allowed)):
        if re.search(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", lowered):
            found.append(word)
    return found


def is_closed_question(text: str) -> bool:
    """Whether a question invites a yes or no: it opens with an auxiliary verb such as "Do you"."""
    first = words(text)[:1]
    return bool(first) and first[0] in CLOSED_OPENERS


def normalise(text: str) -> str:
    """A question reduced for comparison: casefolded, punctuation removed, spaces collapsed."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def near_duplicates(texts: list[str], threshold: float = 0.85) -> list[tuple[str, str, float]]:
    """Pairs whose normalised forms are equal or more alike than `threshold` (difflib ratio)."""
    found = []
    normal = [normalise(text) for text in texts]
    matcher = difflib.SequenceMatcher(None)
    for j, b in enumerate(normal):
        matcher.set_seq2(b)  # difflib indexes the second text once, for every first text it meets
        for i, a in enumerate(normal[:j]):
            if a != b and 2 * min(len(a), len(b)) <= threshold * (len(a) + len(b)):
                continue  # lengths this far apart cannot be more alike than the threshold
            matcher.set_seq1(a)
            if a == b or (matcher.real_quick_ratio() > threshold and matcher.quick_ratio() > threshold):
                ratio = 1.0 if a == b else matcher.ratio()
                if ratio > threshold or a == b:
                    found.append((texts[i], texts[j], ratio))
    return sorted(found, key=lambda pair: (texts.index(pair[0]), texts.index(pair[1])))


def inline_questions(script: Script) -> list[str]:
    """Questions written straight into a script's questions steps."""
    return [q for step in script.steps if isinstance(step, QuestionsStep) for q in step.questions]


def script_texts(script: Script) -> Iterator[Text]:
    """Every text of one script that appears on screen, with the width of its place."""
    sid = script.id
    yield Text(f"{sid}: title", "title", script.title, TITLE_MAX)
    yield Text(f"{sid}: summary", "summary", script.summary, SUMMARY_MAX)
    yield Text(f"{sid}: notes", "notes", script.notes, NOTES_MAX)
    for number, step in enumerate(script.steps, start=1):
        where = f"{sid}: step {number} ({step.kind})"
        yield Text(f"{where} title", "title", step.title, TITLE_MAX)
        if isinstance(step, NoteStep):
            yield Text(f"{where} text", "note", step.text, NOTE_LINE_MAX)
        elif step.text:
            yield Text(f"{where} text", "step-text", step.text, STEP_TEXT_MAX)
        if isinstance(step, TurnsStep):
            yield Text(f"{where} speaker_guide", "guide", step.speaker_guide, GUIDE_MAX)
            yield Text(f"{where} listener_guide", "guide", step.listener_guide, GUIDE_MAX)
            if step.topic:
                yield Text(f"{where} topic", "prompt", step.topic, PROMPT_MAX)
        if isinstance(step, CheckinStep):
            yield Text(f"{where} question", "prompt", step.question, 80)
        if isinstance(step, AppreciationStep):
            for starter in step.starters:
                yield Text(f"{where} starter", "starter", starter, STARTER_MAX)
        if isinstance(step, QuestionsStep):
            for question in step.questions:
                yield Text(f"{where} question", "question", question, QUESTION_MAX)
        if isinstance(step, RevealStep | CaptureStep) and step.prompt:
            yield Text(f"{where} prompt", "prompt", step.prompt, PROMPT_MAX)
        if isinstance(step, CloseStep):
            yield Text(f"{where} ritual", "prompt", step.ritual, PROMPT_MAX)
        if isinstance(step, ReviewStep):
            continue


def deck_texts(deck: Deck) -> Iterator[Text]:
    """Every text of one deck that appears on screen."""
    topic = TOPIC_WORDS.get(deck.id, ())
    yield Text(f"deck {deck.id}: title", "title", deck.title, TITLE_MAX, topic)
    yield Text(f"deck {deck.id}: summary", "summary", deck.summary, SUMMARY_MAX, topic)
    for number, question in enumerate(deck.questions, start=1):
        yield Text(f"deck {deck.id}: question {number}", "question", question.text, QUESTION_MAX, topic)


def program_texts(program: Program) -> Iterator[Text]:
    """Every text of one program that appears on screen."""
    yield Text(f"program {program.id}: title", "title", program.title, TITLE_MAX)
    yield Text(f"program {program.id}: summary", "summary", program.summary, SUMMARY_MAX)
    yield Text(f"program {program.id}: notes", "notes", program.notes, NOTES_MAX)
    for number, part in enumerate(program.parts, start=1):
        where = f"program {program.id}: part {number}"
        yield Text(f"{where} title", "title", part.title, TITLE_MAX)
        yield Text(f"{where} text", "step-text", part.text, STEP_TEXT_MAX)
        yield Text(f"{where} spacing", "prompt", part.spacing_text, 60)


def all_texts(library: Library) -> list[Text]:
    """Every visible text in the library: scripts, decks and programs."""
    texts: list[Text] = []
    for entry in library.scripts():
        texts.extend(script_texts(entry.script))
    for deck in library.decks.values():
        texts.extend(deck_texts(deck))
    for program in library.programs.values():
        texts.extend(program_texts(program))
    return texts


def width_problems(text: Text) -> list[str]:
    """Why a text does not fit its place, if it does not (notes are checked line by line)."""
    if text.kind == "note":
        lines = text.text.strip().splitlines()
        problems = [
            f"{text.where}: line {n} is {len(line)} characters (at most {text.limit})"
            for n, line in enumerate(lines, start=1)
            if len(line) > text.limit
        ]
        if len(lines) > NOTE_LINES_MAX:
            problems.append(f"{text.where}: {len(lines)} lines (at most {NOTE_LINES_MAX})")
        return problems
    if len(text.text) > text.limit:
        return [f"{text.where}: {len(text.text)} characters (at most {text.limit}): {text.text!r}"]
    return []
