"""Starting Hearthside (the app and `doctor`) on odd history files, a held lock and a restored backup: a
plain explanation on stderr and exit 1, never a traceback or a hang."""

from __future__ import annotations

import fcntl
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import hearthside as run_hearthside

from tui import cli
from tui.store import FileHistoryStore


def hearthside(tmp_path: Path, data_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The real command (the app when no ARGUMENTS) on `data_dir`; it must never show a traceback."""
    result = run_hearthside(tmp_path / "config", "--data-dir", str(data_dir), *arguments)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private data folder with nothing in it yet."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    return folder


def test_the_app_explains_a_fifo_instead_of_hanging(tmp_path: Path, data_dir: Path) -> None:
    os.mkfifo(data_dir / "history.json", 0o600)
    result = hearthside(tmp_path, data_dir)  # a hang times out, failing the test
    assert result.returncode == 1
    assert f"The history file {data_dir / 'history.json'} cannot be used" in result.stderr
    assert "named pipe (FIFO)" in result.stderr and "rm '" in result.stderr
    doctor = hearthside(tmp_path, data_dir, "doctor")
    assert doctor.returncode == 1 and "named pipe (FIFO)" in doctor.stdout


def test_the_app_and_doctor_explain_a_folder_named_history_json(tmp_path: Path, data_dir: Path) -> None:
    (data_dir / "history.json").mkdir()
    result = hearthside(tmp_path, data_dir)
    assert result.returncode == 1 and "is a folder, not a file" in result.stderr
    doctor = hearthside(tmp_path, data_dir, "doctor")
    assert doctor.returncode == 1 and "is a folder, not a file" in doctor.stdout
    assert "All good" not in doctor.stdout


def test_the_app_never_starts_a_new_history_over_a_dangling_link(tmp_path: Path, data_dir: Path) -> None:
    missing = tmp_path / "unmounted-drive" / "history.json"
    (data_dir / "history.json").symlink_to(missing)
    result = hearthside(tmp_path, data_dir)
    assert result.returncode == 1
    assert f"it is a link to {missing}, which does not exist" in result.stderr
    assert (data_dir / "history.json").is_symlink() and not missing.parent.exists()
    doctor = hearthside(tmp_path, data_dir, "doctor")
    assert doctor.returncode == 1 and str(missing) in doctor.stdout and "All good" not in doctor.stdout


def test_a_lock_held_at_start_says_at_once_who_has_it_and_what_to_do(tmp_path: Path, data_dir: Path) -> None:
    FileHistoryStore.open(data_dir)
    descriptor = os.open(data_dir / "history.json.lock", os.O_RDWR)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        started = time.monotonic()
        result = hearthside(tmp_path, data_dir)
        took = time.monotonic() - started
    finally:
        os.close(descriptor)
    assert result.returncode == 1
    assert took < cli.START_LOCK_PATIENCE + cli.START_LOCK_QUICK + 4.0
    assert f"Another Hearthside is using the history in {data_dir}" in result.stderr
    assert f"process {os.getpid()} (" in result.stderr and f"kill {os.getpid()}" in result.stderr
    assert result.stderr.index("Waiting up to") < result.stderr.index("did not start")
    assert "tried again" not in result.stderr


def test_after_restoring_a_backup_the_message_names_the_kept_damaged_file(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = FileHistoryStore.open(data_dir)
    backup = store.backup_now()
    damaged = b'{"sessions": {"1": {"id": "x"}'
    store.path.write_bytes(damaged)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"y\n")))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    opened, notices = cli.open_history(data_dir)
    assert opened is not None
    kept = sorted(data_dir.glob("history.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    done = f"Your history was restored from the backup {backup}. The damaged file is kept as {kept[0]}."
    assert notices[0] == done
    assert done in capsys.readouterr().err
