"""The couple's own scripts on the command line: a broken one says why, references are checked whole."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cli_support import hearthside as run_hearthside

MINE = """\
[script]
id = "mine"
title = "Our evening"
summary = "Our own ten minutes."
method = "ten-minute rule"
{extra}

[[steps]]
kind = "turns"
minutes = {minutes}
"""


def hearthside(config_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess; no run may ever show a traceback."""
    result = run_hearthside(config_dir, *arguments)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def write_mine(config_dir: Path, minutes: str = "5", extra: str = "", name: str = "mine.toml") -> Path:
    """A script of the couple's own in their sessions folder."""
    sessions = config_dir / "sessions"
    sessions.mkdir(parents=True, exist_ok=True)
    path = sessions / name
    path.write_text(MINE.format(minutes=minutes, extra=extra), encoding="utf-8")
    return path


def test_run_mine_when_the_file_has_problems_says_so_and_lists_them(tmp_path: Path) -> None:
    path = write_mine(tmp_path, minutes="500")
    result = hearthside(tmp_path, "--data-dir", str(tmp_path / "data"), "run", "mine")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f'The script "mine" in {path} has problems, so it cannot be run:'
    assert f"{path}: steps[1].minutes: must be between 0.05 and 120 minutes, got 500" in lines[1]
    assert "no script with this id" not in result.stderr


def test_run_by_the_file_name_of_a_broken_file_whose_toml_cannot_be_read(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    path = sessions / "ours.toml"
    path.write_text("[script\nid = 'ours'\n", encoding="utf-8")
    result = hearthside(tmp_path, "--data-dir", str(tmp_path / "data"), "run", "ours")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == f'The script "ours" in {path} has problems, so it cannot be run:'
    assert "TOML syntax error" in result.stderr


def test_check_file_finds_a_gentler_script_that_does_not_exist(tmp_path: Path) -> None:
    path = write_mine(tmp_path, extra='gentler = "low-energi"', name="elsewhere.toml")
    result = hearthside(tmp_path / "empty-config", "scripts", "check", str(path))
    assert result.returncode == 2
    assert f'{path}: script.gentler: no script with id "low-energi" was found' in result.stderr
    assert '(did you mean "low-energy"?)' in result.stderr


def test_check_file_accepts_references_to_built_ins_and_the_couples_own_scripts_and_decks(
    tmp_path: Path,
) -> None:
    write_mine(tmp_path, name="gentle.toml")  # id "mine", in the couple's folder
    decks = tmp_path / "sessions" / "decks"
    decks.mkdir()
    decks.joinpath("ours.toml").write_text(
        '[deck]\nid = "our-deck"\ntitle = "Ours"\n\n[[questions]]\ntext = "What made you smile today?"\n',
        encoding="utf-8",
    )
    other = tmp_path / "drafts"
    other.mkdir()
    draft = other / "draft.toml"
    draft.write_text(
        MINE.format(minutes="5", extra='gentler = "mine"').replace('id = "mine"', 'id = "draft"')
        + '\n[[steps]]\nkind = "questions"\ndeck = "our-deck"\ncount = 1\n',
        encoding="utf-8",
    )
    result = hearthside(tmp_path, "scripts", "check", str(draft))
    assert result.returncode == 0, result.stderr
    builtin = draft.read_text(encoding="utf-8").replace('gentler = "mine"', 'gentler = "low-energy"')
    draft.write_text(builtin, encoding="utf-8")
    assert hearthside(tmp_path, "scripts", "check", str(draft)).returncode == 0
