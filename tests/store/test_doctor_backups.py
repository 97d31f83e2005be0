"""`doctor`'s look at backups and year files: each file is parsed (and its records checked) once, however
many backups share it, and a damaged one is still named."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from store_support import FixedClock, session_record

import tui.store.backups as backups
import tui.store.doctor as doctor_module
from tui.store import FileHistoryStore
from tui.store.backups import CheckedBackups, readable_backup
from tui.store.history_json import encode_history


def doctor(data_dir: Path) -> tuple[int, str]:
    """The exit code and the printed text."""
    out = io.StringIO()
    code = doctor_module.run_doctor(data_dir, out, lock_timeout=0.02)
    return code, out.getvalue()


def old_single_file_backups(data_dir: Path, count: int) -> list[Path]:
    """`count` old single-file daily backups (Hearthside 2's) of the same v2 history, byte for byte."""
    raw = encode_history({"_meta": {"1": {"schema_version": 2}}, "sessions": {"1": session_record(0)}})
    made = []
    for day in range(1, count + 1):
        path = data_dir / "backups" / f"history-202602{day:02d}T200000.000000Z-daily-{day:04x}.json"
        path.parent.mkdir(exist_ok=True, mode=0o700)
        path.write_bytes(raw)
        path.chmod(0o600)
        made.append(path)
    return made


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every file the backup check parses, in order."""
    seen: list[int] = []
    real = backups.decode_history

    def counted(raw: bytes) -> Any:
        seen.append(len(raw))
        return real(raw)

    monkeypatch.setattr(backups, "decode_history", counted)
    return seen


def test_backups_holding_the_same_bytes_are_parsed_once(data_dir: Path, clock: FixedClock, parses: list[int]) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(session_record(0))
    store.backup_now()
    store.backup_now()  # a second folder backup of the same history: the same live bytes
    copies = old_single_file_backups(data_dir, 4)
    os.link(copies[0], copies[0].with_name("history-20260301T200000.000000Z-daily-0100.json"))  # a hard link
    parses.clear()  # taking the backups read the live file too
    code, text = doctor(data_dir)
    assert code == 0, text
    assert "7 backups in" in text and "7 readable" in text
    assert len(parses) == 2  # one v3 live file, one v2 file: each content once


def test_a_damaged_copy_of_the_same_size_is_still_named(data_dir: Path, clock: FixedClock, parses: list[int]) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(session_record(0))
    first, second, third = old_single_file_backups(data_dir, 3)
    raw = second.read_bytes()
    second.write_bytes(raw[:-1] + b"]")  # the same size, other bytes: not valid JSON
    os.link(second, second.with_name("history-20260305T200000.000000Z-daily-0200.json"))
    parses.clear()
    code, text = doctor(data_dir)
    assert code == 1
    assert f"the backup {second} cannot be read: it is not valid JSON" in text
    assert "history-20260305T200000.000000Z-daily-0200.json cannot be read: it is not valid JSON" in text
    assert str(first) not in text.split("PROBLEM")[-1] and str(third) not in text
    assert len(parses) == 2  # the good bytes once, the damaged bytes once


def test_a_folder_backup_missing_a_year_file_is_named_even_when_its_live_file_was_seen(
    data_dir: Path, clock: FixedClock
) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(session_record(0))
    whole, broken = store.backup_now(), store.backup_now()
    year_file = next(path for path in (broken / "years").glob("*.json") if ".index" not in path.name)
    year_file.unlink()
    checked = CheckedBackups()
    assert readable_backup(whole, checked) is None
    assert readable_backup(broken, checked) == f"the files of {year_file.stem} are missing from it"
    shutil.rmtree(broken / "years")
    (broken / "history.json").unlink()
    assert readable_backup(broken, checked) == "it cannot be opened (No such file or directory)"


def test_each_year_file_s_records_are_checked_once(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(session_record(0))
    store.save_session({**session_record(1), "started_at": "2019-05-01T18:00:00+00:00"})
    checked: list[int] = []
    real = doctor_module.split_history

    def counted(data: dict) -> Any:
        checked.append(id(data))
        return real(data)

    monkeypatch.setattr(doctor_module, "split_history", counted)
    code, text = doctor(data_dir)
    assert code == 0, text
    assert "2 sessions" in text and "2 year files" in text
    assert len(checked) == 5  # the live file, and each of two years' year and index files, once each
