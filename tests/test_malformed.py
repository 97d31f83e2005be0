"""Each malformed file in tests/malformed/ gives its expected plain-words problem, in loader and CLI."""

from __future__ import annotations

import io
import tomllib
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cli_support import hearthside

from tui import cli
from tui.core.library import Library, load_library
from tui.core.problems import Problem, ScriptError
from tui.core.script_loader import load_deck, load_script

REPO = Path(__file__).resolve().parent.parent
MALFORMED = Path(__file__).resolve().parent / "malformed"
EXPECTATIONS_FILE = MALFORMED / "expected.toml"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(EXPECTATIONS_FILE.read_text(encoding="utf-8"))

PRACTICE_DECK = """\
[deck]
id = "practice-deck"
title = "Practice deck"

[[questions]]
text = "What made you laugh today?"

[[questions]]
text = "What are you looking forward to?"
intensity = "light"

[[questions]]
text = "What do you need from me now?"
intensity = "deep"
"""


@dataclass(frozen=True)
class CliResult:
    """What one `hearthside scripts check` run printed and returned."""

    returncode: int
    stdout: str
    stderr: str


def malformed_files() -> list[str]:
    """Every malformed file, relative to the malformed folder (the expectations file excluded)."""
    return sorted(
        str(path.relative_to(MALFORMED)) for path in MALFORMED.rglob("*.toml") if path != EXPECTATIONS_FILE
    )


@pytest.fixture(scope="module")
def config_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A config folder holding only the practice deck, so no developer's own files are read."""
    folder = tmp_path_factory.mktemp("config")
    decks = folder / "sessions" / "decks"
    decks.mkdir(parents=True)
    (decks / "practice-deck.toml").write_text(PRACTICE_DECK, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def library(config_dir: Path) -> Library:
    """The built-in library plus the practice deck, as the CLI sees it."""
    loaded = load_library(user_dir=config_dir / "sessions")
    assert loaded.problems == []
    assert loaded.find_deck("practice-deck") is not None
    return loaded


def run_check(config_dir: Path, *paths: str) -> CliResult:
    """Run `python -m tui scripts check PATHS` in a subprocess with only `config_dir` as config."""
    completed = hearthside(config_dir, "scripts", "check", *paths)
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


def check_in_process(config_dir: Path, path: str) -> CliResult:
    """Run `hearthside scripts check PATH` through `tui.cli.main` in this process, with only `config_dir`
    as config; what it printed and returned (an exception fails the test, as a traceback would)."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out), redirect_stderr(err):
        patch.setenv("HEARTHSIDE_CONFIG_DIR", str(config_dir))
        returncode = cli.main(["scripts", "check", path])
    return CliResult(returncode, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def cli_results(config_dir: Path) -> dict[str, CliResult]:
    """One command-line check per malformed file, in this process (a process start per file cost a minute of
    the suite; test_checking_the_whole_folder_names_every_file runs the real command in a subprocess)."""
    return {name: check_in_process(config_dir, str(MALFORMED / name)) for name in malformed_files()}


def load_problems(name: str, library: Library) -> list[Problem]:
    """Load one malformed file the way `scripts check` would; it must raise `ScriptError`."""
    path = MALFORMED / name
    with pytest.raises(ScriptError) as raised:
        if path.parent.name == "decks":
            load_deck(path)
        else:
            load_script(path, library.find_deck)
    assert str(raised.value), "a ScriptError must say what is wrong"
    return raised.value.problems


def test_every_malformed_file_has_an_expectation() -> None:
    assert len(malformed_files()) >= 35
    assert sorted(EXPECTED) == malformed_files()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loader_reports_the_expected_problem(name: str, library: Library) -> None:
    expected = EXPECTED[name]
    problems = load_problems(name, library)
    matching = [
        problem
        for problem in problems
        if problem.place == expected["place"] and expected["message"] in problem.message
    ]
    assert matching, f"{name}: no problem at {expected['place']!r} saying {expected['message']!r}: {problems}"
    assert all(problem.path == str(MALFORMED / name) for problem in problems)
    if "line" in expected:
        assert matching[0].line == expected["line"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_reports_the_expected_problem(name: str, cli_results: dict[str, CliResult]) -> None:
    expected = EXPECTED[name]
    result = cli_results[name]
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    path = str(MALFORMED / name)
    prefix = f"{path}: {expected['place']}: " if expected["place"] else f"{path}: "
    lines = [line for line in result.stderr.splitlines() if line.startswith(prefix)]
    assert any(expected["message"] in line for line in lines), result.stderr
    if "line" in expected:
        assert any(f"(line {expected['line']})" in line for line in lines), result.stderr
    last = result.stderr.rstrip().splitlines()[-1]
    assert last.endswith(" found.") and "(s)" not in last
    assert last in ("1 problem found.", f"{last.split()[0]} problems found.")


def test_checking_the_whole_folder_names_every_file(config_dir: Path) -> None:
    result = run_check(config_dir, str(MALFORMED))
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    for name in malformed_files():
        assert f"{MALFORMED / name}: " in result.stderr, name
