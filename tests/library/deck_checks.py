"""Word-overlap checks for question cards: two cards that share most of their content words, or a long
run of the same words, say the same thing (or repeat one frame until a couple hears it as a pattern)."""

from __future__ import annotations

import difflib
import itertools
import re

# Words that carry no topic: the question frame ("what would you like...") and small words.
_FRAME_TEXT = """
a an the and or but if of to in on at for with from by about as into than then so that this these those
is are was were be been being am do does did done have has had will would could should can may might
what which who whom whose when where why how you your yours yourself i me my mine we us our ours it its
they them their one something anything thing things now still ever even more most much very really just
there here like make made get got way kind little bit any all no not own two some each other
help helps feel feels felt want need needs find think know love lately days
"""
FRAME_WORDS = frozenset(_FRAME_TEXT.split())
JACCARD_AT = 0.6  # share at least this part of their content words...
SHARED_AT = 3  # ...and at least this many of them
RUN_AT = 5  # or share a run of this many words in a row...
RUN_CONTENT_AT = 2  # ...holding at least this many content words
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")


def tokens(text: str) -> list[str]:
    """Lowercase words, with "'s" and other endings after an apostrophe dropped."""
    return [token.split("'")[0] for token in _TOKEN.findall(text.casefold().replace("’", "'"))]


def stem(word: str) -> str:
    """A rough stem, so "rest" and "resting", "day" and "days" count as one word."""
    for ending in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def content_words(text: str) -> set[str]:
    """The stems of a card's words that say what it is about."""
    return {stem(word) for word in tokens(text) if word not in FRAME_WORDS and len(word) >= 3}


def longest_shared_run(a: str, b: str) -> list[str]:
    """The longest run of words the two texts have in common, in order."""
    first, second = tokens(a), tokens(b)
    match = difflib.SequenceMatcher(None, first, second, autojunk=False).find_longest_match()
    return first[match.a : match.a + match.size]


def overlap_reason(a: str, b: str) -> str:
    """Why two cards read as near-duplicates by word overlap, or "" when they do not."""
    words_a, words_b = content_words(a), content_words(b)
    shared = words_a & words_b
    if (
        words_a
        and words_b
        and len(shared) >= SHARED_AT
        and len(shared) / len(words_a | words_b) >= JACCARD_AT
    ):
        return f"share the words {sorted(shared)}"
    run = longest_shared_run(a, b)
    if (
        len(run) >= RUN_AT
        and len([word for word in run if word not in FRAME_WORDS and len(word) >= 3]) >= RUN_CONTENT_AT
    ):
        return f'share the run "{" ".join(run)}"'
    return ""


def overlapping_pairs(texts: list[str]) -> list[tuple[str, str, str]]:
    """Every pair of texts that overlap too much, with the reason. Only pairs sharing two content words
    can overlap either way, so those are found first, through an index of the words."""
    by_word: dict[str, set[int]] = {}
    for index, text in enumerate(texts):
        for word in content_words(text):
            by_word.setdefault(word, set()).add(index)
    candidates: dict[tuple[int, int], int] = {}
    for holders in by_word.values():
        for pair in itertools.combinations(sorted(holders), 2):
            candidates[pair] = candidates.get(pair, 0) + 1
    found = []
    for (i, j), shared in sorted(candidates.items()):
        reason = overlap_reason(texts[i], texts[j]) if shared >= min(SHARED_AT, RUN_CONTENT_AT) else ""
        if reason:
            found.append((texts[i], texts[j], reason))
    return found
