"""`doctor` names each record Hearthside cannot use, and says what each set-aside file is."""

from __future__ import annotations

import io
from pathlib import Path

import orjson
from store_support import FixedClock, follow_up, session_record

from tui.store import FileHistoryStore
from tui.store.doctor import run_doctor
from tui.store.files import write_atomic
from tui.store.set_aside import set_aside_files


def doctor(data_dir: Path) -> tuple[int, str]:
    """The exit code and the printed text."""
    out = io.StringIO()
    code = run_doctor(data_dir, out, lock_timeout=0.02)
    return code, out.getvalue()


def put(data_dir: Path, tables: dict) -> Path:
    """A v2 history file holding `tables` exactly."""
    data_dir.mkdir(mode=0o700, exist_ok=True)
    path = data_dir / "history.json"
    write_atomic(path, orjson.dumps({"_meta": {"1": {"schema_version": 2}}, **tables}))
    return path


def test_doctor_names_each_record_it_cannot_use_instead_of_all_good(data_dir: Path) -> None:
    path = put(
        data_dir,
        {
            "sessions": {
                "1": session_record(0),
                "2": session_record(1, id=42),
                "3": session_record(2, partners=[1]),
            },
            "follow_ups": {"1": follow_up(text=None), "2": follow_up(status=["open"])},
        },
    )
    before = path.read_bytes()
    code, text = doctor(data_dir)
    assert code == 1 and "All good" not in text
    assert f"PROBLEM  3 records in {path} cannot be used:" in text
    assert "- session under doc id 2: its id is a number (42), not text" in text
    assert "- session under doc id 3: its partners is a list ([1])" in text
    assert '- follow-up under doc id 2: its status is a list (["open"]), not text' in text
    assert "set-aside file" in text and "never" in text  # the fix: start Hearthside, nothing is deleted
    assert path.read_bytes() == before and set_aside_files(data_dir) == []  # doctor changes nothing


def test_doctor_counts_what_it_does_not_name_one_by_one(data_dir: Path) -> None:
    put(data_dir, {"checkpoints": {str(n): {"id": n} for n in range(1, 61)}})
    code, text = doctor(data_dir)
    assert code == 1 and "60 records in" in text
    assert text.count("its id is a number") == 50 and "and 10 more records like these" in text


def test_after_a_start_doctor_lists_the_set_aside_file_and_what_it_holds(
    data_dir: Path, clock: FixedClock
) -> None:
    put(
        data_dir,
        {"sessions": {"1": session_record(0), "2": session_record(1, id=42)}, "checkpoints": {"1": {}}},
    )
    FileHistoryStore.open(data_dir, now=clock)
    [kept] = set_aside_files(data_dir)
    code, text = doctor(data_dir)
    assert code == 0, text
    assert (
        f"note     {kept} holds 1 session and 1 unfinished session (checkpoint) set aside from history.json"
        in text
    )
    assert "never deletes it" in text and "cannot be used" not in text


def test_doctor_notes_settings_it_will_read_as_defaults_and_an_unreadable_set_aside_file(
    data_dir: Path,
) -> None:
    put(data_dir, {"settings": {"1": {"name_a": "Maya", "bell": "loud"}}})
    (data_dir / "set-aside-20260101T000000Z.json").write_bytes(b"not json")
    code, text = doctor(data_dir)
    assert code == 0, text
    assert (
        "settings in" in text
        and 'its bell is text ("loud"), not true or false; Hearthside uses its default' in text
    )
    assert "is named like a set-aside file but does not read as one" in text
