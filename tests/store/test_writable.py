"""The writability check: a real test write and the free space, said as a plain problem with its fix;
the store refuses to open read-write where nothing can be written, and doctor says so."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from tui.store import FileHistoryStore, StoreUnwritable
from tui.store.doctor import run_doctor
from tui.store.files import leftover_temp_files
from tui.store.writable import MIN_FREE_BYTES, check_writable, plain_reason


def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fsync fails as on a full disk (the test write gets as far as the disk, then is refused)."""

    def refuse(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", refuse)


def little_space(monkeypatch: pytest.MonkeyPatch, free_bytes: int) -> None:
    real = os.statvfs

    def statvfs(path: object) -> object:
        found = real(path)  # type: ignore[arg-type]
        return SimpleNamespace(f_bavail=free_bytes // found.f_frsize, f_frsize=found.f_frsize)

    monkeypatch.setattr(os, "statvfs", statvfs)


def test_a_folder_that_can_be_written_has_no_problem_and_keeps_nothing(tmp_path: Path) -> None:
    assert check_writable(tmp_path) is None
    assert list(tmp_path.iterdir()) == []  # the test file is gone


def test_a_missing_folder_is_checked_where_it_would_be_made(tmp_path: Path) -> None:
    assert check_writable(tmp_path / "not" / "yet") is None
    assert not (tmp_path / "not").exists()


def test_a_full_disk_is_said_plainly_with_its_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full_disk(monkeypatch)
    problem = check_writable(tmp_path)
    assert problem is not None and problem.blocking
    assert "the disk is full" in str(problem) and "free some space" in problem.fix.lower()
    assert leftover_temp_files(tmp_path) == []


def test_little_free_space_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    little_space(monkeypatch, MIN_FREE_BYTES // 3)
    problem = check_writable(tmp_path)
    assert problem is not None and not problem.blocking
    assert "KB free" in str(problem)


def test_less_than_twice_the_live_file_is_too_little(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = tmp_path / "history.json"
    live.write_bytes(b"x" * 3_000_000)
    little_space(monkeypatch, 5_000_000)
    problem = check_writable(tmp_path, live)
    assert problem is not None and "3.0 MB" in str(problem)
    assert check_writable(tmp_path) is None  # without the live file, 5 MB is plenty


def test_the_store_will_not_open_where_nothing_can_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_disk(monkeypatch)
    with pytest.raises(StoreUnwritable, match="the disk is full"):
        FileHistoryStore.open(tmp_path)


def test_doctor_on_a_full_disk_does_not_say_all_good(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    FileHistoryStore.open(tmp_path)
    full_disk(monkeypatch)
    out = io.StringIO()
    assert run_doctor(tmp_path, out) == 1
    text = out.getvalue()
    assert "All good" not in text
    assert "PROBLEM  Hearthside cannot save in" in text and "the disk is full" in text
    assert "fix: free some space" in text.lower()


def test_doctor_names_a_nearly_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    FileHistoryStore.open(tmp_path)
    little_space(monkeypatch, 196_608)
    out = io.StringIO()
    assert run_doctor(tmp_path, out) == 1
    assert "nearly full: only 19" in out.getvalue() and "KB free" in out.getvalue()


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only"), (errno.EACCES, "not allowed to create or change files")],
)
def test_failed_saves_are_named_in_plain_words(code: int, words: str) -> None:
    assert words in plain_reason(OSError(code, os.strerror(code)))
