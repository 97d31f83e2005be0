"""Looking back, run against both stores: the questions seen lately (for decks that do not repeat) and one
past appreciation at random (for "remember when")."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from store_support import ContractStore, FixedClock, iso, session_record

from tui.store import FileHistoryStore


@pytest.fixture
def store(either_store: ContractStore) -> ContractStore:
    """The file store and the in-memory one, in turn (`either_store` in conftest.py)."""
    return either_store


def asked(question: str, started: datetime, favourite: bool = False) -> dict:
    """A session record on `started` in which `question` was answered (and maybe kept as a favourite)."""
    answers = [{"step": 1, "question": question, "partner": "a", "text": "yes", "at": iso(started)}]
    favourites = [{"step": 1, "question": question}] if favourite else []
    return session_record(started_at=iso(started), answers=answers, favourites=favourites, appreciations=[])


def test_questions_seen_since_gives_only_sessions_from_that_moment_on(store: ContractStore) -> None:
    store.save_session(asked("Old year", datetime(2024, 12, 30, 20, tzinfo=UTC)))
    store.save_session(asked("Too early", datetime(2025, 12, 1, 20, tzinfo=UTC), favourite=True))
    store.save_session(asked("Last year", datetime(2025, 12, 20, 20, tzinfo=UTC)))
    store.save_session(asked("Kept", datetime(2026, 1, 5, 20, tzinfo=UTC), favourite=True))
    skipped = asked("Skipped", datetime(2026, 1, 6, 20, tzinfo=UTC))
    skipped["answers"] = [{"step": 1, "question": "Skipped", "partner": None, "skipped": True, "text": ""}]
    store.save_session(skipped)
    seen = store.questions_seen_since("2025-12-10T00:00:00+00:00")
    assert sorted(seen["seen"]) == ["Kept", "Last year", "Skipped"]
    assert seen["favourites"] == ["Kept"]
    assert store.questions_seen_since("2027-01-01T00:00:00+00:00") == {"seen": [], "favourites": []}


def test_questions_seen_since_reads_only_the_years_it_needs(data_dir: Path, clock: FixedClock) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(asked("Old year", datetime(2024, 6, 1, 20, tzinfo=UTC)))
    store.save_session(asked("This year", datetime(2026, 1, 5, 20, tzinfo=UTC)))
    read: list[str] = []
    load = store.year_files.load
    store.year_files.load = lambda key: read.append(key) or load(key)  # type: ignore[method-assign]
    assert store.questions_seen_since("2025-12-10T00:00:00+00:00")["seen"] == ["This year"]
    assert read == ["year:2026"]


def test_a_past_appreciation_is_none_without_words_and_then_one_that_was_said(store: ContractStore) -> None:
    assert store.a_past_appreciation(random.Random(1)) is None
    store.save_session(asked("A question", datetime(2025, 3, 1, 20, tzinfo=UTC)))  # no appreciations
    silent = session_record(3)
    for entry in silent["appreciations"]:
        entry["text"] = "  "  # spoken aloud, not typed
    store.save_session(silent)
    assert store.a_past_appreciation(random.Random(1)) is None
    record = session_record(5)
    store.save_session(record)
    chosen = store.a_past_appreciation(random.Random(7))
    assert chosen is not None
    assert chosen["text"] in {entry["text"] for entry in record["appreciations"]}
    assert chosen["started_at"] == record["started_at"]
    assert chosen["names"] == {"a": "Maya", "b": "Jonah"}
    assert {chosen["from"], chosen["to"]} == {"a", "b"}


def test_a_past_appreciation_is_the_same_for_the_same_random_source_and_reaches_every_one(
    store: ContractStore,
) -> None:
    records = [session_record(index) for index in (0, 400, 800)]  # three years
    for number, record in enumerate(records):
        for entry in record["appreciations"]:
            entry["text"] = f"{entry['text']} ({number})"
        store.save_session(record)
    first = store.a_past_appreciation(random.Random(42))
    assert first == store.a_past_appreciation(random.Random(42))
    texts = {store.a_past_appreciation(random.Random(seed))["text"] for seed in range(200)}  # type: ignore[index]
    assert texts == {entry["text"] for record in records for entry in record["appreciations"]}
