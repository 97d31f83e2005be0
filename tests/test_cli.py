"""The `hearthside` command line in a subprocess, always with a throwaway config folder."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cli_support import hearthside as run_hearthside

from tui import __version__
from tui.core.library import builtin_sessions_dir, load_library

REPO = Path(__file__).resolve().parent.parent
TEN_MINUTES_MINE = """\
[script]
id = "ten-minutes-each"
title = "Our own ten minutes"
summary = "Our version of the built-in."
method = "ten-minute rule"

[[steps]]
kind = "turns"
minutes = 5
"""


def hearthside(config_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess (see `cli_support`); no run may ever show a traceback."""
    result = run_hearthside(config_dir, *arguments)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_version(tmp_path: Path) -> None:
    result = hearthside(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"hearthside {__version__}"


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ((), "--data-dir"),
        (("scripts",), "list"),
        (("scripts", "list"), "Your own scripts live in"),
        (("scripts", "check"), "exits 2"),
    ],
)
def test_help_on_each_command(tmp_path: Path, arguments: tuple[str, ...], words: str) -> None:
    result = hearthside(tmp_path, *arguments, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: hearthside")
    assert words in result.stdout


def test_scripts_without_an_action_says_what_is_missing(tmp_path: Path) -> None:
    result = hearthside(tmp_path, "scripts")
    assert result.returncode == 2
    assert "ACTION" in result.stderr


def test_scripts_list_shows_every_built_in(tmp_path: Path) -> None:
    built_in = load_library(user_dir=None)
    assert built_in.entries
    result = hearthside(tmp_path, "scripts", "list")
    assert result.returncode == 0
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:] if line.strip()}
    for script_id, entry in built_in.entries.items():
        assert script_id in rows
        assert entry.script.title in rows[script_id]
        assert rows[script_id].rstrip().endswith("built-in")
    assert str(tmp_path / "sessions") in result.stdout


def test_scripts_list_of_the_built_ins_fits_80_columns(tmp_path: Path) -> None:
    result = hearthside(tmp_path, "scripts", "list")
    folder_line = f"Your own scripts go in {tmp_path / 'sessions'}"
    wide = [line for line in result.stdout.splitlines() if len(line) > 80 and line != folder_line]
    assert wide == []
    assert "  reconnecting-after-burnout  Reconnecting after burnout  " in result.stdout


def test_scripts_check_passes_on_the_built_ins(tmp_path: Path) -> None:
    result = hearthside(tmp_path, "scripts", "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("All good")
    assert hearthside(tmp_path, "scripts", "check", str(builtin_sessions_dir())).returncode == 0


def test_a_user_script_with_a_built_in_id_replaces_it(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    (sessions / "mine.toml").write_text(TEN_MINUTES_MINE, encoding="utf-8")
    result = hearthside(tmp_path, "scripts", "list")
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("ten-minutes-each ")]
    assert len(rows) == 1
    assert "Our own ten minutes" in rows[0]
    assert rows[0].rstrip().endswith("yours (replaces built-in)")


def test_a_broken_user_script_is_reported_and_the_list_still_shows(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    (sessions / "broken.toml").write_text("[script]\nid = 'broken'\n", encoding="utf-8")
    listing = hearthside(tmp_path, "scripts", "list")
    assert listing.returncode == 2
    assert "ten-minutes-each" in listing.stdout
    assert f"{sessions / 'broken.toml'}: script.title: missing" in listing.stderr
    check = hearthside(tmp_path, "scripts", "check")
    assert check.returncode == 2
    assert f"{sessions / 'broken.toml'}: steps: a script needs at least one [[steps]] table" in check.stderr


def test_checking_a_missing_file_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    result = hearthside(tmp_path, "scripts", "check", str(missing))
    assert result.returncode == 2
    assert f"{missing}: no such file" in result.stderr


def test_two_decks_with_one_id_in_the_same_folder_are_reported(tmp_path: Path) -> None:
    """A second deck with the same id in one folder is a problem, not a silent replacement."""
    decks = tmp_path / "sessions" / "decks"
    decks.mkdir(parents=True)
    deck = (Path(__file__).resolve().parent.parent / "sessions" / "decks" / "curious.toml").read_bytes()
    (decks / "first.toml").write_bytes(deck)
    (decks / "second.toml").write_bytes(deck)
    result = hearthside(tmp_path, "scripts", "check")
    assert result.returncode == 2
    assert 'second.toml: deck.id: "curious" is also the id of' in result.stderr
