"""The store API contract the app relies on, run against both stores: `FileHistoryStore` (history.json)
and `InMemoryStore` (tests and screenshots), so app tests run on the behaviour the real store has."""

from __future__ import annotations

import json

import pytest
from store_support import ContractStore, FixedClock, follow_up, iso, session_record, snapshot_of

from tui.core.clock import ManualClock
from tui.core.engine import Session
from tui.core.events import CaptureFollowUp, Continue, Start
from tui.core.partners import Partners
from tui.core.script_loader import parse_script_bytes
from tui.overview import HistoryStore
from tui.store import StoreInvalidRecord, StoreNotFound


@pytest.fixture
def store(either_store: ContractStore) -> ContractStore:
    """The file store and the in-memory one, in turn (`either_store` in conftest.py)."""
    return either_store


def test_both_stores_give_the_app_what_it_needs(store: ContractStore) -> None:
    needed = [name for name in dir(HistoryStore) if not name.startswith("_")]
    assert needed and all(callable(getattr(store, name, None)) for name in needed)


def test_sessions_newest_first_counts_and_last_first_speaker(store: ContractStore) -> None:
    records = [session_record(index) for index in (2, 0, 3, 1)]
    records[2]["status"] = "abandoned"  # index 3, the newest
    for record in records:
        store.save_session(record)
    assert [record["started_at"] for record in store.sessions()] == sorted(
        (record["started_at"] for record in records), reverse=True
    )
    assert store.session_count() == 3
    assert store.session_count(finished_only=False) == 4
    assert store.last_first_speaker() == "b"  # index 3 is odd: partner b started


def test_follow_ups_are_kept_once_and_reviews_change_their_status(
    store: ContractStore, clock: FixedClock
) -> None:
    walk, call = follow_up(text="A walk"), follow_up(kind="request", owner="b", text="Call my mother")
    first = session_record(0, follow_ups=[walk, call])
    store.save_session(first)
    store.save_session(first)
    assert [item["id"] for item in store.open_follow_ups()] == [walk["id"], call["id"]]
    assert store.open_follow_ups()[0]["session_id"] == first["id"]
    reviews = [
        {"follow_up_id": walk["id"], "status": "kept", "at": iso(clock.moment)},
        {"follow_up_id": call["id"], "status": "not_yet", "at": iso(clock.moment)},
    ]
    store.save_session(session_record(1, reviews=reviews))
    by_id = {item["id"]: item for item in store.follow_ups()}
    assert by_id[walk["id"]]["status"] == "kept"
    assert by_id[walk["id"]]["status_changed_at"] == iso(clock.moment)
    assert by_id[call["id"]]["status"] == "open"
    assert by_id[call["id"]]["last_reviewed_at"] == iso(clock.moment)
    assert [item["id"] for item in store.open_follow_ups()] == [call["id"]]


def test_a_later_decision_is_not_undone_by_saving_an_old_record_again(
    store: ContractStore, clock: FixedClock
) -> None:
    promise = follow_up()
    store.save_session(session_record(0, follow_ups=[promise]))
    review_session = session_record(
        1, reviews=[{"follow_up_id": promise["id"], "status": "kept", "at": iso(clock())}]
    )
    store.save_session(review_session)
    clock.advance(hours=1)
    store.set_follow_up_status(promise["id"], "open")
    store.save_session(review_session)  # e.g. a retried save
    assert [item["id"] for item in store.open_follow_ups()] == [promise["id"]]
    store.save_session(session_record(0, follow_ups=[promise]) | {"id": store.sessions()[-1]["id"]})
    assert store.open_follow_ups()[0]["status_changed_at"] == iso(clock())


def test_set_follow_up_status(store: ContractStore, clock: FixedClock) -> None:
    promise = follow_up()
    store.save_session(session_record(0, follow_ups=[promise]))
    clock.advance(days=2)
    store.set_follow_up_status(promise["id"], "let_go")
    assert store.open_follow_ups() == []
    assert store.follow_ups()[0]["status_changed_at"] == iso(clock())
    with pytest.raises(StoreNotFound, match="no follow-up"):
        store.set_follow_up_status("no-such-id", "kept")
    with pytest.raises(StoreInvalidRecord, match="not a follow-up status"):
        store.set_follow_up_status(promise["id"], "done")


def test_settings_round_trip_and_replace(store: ContractStore) -> None:
    assert store.load_settings() == {}
    settings = {"partners": {"a": {"name": "Maya", "colour": "green"}}, "bell": True, "theme": "dark"}
    store.save_settings(settings)
    assert store.load_settings() == settings
    store.save_settings({"bell": False})
    assert store.load_settings() == {"bell": False}


def test_keep_unfinished_marks_it_abandoned_until_deleted(store: ContractStore) -> None:
    record = session_record(0, status="running", ended_at=None)
    store.save_checkpoint(snapshot_of(record))
    store.keep_unfinished(record)
    kept = store.sessions()[0]
    assert kept["status"] == "abandoned" and kept["ended_at"]
    assert store.load_checkpoint() is None
    assert store.session_count() == 0 and store.session_count(finished_only=False) == 1
    assert store.delete_session(record["id"]) is True
    assert store.sessions() == []


def test_records_are_copied_both_ways(store: ContractStore) -> None:
    record = session_record(0)
    store.save_session(record)
    record["status"] = "changed by the app afterwards"
    store.save_checkpoint(snapshot_of(session_record(1)))  # reuses the remembered data for this write
    loaded = store.sessions()[0]
    assert loaded["status"] == "finished"
    loaded["status"] = "changed by the reader"
    assert store.sessions()[0]["status"] == "finished"


def test_a_real_engine_record_and_snapshot_round_trip(store: ContractStore) -> None:
    script = parse_script_bytes(
        b'[script]\nid = "tiny"\ntitle = "Tiny"\nsummary = "s"\nmethod = "none"\n\n'
        b'[[steps]]\nkind = "capture"\nkinds = ["promise"]\n',
        "tiny.toml",
        lambda deck_id: None,
    )
    session = Session(script, Partners("Maya", "Jonah"), ManualClock(), seed=3)
    assert session.handle(Start())
    store.save_checkpoint(session.snapshot())
    assert store.load_checkpoint() == json.loads(json.dumps(session.snapshot()))
    assert session.handle(CaptureFollowUp(kind="promise", text="Tea in bed on Saturday"))
    session.handle(Continue())
    store.save_session(session.record())
    assert store.sessions() == [json.loads(json.dumps(session.record()))]
    assert [item["text"] for item in store.open_follow_ups()] == ["Tea in bed on Saturday"]
    assert store.load_checkpoint() is None


def test_session_summaries_are_light_and_newest_first(store: ContractStore) -> None:
    for index in (1, 0):
        store.save_session(session_record(index, follow_ups=[follow_up()]))
    summaries = store.session_summaries()
    assert [summary["started_at"] for summary in summaries] == [
        record["started_at"] for record in store.sessions()
    ]
    assert summaries[0]["partners"] == {"a": "Maya", "b": "Jonah"}
    assert summaries[0]["counts"] == {"appreciations": 2, "answers": 2, "follow_ups": 1, "time_outs": 0}
    assert store.session(summaries[0]["id"]) == store.sessions()[0]
    assert store.session("missing") is None

def test_checkpoints_upsert_and_load_the_newest_then_discard(store: ContractStore) -> None:
    older, newer = session_record(0), session_record(1)
    store.save_checkpoint(snapshot_of(older, saved_at="2026-03-14T19:40:00+00:00"))
    store.save_checkpoint(snapshot_of(newer, saved_at="2026-03-14T19:45:00+00:00"))
    store.save_checkpoint(snapshot_of(older, saved_at="2026-03-14T19:50:00+00:00"))
    assert store.load_checkpoint() == snapshot_of(older, saved_at="2026-03-14T19:50:00+00:00")
    assert store.discard_checkpoint(older["id"]) is True
    assert store.discard_checkpoint(older["id"]) is False
    assert store.load_checkpoint() == snapshot_of(newer, saved_at="2026-03-14T19:45:00+00:00")


def test_every_unfinished_session_has_its_own_checkpoint_newest_first(store: ContractStore) -> None:
    """Two sessions of the same script never share a checkpoint; all of them are listed, newest first."""
    first, second, third, saved = (session_record(index) for index in range(4))
    for record in (first, second, third, saved):
        record["script_id"] = "mine"
    store.save_checkpoint({**snapshot_of(first, saved_at="2026-03-14T19:40:00+00:00"), "draft": "first words"})
    store.save_checkpoint({**snapshot_of(second, saved_at="2026-03-14T19:45:00+00:00"), "draft": ""})
    store.save_checkpoint(snapshot_of(third, saved_at="2026-03-14T19:42:00+00:00"))
    store.save_checkpoint(snapshot_of(saved, saved_at="2026-03-14T19:49:00+00:00"))
    store.save_session(saved)
    listed = store.checkpoints()
    assert [snapshot["id"] for snapshot in listed] == [second["id"], third["id"], first["id"]]
    assert listed[2]["draft"] == "first words"
    assert listed[0] == store.load_checkpoint()
    listed[0]["draft"] = "changed by the reader"
    assert store.checkpoints()[0]["draft"] == ""
    assert store.discard_checkpoint(third["id"]) is True
    assert [snapshot["id"] for snapshot in store.checkpoints()] == [second["id"], first["id"]]


def test_a_saved_session_drops_its_checkpoint_and_a_late_one_is_ignored(store: ContractStore) -> None:
    record = session_record(0)
    store.save_checkpoint(snapshot_of(record))
    store.save_session(record)
    assert store.load_checkpoint() is None
    assert store.save_checkpoint(snapshot_of(record)) is False
    assert store.load_checkpoint() is None


def test_keeping_an_unfinished_session_ends_it_at_its_last_save(store: ContractStore) -> None:
    record = session_record(0, status="running", ended_at=None, saved_at="2026-03-14T19:41:00+00:00")
    store.keep_unfinished(record)
    assert store.sessions()[0]["status"] == "abandoned"
    assert store.sessions()[0]["ended_at"] == "2026-03-14T19:41:00+00:00"
    finished_early = session_record(1, status="ended_early")
    store.keep_unfinished(finished_early)
    assert store.session(finished_early["id"])["status"] == "ended_early"
    assert store.session_count() == 1


def test_saving_a_session_again_refreshes_its_follow_ups_words_but_keeps_their_decisions(
    store: ContractStore, clock: FixedClock
) -> None:
    promise = follow_up(text="A walk")
    record = session_record(0, follow_ups=[promise])
    store.save_session(record)
    clock.advance(hours=1)
    store.set_follow_up_status(promise["id"], "kept")
    store.save_session(record | {"follow_ups": [promise | {"text": "A long walk", "status": "open"}]})
    [kept] = store.follow_ups()
    assert (kept["text"], kept["status"], kept["status_changed_at"]) == ("A long walk", "kept", iso(clock()))
    assert kept["last_reviewed_at"] == iso(clock())
    assert store.open_follow_ups() == []


def test_a_follow_up_with_an_unknown_status_is_kept_open(store: ContractStore) -> None:
    store.save_session(session_record(0, follow_ups=[follow_up(status="maybe")]))
    assert [item["status"] for item in store.open_follow_ups()] == ["open"]


def test_not_yet_keeps_a_follow_up_open_and_notes_the_look(store: ContractStore, clock: FixedClock) -> None:
    promise = follow_up()
    store.save_session(session_record(0, follow_ups=[promise]))
    clock.advance(days=1)
    store.set_follow_up_status(promise["id"], "not_yet")
    [still_open] = store.open_follow_ups()
    assert still_open["last_reviewed_at"] == iso(clock())
    with pytest.raises(StoreNotFound):
        store.set_follow_up_status("no-such-id", "not_yet")


def test_deleting_a_session_takes_its_checkpoint_and_follow_ups(store: ContractStore) -> None:
    records = [session_record(index, follow_ups=[follow_up()]) for index in range(3)]
    for record in records:
        store.save_session(record)
    assert store.delete_session("not-there") is False
    assert store.delete_session(records[0]["id"]) is True
    assert len(store.open_follow_ups()) == 2
    assert store.delete_sessions([records[1]["id"], records[2]["id"], "not-there"]) == 2
    assert store.sessions() == [] and store.open_follow_ups() == []


def test_rotation_reads_only_real_first_speakers(store: ContractStore) -> None:
    store.save_session(session_record(0))
    store.save_session(session_record(1, first_speaker=""))
    assert store.last_first_speaker() == "a"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (session_record(0, notes=[{"text": "broken \ud800 surrogate"}]), "cannot be saved as text"),
        (session_record(0, id=None), 'needs a text "id"'),
        (session_record(0, duration_seconds=2**70), "cannot be saved as text"),
        ("not a dict", "must be a dict"),
    ],
)
def test_a_record_that_cannot_be_json_is_refused_and_nothing_changes(
    store: ContractStore, record: object, message: str
) -> None:
    store.save_session(session_record(5))
    before = store.sessions()
    with pytest.raises(StoreInvalidRecord, match=message):
        store.save_session(record)  # type: ignore[arg-type]
    with pytest.raises(StoreInvalidRecord, match=message):
        store.save_checkpoint(record)  # type: ignore[arg-type]
    assert store.sessions() == before and store.load_checkpoint() is None
