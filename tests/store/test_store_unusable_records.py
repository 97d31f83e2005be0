"""Records of the wrong shape in a well-formed history: set aside whole (kept, never deleted) with a reason,
never a crash in a read, never a save that fails for ever."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import orjson
import pytest
from store_support import FixedClock, follow_up, session_record

from tui.overview import read_overview
from tui.store import FileHistoryStore, StoreCorrupt
from tui.store.files import write_atomic
from tui.store.set_aside import SET_ASIDE_PREFIX, set_aside_files


def put(data_dir: Path, data: dict[str, Any]) -> Path:
    """Write `data` as the history file in a private folder."""
    data_dir.mkdir(mode=0o700, exist_ok=True)
    path = data_dir / "history.json"
    write_atomic(path, orjson.dumps(data))
    return path


def meta(version: int = 2) -> dict[str, Any]:
    """The `_meta` table of a file at `version`."""
    return {"1": {"schema_version": version}}


def history_with_bad_sessions() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Two good finished sessions and three that do not fit, under doc ids 2, 4 and 5."""
    good = [session_record(0, program_id="p"), session_record(1, program_id="p")]
    number_id = session_record(2, id=42)
    partners_list = session_record(3, partners=["Maya", "Jonah"], program_id="p")
    partner_text = session_record(4, partners={"a": "Maya", "b": "Jonah"}, program_id="p")
    sessions = {"1": good[0], "2": number_id, "3": good[1], "4": partners_list, "5": partner_text}
    return {"_meta": meta(), "sessions": sessions}, good


def only_set_aside_file(data_dir: Path) -> Path:
    """The one set-aside file in the folder."""
    [found] = set_aside_files(data_dir)
    return found


def test_sessions_of_the_wrong_shape_are_set_aside_at_open_and_reads_see_only_the_good(
    data_dir: Path, clock: FixedClock
) -> None:
    data, good = history_with_bad_sessions()
    path = put(data_dir, data)
    store = FileHistoryStore.open(data_dir, now=clock)
    assert sorted(summary["id"] for summary in store.session_summaries()) == sorted(r["id"] for r in good)
    assert read_overview(store, "p").program_sittings_done == 2
    assert store.session_count() == 2 and len(store.sessions()) == 2
    kept = only_set_aside_file(data_dir)
    assert kept.name.startswith(SET_ASIDE_PREFIX) and kept.parent == data_dir
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    held = json.loads(kept.read_bytes())
    assert held["sessions"] == {doc_id: data["sessions"][doc_id] for doc_id in ("2", "4", "5")}  # unchanged
    reasons = [entry["reason"] for entry in held["_reasons"].values()]
    assert "session under doc id 2: its id is a number (42), not text" in reasons
    assert any(reason.startswith("session under doc id 4: its partners is a list") for reason in reasons)
    assert any(reason.startswith("session under doc id 5: its partners.a is text") for reason in reasons)
    assert {entry["table"] for entry in held["_reasons"].values()} == {"sessions"}
    live = json.loads(path.read_bytes())
    assert live["_meta"]["1"]["schema_version"] == 3 and "sessions" not in live  # migrated without them
    year = json.loads((data_dir / "years" / "2026.json").read_bytes())
    assert sorted(record["id"] for record in year["sessions"].values()) == sorted(r["id"] for r in good)
    [migrated_from] = [backup for backup in store.backups() if "before-migration-v2" in backup.name]
    assert json.loads((migrated_from / "history.json").read_bytes()) == data  # the old file, verbatim
    [warning] = [text for text in store.warnings if "could not be used" in text]
    assert str(kept) in warning and "3 sessions" in warning and "nothing was deleted" in warning.lower()


def test_the_set_aside_file_is_written_before_the_history_is_rewritten(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _good = history_with_bad_sessions()
    path = put(data_dir, data)
    before = path.read_bytes()
    import tui.store.set_aside as set_aside

    def full_disk(target: Path, content: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(set_aside, "write_atomic", full_disk)
    with pytest.raises(OSError):
        FileHistoryStore.open(data_dir, now=clock)
    assert path.read_bytes() == before  # nothing dropped while the copy could not be kept
    assert set_aside_files(data_dir) == []


def test_saves_work_after_setting_aside_and_a_second_start_sets_nothing_more_aside(
    data_dir: Path, clock: FixedClock
) -> None:
    data, _good = history_with_bad_sessions()
    put(data_dir, data)
    store = FileHistoryStore.open(data_dir, now=clock)
    kept = only_set_aside_file(data_dir)
    held = kept.read_bytes()
    record = session_record(9)
    store.save_session(record)
    store.save_checkpoint({"id": "running", "saved_at": "2026-03-20T19:00:00+00:00"})
    again = FileHistoryStore.open(data_dir, now=clock)
    assert again.session(record["id"]) == record
    assert set_aside_files(data_dir) == [kept] and kept.read_bytes() == held  # kept, never touched
    assert not [text for text in again.warnings if "could not be used" in text]


def test_a_doc_id_of_digits_that_are_not_ascii_is_damage_named_at_open_not_a_save_that_fails_for_ever(
    data_dir: Path, clock: FixedClock
) -> None:
    record = session_record(0)
    path = put(data_dir, {"_meta": meta(), "sessions": {"²": record}})
    before = path.read_bytes()
    with pytest.raises(StoreCorrupt) as caught:
        FileHistoryStore.open(data_dir, now=clock)
    assert 'malformed record under "²"' in str(caught.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "doc_id", ["²", "١", "", "1.5", "-1", " 1", pytest.param("9" * 5000, id="more digits than int() reads")]
)
def test_only_ascii_decimal_doc_ids_pass_the_shape_check(doc_id: str) -> None:
    from tui.store.history_json import shape_problem

    assert shape_problem({"checkpoints": {doc_id: {"id": "x"}}}) is not None
    assert shape_problem({"checkpoints": {"17": {"id": "x"}}}) is None


def test_follow_ups_and_checkpoints_of_the_wrong_shape_break_no_read(
    data_dir: Path, clock: FixedClock
) -> None:
    good_follow_up = follow_up()
    checkpoint = {"id": "running", "saved_at": "2026-03-20T19:00:00+00:00", "step_index": 1}
    put(
        data_dir,
        {
            "_meta": meta(),
            "follow_ups": {
                "1": good_follow_up,
                "2": follow_up(created_at=5),
                "3": follow_up(text=["a", "list"]),
            },
            "checkpoints": {"1": checkpoint, "2": {"id": "other", "saved_at": 17}, "3": {"saved_at": "x"}},
        },
    )
    store = FileHistoryStore.open(data_dir, now=clock)
    assert store.open_follow_ups() == [good_follow_up]
    assert store.checkpoints() == [checkpoint]
    held = json.loads(only_set_aside_file(data_dir).read_bytes())
    assert sorted(held["follow_ups"]) == ["2", "3"] and sorted(held["checkpoints"]) == ["2", "3"]
    reasons = {entry["reason"] for entry in held["_reasons"].values()}
    assert "unfinished session (checkpoint) under doc id 3: it has no id" in reasons
    assert "follow-up under doc id 2: its created_at is a number (5), not text" in reasons


def test_a_record_written_by_another_process_while_running_is_filtered_then_set_aside_before_a_save(
    data_dir: Path, clock: FixedClock
) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    good = session_record(0)
    store.save_session(good)
    year_file, index_file = data_dir / "years" / "2026.json", data_dir / "years" / "2026.index.json"
    year = json.loads(year_file.read_bytes())
    year["sessions"]["7"] = session_record(1, partners="Maya and Jonah")
    index = json.loads(index_file.read_bytes())
    index["summaries"]["7"] = {"id": 7, "status": "finished"}
    live = json.loads(store.path.read_bytes())
    live["checkpoints"] = {"3": {"id": "elsewhere", "saved_at": ["not", "text"]}}
    for path, data in ((year_file, year), (index_file, index), (store.path, live)):
        write_atomic(path, orjson.dumps(data))  # another Hearthside, older or newer, wrote these
    assert [summary["id"] for summary in store.session_summaries()] == [good["id"]]
    assert [record["id"] for record in store.sessions()] == [good["id"]]
    assert store.session(good["id"]) == good and store.session(year["sessions"]["7"]["id"]) is None
    assert store.checkpoints() == [] and store.load_checkpoint() is None
    assert set_aside_files(data_dir) == []  # reading changes nothing on disk
    later = session_record(2)
    store.save_session(later)
    held = {}
    for kept in set_aside_files(data_dir):
        content = json.loads(kept.read_bytes())
        held[content["_set_aside"]["1"]["from"]] = content
    assert held["years/2026.json"]["sessions"] == {"7": year["sessions"]["7"]}  # unchanged
    assert held["years/2026.index.json"]["summaries"] == {"7": index["summaries"]["7"]}
    assert held["history.json"]["checkpoints"] == live["checkpoints"]
    assert len(held) == 3  # each record kept once, beside the file it was taken from
    on_disk = json.loads(year_file.read_bytes())
    assert sorted(record["id"] for record in on_disk["sessions"].values()) == sorted([good["id"], later["id"]])
    assert sorted(json.loads(index_file.read_bytes())["summaries"]) == sorted(on_disk["sessions"])
    assert not json.loads(store.path.read_bytes()).get("checkpoints")
    store.save_session(session_record(3))
    assert len(set_aside_files(data_dir)) == 3  # nothing set aside twice


def test_a_change_that_changes_nothing_sets_nothing_aside(data_dir: Path, clock: FixedClock) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(session_record(0))
    live = json.loads(store.path.read_bytes())
    live["checkpoints"] = {"1": {"id": 7, "saved_at": "2026-03-20T19:00:00+00:00"}}
    write_atomic(store.path, orjson.dumps(live))
    year_file = data_dir / "years" / "2026.json"
    year = json.loads(year_file.read_bytes())
    year["sessions"]["9"] = session_record(1, id=7)
    write_atomic(year_file, orjson.dumps(year))
    before = {path: path.read_bytes() for path in (store.path, year_file)}
    assert store.discard_checkpoint("nothing-here") is False
    assert store.delete_session("nothing-here") is False
    assert set_aside_files(data_dir) == []
    assert {path: path.read_bytes() for path in before} == before  # nothing rewritten either


def test_an_older_file_with_records_that_do_not_fit_is_migrated_and_they_are_set_aside(
    data_dir: Path, clock: FixedClock
) -> None:
    good = session_record(0)
    data = {"_meta": meta(1), "sessions": {"1": good, "2": session_record(1, started_at=20260314)}}
    put(data_dir, data)
    store = FileHistoryStore.open(data_dir, now=clock)
    assert [summary["id"] for summary in store.session_summaries()] == [good["id"]]
    held = json.loads(only_set_aside_file(data_dir).read_bytes())
    assert held["sessions"] == {"2": data["sessions"]["2"]}
    assert [backup.name for backup in store.backups() if "before-migration-v1" in backup.name]


def test_a_newer_file_opened_read_only_shows_only_the_records_that_fit_and_is_never_written(
    data_dir: Path, clock: FixedClock
) -> None:
    good = session_record(0)
    path = put(data_dir, {"_meta": meta(99), "sessions": {"1": good, "2": session_record(1, id=None)}})
    before = path.read_bytes()
    store = FileHistoryStore.open_read_only(data_dir, now=clock)
    assert [summary["id"] for summary in store.session_summaries()] == [good["id"]]
    assert [record["id"] for record in store.sessions()] == [good["id"]]
    assert path.read_bytes() == before and set_aside_files(data_dir) == []


def test_settings_of_the_wrong_shape_fall_back_and_are_not_set_aside(
    data_dir: Path, clock: FixedClock
) -> None:
    settings = {"name_a": "Maya", "name_b": "Jonah", "bell": "loud", "theme": 7, "future_option": [1]}
    put(data_dir, {"_meta": meta(), "settings": {"1": settings}})
    store = FileHistoryStore.open(data_dir, now=clock)
    assert store.load_settings() == settings  # Settings.from_dict uses the defaults for what it cannot read
    assert set_aside_files(data_dir) == []
    assert os.listdir(data_dir).count("history.json") == 1


def test_a_session_of_the_wrong_shape_written_by_hand_into_a_year_file_is_filtered_named_then_set_aside(
    data_dir: Path, clock: FixedClock
) -> None:
    from tui.store.doctor import run_doctor

    store = FileHistoryStore.open(data_dir, now=clock)
    good = session_record(0)
    store.save_session(good)
    year_file, index_file = data_dir / "years" / "2026.json", data_dir / "years" / "2026.index.json"
    year = json.loads(year_file.read_bytes())
    year["sessions"]["5"] = session_record(1, id="by-hand", partners=["Maya", "Jonah"])
    year["sessions"]["6"] = session_record(2, started_at=20260316)
    write_atomic(year_file, orjson.dumps(year))
    index = json.loads(index_file.read_bytes())
    index["summaries"]["5"] = {"id": "by-hand", "status": "finished", "partners": ["Maya", "Jonah"]}
    write_atomic(index_file, orjson.dumps(index))
    written = year_file.read_bytes()

    assert [summary["id"] for summary in store.session_summaries()] == [good["id"]]
    assert [record["id"] for record in store.sessions()] == [good["id"]]
    assert store.session("by-hand") is None and store.session(year["sessions"]["6"]["id"]) is None
    assert store.session(good["id"]) == good

    out = io.StringIO()
    assert run_doctor(data_dir, out, lock_timeout=0.02) == 1
    text = out.getvalue()
    assert f"2 records in {year_file} cannot be used:" in text
    assert "- session under doc id 5: its partners is a list" in text
    assert "- session under doc id 6: its started_at is a number (20260316), not text" in text
    assert f"1 record in {index_file} cannot be used:" in text
    assert "when a session of that year is next saved" in text  # not at start: year files are not read then

    again = FileHistoryStore.open(data_dir, now=clock)  # opening reads only the live file
    assert set_aside_files(data_dir) == [] and year_file.read_bytes() == written
    later = session_record(3)
    again.save_session(later)
    held = {}
    for kept in set_aside_files(data_dir):
        content = json.loads(kept.read_bytes())
        held[content["_set_aside"]["1"]["from"]] = content
    assert held["years/2026.json"]["sessions"] == {"5": year["sessions"]["5"], "6": year["sessions"]["6"]}
    assert held["years/2026.index.json"]["summaries"] == {"5": index["summaries"]["5"]}
    assert sorted(held) == ["years/2026.index.json", "years/2026.json"]
    on_disk = json.loads(year_file.read_bytes())
    assert sorted(record["id"] for record in on_disk["sessions"].values()) == sorted([good["id"], later["id"]])
    notices = [text for text in again.warnings if "could not be used" in text]
    assert len(notices) == 2 and any(text.startswith("2 sessions in your history") for text in notices)
    out = io.StringIO()
    assert run_doctor(data_dir, out, lock_timeout=0.02) == 0, out.getvalue()


def test_a_read_of_a_year_file_that_a_save_replaced_meanwhile_sets_nothing_aside_twice(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.store.year_files as year_files

    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(session_record(0))
    year_file = data_dir / "years" / "2026.json"
    year = json.loads(year_file.read_bytes())
    year["sessions"]["5"] = session_record(1, id=5)
    write_atomic(year_file, orjson.dumps(year))
    real_read = year_files.read_bytes
    saved_meanwhile: list[bool] = []

    def read_then_a_save_replaces_the_file(path: Path) -> bytes | None:
        raw = real_read(path)
        if path == year_file and not saved_meanwhile:
            saved_meanwhile.append(True)
            store.save_session(session_record(2))  # another thread saves while this read is parsed
        return raw

    monkeypatch.setattr(year_files, "read_bytes", read_then_a_save_replaces_the_file)
    assert len(store.sessions()) >= 1  # a reader thread, no lock: it parsed the file as it was
    assert len(set_aside_files(data_dir)) == 1  # the save kept the record once
    store.save_session(session_record(3))
    [kept] = set_aside_files(data_dir)  # and the next save of that year keeps nothing again
    assert json.loads(kept.read_bytes())["sessions"] == {"5": year["sessions"]["5"]}


def test_a_read_of_the_live_file_that_ends_during_a_change_sets_nothing_aside_twice(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.store.operations as operations
    import tui.store.storage as storage

    store = FileHistoryStore.open(data_dir, now=clock)
    live = json.loads(store.path.read_bytes())
    live["checkpoints"] = {"4": {"id": 4, "saved_at": "2026-03-20T19:00:00+00:00"}}
    write_atomic(store.path, orjson.dumps(live))
    stale = store.path.read_bytes()  # a reader thread read these bytes, and is still parsing them
    assert store.save_checkpoint({"id": "first", "saved_at": "2026-03-20T19:01:00+00:00"})
    [kept] = set_aside_files(data_dir)
    real_read, real_store = storage.read_bytes, operations.store_checkpoint

    def reader_ends_now(change: Any, document: dict[str, Any]) -> bool:
        monkeypatch.setattr(storage, "read_bytes", lambda path: stale)
        store.storage.shared()  # the lagging reader remembers its parse of the older bytes
        monkeypatch.setattr(storage, "read_bytes", real_read)
        return real_store(change, document)

    monkeypatch.setattr(operations, "store_checkpoint", reader_ends_now)
    assert store.save_checkpoint({"id": "second", "saved_at": "2026-03-20T19:02:00+00:00"})
    assert set_aside_files(data_dir) == [kept]
    assert sorted(checkpoint["id"] for checkpoint in store.checkpoints()) == ["first", "second"]
