"""The record schema: what each table's documents must hold, the plain reason when one does not, and a
split of any JSON into usable and set-aside documents that never raises and never loses one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_support import follow_up, session_record, snapshot_of

import tui.store.history_reads as reads
from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.events import CallTimeOut, Continue, Finish, Resume, Start
from tui.core.library import load_library
from tui.core.partners import Partners
from tui.core.session_record import unfinished_record
from tui.core.settings import Settings
from tui.store import FileHistoryStore, tables
from tui.store.change import MemoryFiles, fresh_file
from tui.store.json_kinds import preview
from tui.store.layout import LIVE, index_key, year_key
from tui.store.memory import InMemoryStore
from tui.store.record_schema import SCHEMAS, is_doc_id, split_history, split_table


def reason_of(table: str, document: object, doc_id: str = "7") -> str | None:
    """The one reason `document` is set aside, or None when it is usable."""
    usable, unusable = split_table(table, {doc_id: document})
    assert len(usable) + len(unusable) == 1
    return unusable[0].reason if unusable else None


def real_history(data_dir: Path) -> list[dict[str, Any]]:
    """What the store really writes, every file of it: sessions with follow-ups and reviews, a checkpoint,
    settings, a decided follow-up (the live file, the year file, its index and its words)."""
    store = FileHistoryStore.open(data_dir)
    store.save_session(session_record(0, follow_ups=[follow_up()]))
    store.save_session(session_record(1, status="abandoned"))
    store.save_checkpoint(snapshot_of(session_record(2)))
    store.save_settings(Settings(name_a="Maya", name_b="Jonah", extra={"program": {"id": "p"}}).to_dict())
    store.set_follow_up_status(store.follow_ups()[0]["id"], "kept")
    files = [data_dir / "history.json", *sorted((data_dir / "years").glob("*.json"))]
    assert len(files) == 4
    return [orjson.loads(path.read_bytes()) for path in files]


def test_every_record_the_store_writes_fits_its_schema(tmp_path: Path) -> None:
    for data in real_history(tmp_path):
        usable, unusable = split_history(data)
        assert unusable == [] and usable is data


def test_the_engine_s_snapshots_and_records_of_every_built_in_script_fit() -> None:
    library = load_library()
    for entry in library.scripts():
        clock = ManualClock()
        session = Session(entry.script, Partners(a="Maya", b="Jonah"), clock, decks=library.decks)
        assert session.handle(Start())
        session.handle(CallTimeOut("a"))
        clock.advance(30)
        session.handle(Resume())
        for _ in range(60):  # as far as Enter and the clock take it
            clock.advance(700)
            snapshot = orjson.loads(orjson.dumps(session.snapshot()))
            assert reason_of("checkpoints", snapshot) is None, entry.script.id
            if not session.handle(Continue()):
                break
        session.draft = "half a sentence"
        assert reason_of("sessions", unfinished_record(snapshot)) is None, entry.script.id
        session.handle(Finish())
        assert reason_of("sessions", orjson.loads(orjson.dumps(session.record()))) is None, entry.script.id


def test_summaries_and_year_totals_of_the_v3_layout_fit() -> None:
    record = session_record(0)
    assert reason_of("summaries", orjson.loads(orjson.dumps(tables.summary_of(record)))) is None
    totals = {"year": "2026", "sessions": 3, "together": 2, "programs": {"p": 1}, "newest": [["a", "b"], "a"]}
    assert reason_of("years", totals) is None
    assert reason_of("years", {**totals, "sessions": "3"}) == (
        'year totals under doc id 7: its sessions is text ("3"), not a whole number'
    )
    assert reason_of("_meta", {"schema_version": 3, "year": "2026"}) is None


@pytest.mark.parametrize(
    ("table", "document", "reason"),
    [
        ("sessions", session_record(0, id=42), "session under doc id 7: its id is a number (42), not text"),
        ("sessions", {"status": "finished"}, "session under doc id 7: it has no id"),
        ("sessions", session_record(0, id=None), "session under doc id 7: its id is null"),
        ("sessions", session_record(0, id=""), "session under doc id 7: its id is empty text"),
        ("sessions", [1, 2], "session under doc id 7: it is a list ([1, 2]), not an object"),
        (
            "sessions",
            session_record(0, partners={"a": {"name": 5}}),
            "session under doc id 7: its partners.a.name is a number (5), not text",
        ),
        (
            "sessions",
            session_record(0, turns=[{"step": 1}, "spoken"]),
            'session under doc id 7: its turns[1] is text ("spoken"), not an object',
        ),
        (
            "sessions",
            session_record(0, duration_seconds=True),
            "session under doc id 7: its duration_seconds is true/false (true), not a number",
        ),
        (
            "follow_ups",
            follow_up(kind=["promise"]),
            'follow-up under doc id 7: its kind is a list (["promise"]), not text',
        ),
        (
            "checkpoints",
            {"id": "x", "step_index": 1.5},
            "unfinished session (checkpoint) under doc id 7: its step_index is a number (1.5), not a whole number",
        ),
        (
            "checkpoints",
            {"id": "x", "log": {"turns": {}}},
            "unfinished session (checkpoint) under doc id 7: its log.turns is an object ({}), not a list of objects",
        ),
        (
            "_meta",
            {"schema_version": "2"},
            'format note (_meta) under doc id 7: its schema_version is text ("2"), not a whole number',
        ),
    ],
)
def test_a_record_that_does_not_fit_is_named_with_a_plain_reason(
    table: str, document: Any, reason: str
) -> None:
    assert reason_of(table, document) == reason


def test_unknown_fields_tables_and_nulls_in_optional_fields_are_left_alone() -> None:
    record = session_record(0, from_a_newer_hearthside={"anything": [1]}, switched_to=None, partners=None)
    assert reason_of("sessions", record) is None
    assert split_table("pending", {"1": {"op": 5}}) == ({"1": {"op": 5}}, [])
    assert (
        reason_of("settings", {"bell": "loud", "theme": 7, "name_a": ["x"]}) is None
    )  # from_dict falls back


def test_a_doc_id_must_be_ascii_digits_int_can_read() -> None:
    assert is_doc_id("1") and is_doc_id("0042")
    for bad in ("²", "١٢", "", "x", "-1", "1.0", " 1", "9" * 5000, 7):
        assert not is_doc_id(bad)
    assert reason_of("sessions", session_record(0), doc_id="²") == (
        'session under doc id "²": its doc id is not a whole number written in the digits 0-9'
    )


def test_a_split_keeps_the_very_documents_and_copies_only_the_tables_it_changed() -> None:
    good, bad = session_record(0), session_record(1, id=1)
    settings_table = {"1": {"name_a": "Maya"}}
    data = {"sessions": {"1": good, "2": bad}, "settings": settings_table}
    usable, unusable = split_history(data)
    assert usable["sessions"] == {"1": good} and usable["sessions"]["1"] is good
    assert usable["settings"] is settings_table
    assert data["sessions"] == {"1": good, "2": bad}  # the input is never changed
    assert [(entry.table, entry.doc_id, entry.document) for entry in unusable] == [("sessions", "2", bad)]


def test_a_long_or_deep_value_is_previewed_in_a_few_words() -> None:
    deep: Any = []
    for _ in range(5000):
        deep = [deep]
    assert len(preview(deep)) < 60 and len(preview("x" * 100_000)) < 60
    assert len(reason_of("sessions", session_record(0, id=deep)) or "") < 120


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)
FIELD_NAMES = st.sampled_from(sorted({name for schema in SCHEMAS.values() for name in schema.fields}))
DOCUMENT = st.dictionaries(FIELD_NAMES | st.text(max_size=8), JSON, max_size=8) | JSON
DOC_ID = st.integers(0, 10**6).map(str) | st.text(max_size=4)
TABLE_NAME = st.sampled_from(sorted(SCHEMAS)) | st.text(max_size=8)
HISTORY = st.dictionaries(TABLE_NAME, st.dictionaries(DOC_ID, DOCUMENT, max_size=6) | JSON, max_size=6)


@settings(max_examples=200, deadline=None)
@given(HISTORY)
def test_any_json_splits_without_raising_and_every_document_is_usable_or_set_aside(
    data: dict[str, Any],
) -> None:
    before = orjson.dumps(data)
    usable, unusable = split_history(data)
    assert orjson.dumps(data) == before  # nothing changed in place
    assert set(usable) == set(data)
    for name, documents in data.items():
        if not isinstance(documents, dict):
            assert usable[name] is documents
            continue
        set_aside = {entry.doc_id: entry.document for entry in unusable if entry.table == name}
        kept = usable[name]
        assert set(kept).isdisjoint(set_aside)
        assert {**kept, **set_aside} == documents
        assert all(
            entry.reason
            and entry.reason.startswith(
                tuple(["session", "follow-up", "unfinished", "settings", "format", "year", "record of"])
            )
            for entry in unusable
            if entry.table == name
        )


@settings(max_examples=200, deadline=None)
@given(DOCUMENT, st.sampled_from(sorted(SCHEMAS)))
def test_a_usable_document_is_one_the_store_can_read_without_raising(document: Any, table: str) -> None:
    usable, _ = split_table(table, {"1": document})
    if not usable:
        return
    rows = orjson.loads(orjson.dumps({**usable, "2": usable["1"]}))  # twice, as two doc ids
    files = {key: {**fresh_file(key), table: rows} for key in (LIVE, year_key("2026"), index_key("2026"))}
    source = MemoryFiles(orjson.loads(orjson.dumps(files)))
    live = source.load(LIVE) or {}
    reads.summaries(source)
    reads.sessions(source)
    reads.session(source, "missing")
    for found in [*(files[year_key("2026")].get("sessions") or {}).values()]:
        if isinstance(found, dict) and isinstance(found.get("id"), str):
            reads.session(source, found["id"])
    reads.session_count(live, True)
    reads.session_count(live, False)
    reads.program_sittings(live, "p")
    reads.last_first_speaker(live)
    reads.open_follow_ups(live)
    reads.follow_ups(live, source)
    tables.checkpoints_newest_first(live)
    Settings.from_dict(tables.settings_of(live))
    store = InMemoryStore()
    store._files = source
    record = session_record(0)
    store.save_session(record)  # the year of its start, 2026: the live file, year and index all change
    store.session_count()
    store.session_summaries()
    store.delete_session(record["id"])
