"""`run_doctor`: plain lines about a healthy and a broken folder, and the exit code."""

from __future__ import annotations

import fcntl
import io
import os
from pathlib import Path

from store_support import FixedClock, follow_up, session_record, snapshot_of

from tui.store import FileHistoryStore
from tui.store.doctor import run_doctor


def doctor(data_dir: Path) -> tuple[int, str]:
    """The exit code and the printed text."""
    out = io.StringIO()
    code = run_doctor(data_dir, out, lock_timeout=0.02)
    return code, out.getvalue()


def test_a_healthy_folder(data_dir: Path, clock: FixedClock) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(session_record(0, follow_ups=[follow_up()]))
    store.save_session(session_record(1, status="abandoned"))
    store.save_checkpoint(snapshot_of(session_record(2)))
    store.backup_now()
    code, text = doctor(data_dir)
    assert code == 0, text
    assert "2 sessions (1 finished), 1 open follow-up, 1 unfinished session waiting" in text
    assert "format 3" in text and "1 year file" in text
    assert "only you can read" in text
    assert "is free" in text
    assert "1 backup in" in text and "1 readable" in text
    assert "PROBLEM" not in text and text.endswith("All good.\n")


def test_a_folder_not_made_yet_is_healthy(tmp_path: Path) -> None:
    code, text = doctor(tmp_path / "nothing-here")
    assert code == 0 and "does not exist yet" in text


def test_a_broken_folder_lists_each_problem_with_its_fix(data_dir: Path, clock: FixedClock) -> None:
    store = FileHistoryStore.open(data_dir, now=clock)
    store.save_session(session_record(0))
    good = store.backup_now()
    bad = good.with_name("history-20200101T000000.000000Z-manual-0000.json")
    bad.write_bytes(b"")
    bad.chmod(0o600)
    store.path.write_bytes(b'{"sessions": {}} trailing')
    data_dir.chmod(0o755)
    (data_dir / ".history.json.tmp-1-aaaa").write_bytes(b"{")
    descriptor = os.open(store.lock.path, os.O_RDWR)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        code, text = doctor(data_dir)
    finally:
        os.close(descriptor)
    assert code == 1
    assert f"PROBLEM  the history file {store.path} cannot be read: it is not valid JSON" in text
    assert "restore the newest backup" in text and good.name in text
    assert "recover the complete history" in text
    assert f"fix: chmod 700 '{data_dir}'" in text
    assert f"the lock {store.lock.path} has been held" in text and f"process {os.getpid()}" in text
    assert f"the backup {bad} cannot be read: the file is empty" in text and f"rm '{bad}'" in text
    assert "left by an interrupted save" in text
    assert text.endswith("4 problems found.\n")


def test_a_newer_file_is_a_problem(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "history.json").write_bytes(b'{"_meta": {"1": {"schema_version": 7}}}')
    (data_dir / "history.json").chmod(0o600)
    code, text = doctor(data_dir)
    assert code == 1 and "format 7, from a newer Hearthside" in text and "update Hearthside" in text
