"""The kept library: a start reads it instead of every TOML file, and any change to a file it came from
(or a damaged cache) means the files are read again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.library import Library, builtin_sessions_dir, load_library
from tui.store import library_cache
from tui.store.library_cache import cache_file, cached_library, library_stamp

SCRIPT = """\
[script]
id = "our-own"
title = "{title}"
summary = "Ours."
method = "ours"

[[steps]]
kind = "turns"
title = "Talk"
minutes = 5
rounds = 1
"""


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """Every time the cache falls back to reading the TOML files, the user folder it read."""
    seen: list[Path | None] = []

    def counted(builtin_dir: Path | None = None, user_dir: Path | None = None) -> Library:
        seen.append(user_dir)
        return load_library(builtin_dir, user_dir)

    monkeypatch.setattr(library_cache, "load_library", counted)
    return seen


def own_folder(tmp_path: Path, title: str = "Our own") -> Path:
    """A couple's scripts folder with one script of theirs."""
    folder = tmp_path / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "our-own.toml").write_text(SCRIPT.format(title=title))
    return folder


def summary(library: Library) -> tuple[object, ...]:
    """What a couple sees of a library: its scripts, decks, programs, problems and broken files."""
    return (
        sorted((entry.script.id, entry.script.title, entry.origin) for entry in library.entries.values()),
        sorted(library.decks),
        sorted(library.programs),
        [str(problem) for problem in library.problems],
        [(broken.path, broken.kind) for broken in library.broken],
    )


def test_a_second_start_reads_the_kept_library_not_the_files(tmp_path: Path, reads: list[Path | None]) -> None:
    folder = own_folder(tmp_path)
    first = cached_library(tmp_path / "cache", folder)
    second = cached_library(tmp_path / "cache", folder)
    assert reads == [folder]
    assert summary(second) == summary(first) == summary(load_library(user_dir=folder))
    assert second.find("our-own") is not None and second.find("our-own").title == "Our own"  # type: ignore[union-attr]


def test_an_edited_added_or_removed_file_is_read_again(tmp_path: Path, reads: list[Path | None]) -> None:
    folder = own_folder(tmp_path)
    cache = tmp_path / "cache"
    cached_library(cache, folder)
    (folder / "our-own.toml").write_text(SCRIPT.format(title="Our own, edited"))
    edited = cached_library(cache, folder)
    assert edited.find("our-own").title == "Our own, edited"  # type: ignore[union-attr]
    (folder / "decks").mkdir()
    (folder / "decks" / "broken.toml").write_text("[deck\n")
    added = cached_library(cache, folder)
    assert [broken.kind for broken in added.broken] == ["deck"]
    (folder / "our-own.toml").unlink()
    removed = cached_library(cache, folder)
    assert removed.find("our-own") is None
    assert len(reads) == 4
    assert summary(cached_library(cache, folder)) == summary(removed) and len(reads) == 4


def test_a_library_with_problems_is_kept_with_its_problems(tmp_path: Path, reads: list[Path | None]) -> None:
    folder = own_folder(tmp_path)
    (folder / "bad.toml").write_text('[script]\nid = "bad"\n')
    first = cached_library(tmp_path / "cache", folder)
    second = cached_library(tmp_path / "cache", folder)
    assert len(reads) == 1
    assert second.problems and summary(second) == summary(first)
    assert second.find_broken("bad") is not None


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", b"\x80\x05\x95\xff\xff"])
def test_a_damaged_cache_is_read_past_and_replaced(tmp_path: Path, reads: list[Path | None], damage: bytes) -> None:
    folder = own_folder(tmp_path)
    cache = tmp_path / "cache"
    cached_library(cache, folder)
    kept = cache_file(cache, builtin_sessions_dir(), folder)
    kept.write_bytes(damage)
    library = cached_library(cache, folder)
    assert library.find("our-own") is not None
    assert len(reads) == 2
    assert kept.stat().st_size > 1000  # written whole again
    cached_library(cache, folder)
    assert len(reads) == 2


def test_a_cache_folder_that_cannot_be_made_changes_nothing(tmp_path: Path, reads: list[Path | None]) -> None:
    folder = own_folder(tmp_path)
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    library = cached_library(blocked / "cache", folder)
    assert library.find("our-own") is not None
    assert sorted(os.listdir(tmp_path)) == ["a-file", "sessions"]  # no partial file anywhere


def test_two_folders_keep_two_caches(tmp_path: Path, reads: list[Path | None]) -> None:
    ours = own_folder(tmp_path / "ours", "Ours")
    theirs = own_folder(tmp_path / "theirs", "Theirs")
    cache = tmp_path / "cache"
    for _ in range(2):
        assert cached_library(cache, ours).find("our-own").title == "Ours"  # type: ignore[union-attr]
        assert cached_library(cache, theirs).find("our-own").title == "Theirs"  # type: ignore[union-attr]
    assert len(reads) == 2


def test_the_stamp_follows_a_files_permissions_and_a_missing_folder(tmp_path: Path) -> None:
    folder = own_folder(tmp_path)
    before = library_stamp(builtin_sessions_dir(), folder)
    (folder / "our-own.toml").chmod(0o200)
    assert library_stamp(builtin_sessions_dir(), folder) != before
    missing = library_stamp(builtin_sessions_dir(), tmp_path / "nothing-here")
    assert missing != before and missing == library_stamp(builtin_sessions_dir(), tmp_path / "nothing-here")


def test_the_command_line_keeps_and_uses_the_cache(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "HEARTHSIDE_CACHE_DIR": str(tmp_path / "cache"),
        "HEARTHSIDE_CONFIG_DIR": str(tmp_path / "config"),
    }
    command = [sys.executable, "-m", "tui", "scripts", "list"]
    first = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=60, check=True)
    assert [path.name.startswith("library-") for path in (tmp_path / "cache").iterdir()] == [True]
    second = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=60, check=True)
    assert second.stdout == first.stdout and "ten-minutes-each" in second.stdout
