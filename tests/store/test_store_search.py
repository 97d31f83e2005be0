"""Looking back: searching the couple's words year by year, summaries carrying speaking time, and
deleting one session only after a backup. Run on both stores, as the contract is."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import ContractStore, FixedClock, follow_up, session_record

from tui.store import FileHistoryStore


@pytest.fixture
def store(either_store: ContractStore) -> ContractStore:
    """The file store and the in-memory one, in turn (`either_store` in conftest.py)."""
    return either_store


def across_years() -> list[dict]:
    """Three sessions, two years apart, with the word "tea" in an appreciation, an answer, a reveal
    answer and a follow-up; one session without it."""
    old = session_record(0, started_at="2021-05-02T19:00:00+00:00", appreciations=[])
    old["follow_ups"] = [follow_up(text="I will make TEA on Sundays", session_id=old["id"])]
    middle = session_record(1, started_at="2023-01-09T19:00:00+00:00", appreciations=[], answers=[])
    middle["reveals"] = [{"step": 3, "prompt": "A wish?", "answers": {"b": "Tea in bed 🍵", "a": "A walk"}}]
    new = session_record(2, started_at="2025-11-30T19:00:00+00:00")  # "made tea" in an appreciation
    none = session_record(3, started_at="2025-12-01T19:00:00+00:00", appreciations=[], answers=[])
    return [old, middle, new, none]


def test_search_gives_hits_year_by_year_newest_first_in_any_case(store: ContractStore) -> None:
    records = across_years()
    store.import_sessions(records)
    years = list(store.search("tEa"))
    assert [[hit["started_at"][:4] for hit in year] for year in years] == [["2025"], ["2023"], ["2021"]]
    newest, middle, oldest = (year[0] for year in years)
    assert (newest["kind"], newest["by"], newest["session_id"]) == ("appreciation", "a", records[2]["id"])
    assert newest["text"] == "You made tea when I was tired. Thanks."
    assert (middle["kind"], middle["by"], middle["text"]) == ("reveal", "b", "Tea in bed 🍵")
    assert (oldest["kind"], oldest["by"], oldest["script_title"]) == ("follow-up", "a", "Weekly couple meeting")


def test_search_finds_answers_and_markup_like_words_literally(store: ContractStore) -> None:
    record = session_record(0, answers=[{"step": 3, "partner": "b", "text": "Ich mag [bold]Musik[/] sehr"}])
    store.save_session(record)
    hits = [hit for year in store.search("[bold]musik") for hit in year]
    assert [(hit["kind"], hit["by"], hit["text"]) for hit in hits] == [("answer", "b", "Ich mag [bold]Musik[/] sehr")]
    assert [hit for year in store.search("nowhere in these words") for hit in year] == []


def test_a_summary_carries_each_partners_speaking_time(store: ContractStore) -> None:
    store.save_session(session_record(0))
    store.save_session(session_record(1, id="no-totals", speaking_seconds=None))
    by_id = {summary["id"]: summary for summary in store.session_summaries()}
    assert by_id.pop("no-totals")["speaking_seconds"] is None
    assert next(iter(by_id.values()))["speaking_seconds"] == {"a": 598.2, "b": 601.9}


def test_deleting_one_session_takes_a_backup_first(data_dir: Path, clock: FixedClock) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    records = [session_record(index) for index in range(2)]
    store.import_sessions(records)
    before = store.backups()
    assert store.delete_session(records[0]["id"]) is True
    made = [backup for backup in store.backups() if backup not in before]
    assert len(made) == 1 and "before-delete" in made[0].name
    kept_words = "".join(path.read_text(encoding="utf-8") for path in made[0].rglob("*.json"))
    assert records[0]["id"] in kept_words  # the backup still holds the session that is gone
    assert [record["id"] for record in store.sessions()] == [records[1]["id"]]


def test_summaries_by_year_give_the_same_summaries_newest_year_first(store: ContractStore) -> None:
    store.import_sessions(across_years())
    years = list(store.summaries_by_year())
    assert [[summary["started_at"][:4] for summary in year] for year in years] == [["2025", "2025"], ["2023"], ["2021"]]
    assert [summary for year in years for summary in year] == store.session_summaries()
