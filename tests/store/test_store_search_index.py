"""The words index: a search reads each year's words file, never the full records, and finds exactly what
scanning the records finds; a change killed between its files leaves it right; a damaged or missing one
is searched around and rebuilt; indexes older than the code are rebuilt from their year files once."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the benchmarks' generator

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import FixedClock, follow_up, session_record

import tui.store.file_changes as file_changes
import tui.store.tables as tables
from benchmarks.realistic_history import realistic_records
from tui.store import FileHistoryStore
from tui.store.memory import InMemoryStore
from tui.store.search_index import INDEX_FORMAT, matches_in, prepare, search_prepared, search_texts
from tui.store.year_files import YearFiles

TRICKY_LETTERS = "aAbß ẞİıﬁΣσςéÉ🍵[]/=.日本Ж"  # casefolding that changes lengths, markup-like signs, emoji


def keys_loaded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every year, index and words file a `YearFiles` loads from now on (a spy on the disk reads)."""
    loaded: list[str] = []
    real_load = YearFiles.load

    def spying_load(self: YearFiles, key: str) -> Any:
        loaded.append(key)
        return real_load(self, key)

    monkeypatch.setattr(YearFiles, "load", spying_load)
    return loaded


def brute_force(store: FileHistoryStore | InMemoryStore, text: str) -> list[dict[str, Any]]:
    """The hits scanning every full record finds, newest session first (what search did before)."""
    folded = text.casefold()
    return [hit for record in store.sessions() for hit in matches_in(record, folded)]


def searched(store: FileHistoryStore | InMemoryStore, text: str) -> list[dict[str, Any]]:
    """Every hit of a whole search, newest year first."""
    return [hit for year in store.search(text) for hit in year]


def worded(index: int, year: int, words: list[str]) -> dict[str, Any]:
    """A session of `year` whose appreciation, answer, reveal and follow-up are `words` (cycled)."""
    said = (words * 4)[:4]
    record = session_record(index, started_at=f"{year}-0{1 + index % 9}-1{index % 10}T19:00:00+00:00")
    record["appreciations"] = [{"step": 1, "from": "a", "to": "b", "text": said[0], "at": record["started_at"]}]
    record["answers"] = [{"step": 3, "question": "Q?", "partner": "b", "text": said[1], "at": record["started_at"]}]
    record["reveals"] = [{"step": 4, "prompt": "P?", "answers": {"b": said[2], "a": said[3]}}]
    record["follow_ups"] = [follow_up(text=said[0] + said[3], session_id=record["id"])]
    return record


texts = st.text(alphabet=st.sampled_from(TRICKY_LETTERS), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sessions=st.lists(st.tuples(st.integers(2019, 2022), st.lists(texts, min_size=1, max_size=4)), max_size=6),
    query=texts,
    pick=st.integers(0, 1000),
)
def test_the_index_finds_what_scanning_the_records_finds(
    sessions: list[tuple[int, list[str]]], query: str, pick: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = FileHistoryStore.open(Path(folder) / "data", now=FixedClock())
        records = [worded(index, year, words) for index, (year, words) in enumerate(sessions)]
        store.import_sessions(records)
        said = [text for _, words in sessions for text in words if text]
        queries = [query, query.upper(), ""]
        if said:  # a piece of something written, so most examples find something
            chosen = said[pick % len(said)]
            queries.append(chosen[pick % len(chosen) :][: 1 + pick % 5].swapcase())
        fresh = FileHistoryStore.open(Path(folder) / "data", now=FixedClock())
        with monkeypatch.context() as patch:
            loaded = keys_loaded(patch)
            found = {text: searched(fresh, text) for text in queries}
        assert not [key for key in loaded if key.startswith("year:")], "a search read the full records"
        for text, hits in found.items():
            assert hits == brute_force(store, text), text
        prepared = FileHistoryStore.open(Path(folder) / "data", now=FixedClock())
        prepared.prepare_search()  # a year whose vocabulary rules the words out is not read: same hits
        assert all(searched(prepared, text) == hits for text, hits in found.items())
        memory = InMemoryStore(now=FixedClock())
        memory.import_sessions(records)
        assert all(searched(memory, text) == hits for text, hits in found.items())


scalars = st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.floats(0, 2), st.sampled_from(["a", "b", "answer"]))
values = st.one_of(scalars, st.lists(scalars, max_size=2), st.dictionaries(st.sampled_from("xy"), scalars, max_size=1))
entries = st.tuples(values, values, values, texts).map(list)
words_tables = st.dictionaries(
    st.integers(1, 50).map(str),
    st.fixed_dictionaries(
        {"id": values, "started_at": st.sampled_from(["2024-01-02", "2024-03-04", "", None]), "texts": st.lists(entries, max_size=4)},
        optional={"script_id": values, "script_title": values},
    ),
    max_size=5,
)


@settings(max_examples=80, deadline=None)
@given(table=words_tables, query=texts)
def test_prepared_words_give_the_hits_of_the_table_they_were_prepared_from(table: dict[str, Any], query: str) -> None:
    prepared = prepare(table)
    table = orjson.loads(orjson.dumps(table))  # compared with a copy: the prepared words share the parse's values
    for folded in {query.casefold(), "", "a"}:
        hits = search_prepared(prepared, folded)
        assert hits == search_texts(table, folded)
        for hit in hits:  # a hit never shares a list or an object with the kept words
            for value in hit.values():
                if isinstance(value, list | dict):
                    value.clear()
        assert search_prepared(prepared, folded) == search_texts(table, folded)


def test_words_with_markup_other_scripts_and_long_entries_are_found_literally(
    store: FileHistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_entry = "Wir haben geredet. " * 200 + "Das Ende [/bold]"
    words = ["Спасибо за чай 🍵", "[link=https://example.org]hier[/link]", "שלום, بيتنا", long_entry]
    store.import_sessions([worded(0, 2024, words), worded(1, 2025, ["Γειά σου ΣΟΦΙΑ", "日本語のテキスト"])])
    loaded = keys_loaded(monkeypatch)
    for query, expected in (("ЧАЙ", words[0]), ("[link=", words[1]), ("بيتنا", words[2]), ("ende [/bold]", long_entry)):
        assert expected in [hit["text"] for hit in searched(store, query)], query
    assert [hit["text"] for hit in searched(store, "σοφια")] == ["Γειά σου ΣΟΦΙΑ", "Γειά σου ΣΟΦΙΑ日本語のテキスト", "Γειά σου ΣΟΦΙΑ"]
    assert [hit["kind"] for hit in searched(store, "テキスト")] == ["answer", "follow-up", "reveal"]
    assert {key.partition(":")[0] for key in loaded} == {"words"}  # the words files alone


def test_a_save_killed_between_its_files_leaves_search_right(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(worded(0, 2024, ["an old kettle"]))
    later = worded(1, 2024, ["a new kettle and a lighthouse"])
    real_write = file_changes.YearFiles.write

    def killed_after_the_year_file(self: YearFiles, key: str, data: dict) -> None:
        real_write(self, key, data)
        if key.startswith("year:"):
            raise KeyboardInterrupt  # stands for a SIGKILL: nothing after it runs

    with monkeypatch.context() as patch:
        patch.setattr(file_changes.YearFiles, "write", killed_after_the_year_file)
        with pytest.raises(KeyboardInterrupt):
            store.save_session(later)
    assert (data_dir / "pending.json").exists()
    reopened = FileHistoryStore.open(data_dir, now=clock)  # the redo log finishes the save
    with monkeypatch.context() as patch:
        loaded = keys_loaded(patch)
        hits = searched(reopened, "KETTLE")
    assert [hit["text"] for hit in hits if hit["kind"] == "appreciation"] == ["a new kettle and a lighthouse", "an old kettle"]
    assert hits == brute_force(reopened, "kettle") and not [key for key in loaded if key.startswith("year:")]


def test_a_damaged_or_missing_words_file_is_searched_around_and_written_whole_again(
    store: FileHistoryStore, data_dir: Path
) -> None:
    store.import_sessions([worded(0, 2024, ["a quiet walk"]), worded(1, 2024, ["a loud walk"])])
    words_file = data_dir / "years" / "2024.words.json"
    five = b'{"texts": {"1": {"texts": [["answer", "a", 1, "a walk", 5]]}}}'  # an entry of five
    for damage in (b'{"texts": {"1": {"id": 3', b'{"texts": {"1": {"texts": [[1]]}}}', five, None):
        if damage is None:
            words_file.unlink()
        else:
            words_file.write_bytes(damage)
        assert len(searched(store, "walk")) == len(brute_force(store, "walk")) == 10
    store.save_session(worded(2, 2024, ["a third walk"]))  # that year's words are written whole again
    texts = orjson.loads(words_file.read_bytes())["texts"]
    assert len(texts) == 3 and searched(store, "walk") == brute_force(store, "walk")


def stale_history(data_dir: Path, clock: FixedClock) -> list[dict[str, Any]]:
    """A history whose year indexes were written by older code: no format, no words files, summaries
    without speaking time; the records it holds."""
    store = FileHistoryStore.open(data_dir, now=clock)
    records = [worded(0, 2023, ["tea"]), worded(1, 2024, ["more tea"]), worded(2, 2024, ["coffee"])]
    store.import_sessions(records)
    for index_file in (data_dir / "years").glob("*.index.json"):
        data = orjson.loads(index_file.read_bytes())
        data["_meta"]["1"].pop("index_format")
        for summary in data["summaries"].values():
            summary.pop("speaking_seconds")
        index_file.write_bytes(orjson.dumps(data))
    for words_file in (data_dir / "years").glob("*.words.json"):
        words_file.unlink()
    live = orjson.loads(store.path.read_bytes())
    for row in live["years"].values():
        row.pop("index_format")
    store.path.write_bytes(orjson.dumps(live))
    return records


def test_indexes_older_than_the_code_are_rebuilt_once_with_summary_of(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale_history(data_dir, clock)
    before = FileHistoryStore.open_read_only(data_dir)  # reading changes nothing: "-" until it is opened
    assert {summary.get("speaking_seconds") is None for summary in before.session_summaries()} == {True}
    real_summary_of = tables.summary_of
    monkeypatch.setattr(tables, "summary_of", lambda record: {**real_summary_of(record), "added_later": True})
    store = FileHistoryStore.open(data_dir, now=clock)
    summaries = store.session_summaries()
    assert [summary["speaking_seconds"] for summary in summaries] == [{"a": 598.2, "b": 601.9}] * 3
    assert all(summary["added_later"] for summary in summaries)  # whatever summary_of yields now
    assert sorted(path.name for path in (data_dir / "years").glob("*.words.json")) == ["2023.words.json", "2024.words.json"]
    live = orjson.loads(store.path.read_bytes())
    assert {row["index_format"] for row in live["years"].values()} == {INDEX_FORMAT}
    written = {path: path.stat().st_mtime_ns for path in (data_dir / "years").iterdir()}
    FileHistoryStore.open(data_dir, now=clock)  # once: nothing is rebuilt again
    assert {path: path.stat().st_mtime_ns for path in (data_dir / "years").iterdir()} == written


def test_a_rebuild_killed_between_its_files_is_finished_at_the_next_open(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = stale_history(data_dir, clock)
    real_write = file_changes.YearFiles.write
    writes = {"count": 0}

    def killed_after_two(self: YearFiles, key: str, data: dict) -> None:
        if writes["count"] == 2:
            raise KeyboardInterrupt
        writes["count"] += 1
        real_write(self, key, data)

    with monkeypatch.context() as patch:
        patch.setattr(file_changes.YearFiles, "write", killed_after_two)
        with pytest.raises(KeyboardInterrupt):
            FileHistoryStore.open(data_dir, now=clock)
    assert (data_dir / "pending.json").exists()
    store = FileHistoryStore.open(data_dir, now=clock)
    assert not (data_dir / "pending.json").exists()
    assert all(summary["speaking_seconds"] for summary in store.session_summaries())
    assert searched(store, "tea") == brute_force(store, "tea") and len(searched(store, "tea")) == 10
    assert sorted(record["id"] for record in store.sessions()) == sorted(record["id"] for record in records)


def test_a_session_s_detail_reads_only_its_own_year(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    records = [worded(index, year, ["words"]) for index, year in enumerate((2021, 2022, 2023, 2024))]
    kept, still_open = follow_up(text="kept"), follow_up(text="open")
    records[1]["follow_ups"] = [kept, still_open]
    store.import_sessions(records)
    store.set_follow_up_status(kept["id"], "kept")
    fresh = FileHistoryStore.open(data_dir, now=clock)  # nothing kept parsed from the writes
    with monkeypatch.context() as patch:
        loaded = keys_loaded(patch)
        record, follow_ups = fresh.session_detail(records[1]["id"], records[1]["started_at"])
    assert sorted(set(loaded)) == ["index:2022", "year:2022"]
    assert record == records[1]
    assert {(item["text"], item["status"]) for item in follow_ups} == {("kept", "kept"), ("open", "open")}
    record, follow_ups = fresh.session_detail(records[2]["id"])  # not told the year: looked for
    assert record == records[2] and [item["id"] for item in follow_ups] == [records[2]["follow_ups"][0]["id"]]
    assert fresh.session_detail("no-such-session", "2022-01-01") == (None, [])


def test_a_realistic_history_in_many_languages_is_searched_as_its_records_are(store: FileHistoryStore) -> None:
    store.import_sessions(realistic_records(400, seed=11, years=1.2))
    for query in ("СПАСИБО", "谢谢你", "شكراً", "תודה", "ΕΥΧΑΡΙΣΤΏ", "même", "🫶", "[link=https://example.org/recipe]", "[/] <3"):
        hits = searched(store, query)
        assert hits and hits == brute_force(store, query), query


def test_a_backup_without_words_files_restores_without_stale_words(store: FileHistoryStore, data_dir: Path) -> None:
    store.save_session(worded(0, 2024, ["before the backup"]))
    backup = store.backup_now()
    (backup / "years" / "2024.words.json").unlink()  # as a backup taken before there were words files
    store.save_session(worded(1, 2024, ["after the backup"]))
    store.restore_backup(backup)
    assert searched(store, "the backup") == brute_force(store, "the backup")
    assert {hit["text"] for hit in searched(store, "backup")} == {"before the backup", "before the backupbefore the backup"}


def test_a_prepared_search_reads_no_file_until_a_year_changes(
    store: FileHistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.import_sessions([worded(index, 2020 + index, [f"word{index} Läuft"]) for index in range(4)])
    assert store.prepare_search() == 4
    third = store.sessions()[1]["id"]  # newest first: the session of 2022
    with monkeypatch.context() as patch:
        loaded = keys_loaded(patch)
        assert [hit["session_id"] for hit in searched(store, "WORD2 läuft")] == [third] * 5
        assert searched(store, "nowhere") == []
        assert loaded == []  # every year's words kept prepared
        store.save_session(worded(9, 2023, ["a word2 of later"]))  # the year's words change: read it again
        loaded.clear()
        assert len(searched(store, "word2")) == 10
        assert loaded == ["words:2023"]
    hits = searched(store, "word2")
    hits[0]["text"] = "changed by the caller"
    assert searched(store, "word2")[0]["text"] == "a word2 of later"  # new dicts each search
