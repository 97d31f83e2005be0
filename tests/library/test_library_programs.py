"""Programs: the format's loader and validation, the library's loading, and the built-in program."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from library_support import SESSIONS, builtin_library
from method_support import sittings, unreviewed

from tui.core.library import check_paths, load_library
from tui.core.problems import ScriptError
from tui.core.programs import Program, ProgramPart, describe_spacing, parse_program_bytes

KNOWN = {"evening-check-in", "small-wins", "ten-minutes-each"}
GOOD = b"""\
[program]
id = "gentle-fortnight"
title = "A gentle fortnight"
summary = "Two weeks of short evenings."
themes = ["small-acts"]

[[parts]]
script = "evening-check-in"
title = "Short evenings"
times = 7

[[parts]]
script = "ten-minutes-each"
title = "Ten minutes"
times = 3
every_days = 2
spacing = "three times, with a day off between"

[[parts]]
script = "small-wins"
title = "Look back"
"""


def problems_of(raw: bytes, known: set[str] | None = KNOWN) -> list[str]:
    """The problem lines a program's bytes produce (empty when it is valid)."""
    try:
        parse_program_bytes(raw, "mine.toml", known)
    except ScriptError as error:
        return [str(problem) for problem in error.problems]
    return []


# -- the format -----------------------------------------------------------------------------------------
def test_a_valid_program_builds_with_defaults_and_its_own_words() -> None:
    program = parse_program_bytes(GOOD, "mine.toml", KNOWN)
    assert program.id == "gentle-fortnight"
    assert [part.script for part in program.parts] == ["evening-check-in", "ten-minutes-each", "small-wins"]
    last = program.parts[-1]
    assert (last.times, last.every_days, last.text, last.spacing) == (1, 1, "", "")
    assert program.parts[0].spacing_text == "every day for a week"
    assert program.parts[1].spacing_text == "three times, with a day off between"
    assert program.script_ids() == ("evening-check-in", "ten-minutes-each", "small-wins")
    assert program.total_sittings() == 11
    assert program.planned_days() == 7 + 6 + 1
    assert program.content_hash and program.source_path == "mine.toml"


def test_an_unknown_script_is_an_error_with_did_you_mean_and_a_line() -> None:
    raw = GOOD.replace(b'script = "small-wins"', b'script = "small-win"')
    found = problems_of(raw)
    assert len(found) == 1
    assert found[0].startswith(
        'mine.toml: parts[3].script: no script with id "small-win" was found (did you mean "small-wins"?) (line '
    )


def test_without_a_list_of_scripts_only_the_format_is_checked() -> None:
    raw = GOOD.replace(b'script = "small-wins"', b'script = "someone-elses"')
    assert problems_of(raw, known=None) == []


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    raw = b"""\
[program]
id = "Bad Id"
title = "A title"
colour = "red"

[[parts]]
script = "evening-check-in"
title = "Evenings"
times = 0
repeat = 3

[[parts]]
title = "No script"
every_days = "often"
"""
    found = problems_of(raw)
    assert any("program.summary" in line and "required" in line for line in found)
    assert any("program.id" in line and "lowercase" in line for line in found)
    assert any("program.colour" in line and "unknown key" in line for line in found)
    assert any("parts[1].times" in line and "between 1 and 30" in line for line in found)
    assert any("parts[1].repeat" in line and "unknown key" in line for line in found)
    assert any("parts[2].script" in line and "required" in line for line in found)
    assert any("parts[2].every_days" in line and "whole number" in line for line in found)
    assert len(found) == 7


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "the file is empty"),
        (b'[program]\nid = "x"\ntitle = "X"\nsummary = "S"\n', "at least one [[parts]]"),
        (b'[[parts]]\nscript = "small-wins"\ntitle = "T"\n', "missing the [program] table"),
        (b'program = "x"\n[[parts]]\nscript = "small-wins"\ntitle = "T"\n', "must be a table"),
        (b'[program]\nid = "x"\ntitle = "X"\nsummary = "S"\n[parts]\nscript = "a"\n', "array of tables"),
        (b'[script]\nid = "x"\n', 'unknown table or key "script"'),
        (b"[program\n", "TOML syntax error"),
    ],
)
def test_malformed_programs_are_explained_in_plain_words(raw: bytes, expected: str) -> None:
    found = problems_of(raw)
    assert found and any(expected in line for line in found), found


@pytest.mark.parametrize(
    ("times", "every_days", "words"),
    [
        (1, 1, "once"),
        (1, 2, "once, then a day off"),
        (1, 4, "once, then 3 days off"),
        (7, 1, "every day for a week"),
        (5, 1, "every day for 5 days"),
        (3, 2, "every other day, three times"),
        (4, 7, "once a week, four times"),
        (2, 3, "every 3 days, twice"),
        (12, 3, "every 3 days, 12 times"),
    ],
)
def test_spacing_words_are_made_from_the_numbers(times: int, every_days: int, words: str) -> None:
    assert describe_spacing(times, every_days) == words


def test_locate_finds_the_next_sitting_and_its_day() -> None:
    program = Program(
        id="p",
        title="P",
        summary="S",
        parts=(ProgramPart("a", "A", times=2, every_days=1), ProgramPart("b", "B", times=2, every_days=3)),
    )
    positions = [program.locate(done) for done in range(5)]
    assert [(p.part_index, p.sitting, p.start_day) for p in positions if p] == [
        (0, 1, 0),
        (0, 2, 1),
        (1, 1, 2),
        (1, 2, 5),
    ]
    assert positions[4] is None
    assert program.locate(-3) == positions[0]


# -- the library ----------------------------------------------------------------------------------------
def write(folder: Path, name: str, text: str) -> Path:
    """Write one file, creating its folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def program_text(program_id: str, title: str, script: str = "evening-check-in") -> str:
    """A small valid program."""
    return (
        f'[program]\nid = "{program_id}"\ntitle = "{title}"\nsummary = "S."\n\n'
        f'[[parts]]\nscript = "{script}"\ntitle = "Part"\n'
    )


def test_user_programs_load_replace_built_ins_and_may_use_user_scripts(tmp_path: Path) -> None:
    user = tmp_path / "sessions"
    mine = (SESSIONS / "ten-minutes-each.toml").read_text(encoding="utf-8")
    write(user, "mine.toml", mine.replace('id = "ten-minutes-each"', 'id = "my-own-script"'))
    write(user / "programs", "a.toml", program_text("reconnecting-after-burnout", "Mine now"))
    write(user / "programs", "b.toml", program_text("with-my-script", "Uses mine", "my-own-script"))
    library = load_library(builtin_dir=SESSIONS, user_dir=user)
    assert library.problems == []
    assert library.programs["reconnecting-after-burnout"].title == "Mine now"
    found = library.find_program("with-my-script")
    assert found is not None and found.parts[0].script == "my-own-script"
    assert library.find_program("nothing") is None


def test_broken_and_duplicate_programs_are_reported_by_the_library(tmp_path: Path) -> None:
    user = tmp_path / "sessions"
    write(user / "programs", "a.toml", program_text("twice", "First"))
    write(user / "programs", "b.toml", program_text("twice", "Second"))
    write(user / "programs", "c.toml", program_text("lost", "Lost", "no-such-script"))
    library = load_library(builtin_dir=SESSIONS, user_dir=user)
    messages = [str(problem) for problem in library.problems]
    assert len(messages) == 2
    assert any("b.toml: program.id" in line and "also the id of" in line for line in messages)
    assert any("c.toml: parts[1].script" in line and "no-such-script" in line for line in messages)
    assert library.programs["twice"].title == "First"
    assert "lost" not in library.programs


def test_check_paths_reads_a_programs_folder_and_a_single_program_file(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    bad = write(folder / "programs", "bad.toml", program_text("bad", "Bad", "evening-checkin"))
    library = builtin_library()
    for paths in ([folder], [bad]):
        problems = check_paths(paths, library)
        assert [problem.place for problem in problems] == ["parts[1].script"]
        assert 'did you mean "evening-check-in"' in problems[0].message


def test_scripts_check_on_the_command_line_reports_a_broken_user_program(tmp_path: Path) -> None:
    write(tmp_path / "sessions" / "programs", "bad.toml", program_text("bad", "Bad", "be-curios"))
    environment = {**os.environ, "HEARTHSIDE_CONFIG_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "tui", "scripts", "check"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert 'no script with id "be-curios" was found (did you mean "be-curious"?)' in result.stderr


# -- the built-in program -------------------------------------------------------------------------------
def builtin_program(program_id: str) -> Program:
    """A built-in program by id, failing clearly when it is missing."""
    program = builtin_library().find_program(program_id)
    assert program is not None, program_id
    return program


def first_day(program: Program, script_id: str) -> int:
    """The day of the first sitting of a script in a program."""
    return next(sitting.day for sitting in sittings(program) if sitting.script.id == script_id)


@pytest.mark.parametrize(
    "program_id", ["reconnecting-after-burnout", "rekindling-closeness", "our-ordinary-weeks"]
)
def test_every_promise_or_request_a_program_asks_for_is_looked_at_within_a_few_days(program_id: str) -> None:
    assert unreviewed(builtin_program(program_id)) == []


def test_the_review_walk_catches_a_promise_left_alone() -> None:
    lonely = Program(
        id="lonely",
        title="Lonely",
        summary="S",
        parts=(
            ProgramPart("couple-meeting", "Meeting", every_days=5),
            ProgramPart("evening-check-in", "Too late"),
            ProgramPart("small-wins", "Look back"),
        ),
    )
    assert unreviewed(lonely) == ["lonely: couple-meeting on day 0 asks a promise; looked at on day 5"]
    unfinished = Program(id="open", title="Open", summary="S", parts=(ProgramPart("after-a-fight", "Fight"),))
    assert unreviewed(unfinished) == [
        "open: after-a-fight on day 0 asks a promise; never looked at",
        "open: after-a-fight on day 0 asks a request; never looked at",
    ]


def test_reconnecting_after_burnout_rests_anchors_each_week_and_leaves_old_hurts_for_later() -> None:
    program = builtin_program("reconnecting-after-burnout")
    plan = sittings(program)
    scripts = [sitting.script.id for sitting in plan]
    assert scripts[0] == "naming-it-together" and scripts[-1] == "what-next"
    hurts = first_day(program, "gentle-repair")
    for before in ("appreciation-round", "stress-reducing", "plan-a-good-time", "speaker-listener"):
        assert first_day(program, before) < hurts, before
    meetings = [sitting.day for sitting in plan if sitting.script.id == "couple-meeting"]
    assert [day // 7 for day in meetings] == [1, 2, 3, 4], (
        "a weekly meeting anchors each week after the first"
    )
    halfway = first_day(program, "small-wins")
    assert 0.35 <= halfway / program.planned_days() <= 0.65
    check_ins = [sitting.day for sitting in plan[:4] if sitting.script.id == "evening-check-in"]
    assert [later - earlier for earlier, later in itertools.pairwise(check_ins)] == [2, 2], (
        "rest days between"
    )
    assert 28 <= program.planned_days() <= 42
    for part in program.parts:
        assert part.text and part.spacing_text


def test_rekindling_closeness_walks_the_second_idea_in_about_four_weeks() -> None:
    program = builtin_program("rekindling-closeness")
    order = [
        "noticing-the-drift",
        "plan-a-good-time",
        "be-curious",
        "appreciation-round",
        "goals-and-values",
        "closer-in-small-ways",
        "mirroring-dialogue",
        "small-wins",
    ]
    days = [first_day(program, script_id) for script_id in order]
    assert days == sorted(days)
    assert 24 <= program.planned_days() <= 32


def test_our_ordinary_weeks_has_a_daily_weekly_monthly_and_seasonal_rhythm_for_a_year() -> None:
    program = builtin_program("our-ordinary-weeks")
    plan = sittings(program)
    assert 360 <= program.planned_days() <= 372
    weeks: dict[int, list[str]] = {}
    for sitting in plan:
        weeks.setdefault(sitting.day // 7, []).append(sitting.script.id)
    for week in range(52):
        anchor = weeks[week][0]
        assert anchor == ("state-of-the-union" if week % 4 == 3 else "couple-meeting"), week
        assert len(weeks[week]) >= 5, "something on most days"
    assert sum(1 for sitting in plan if sitting.script.id == "small-wins") == 4
    assert plan[-1].script.id == "year-in-review"
    assert len({sitting.script.id for sitting in plan}) >= 20, "a year without it feeling repetitive"


def test_the_program_is_checked_by_scripts_check_with_everything_else() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "scripts", "check", str(SESSIONS / "programs")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
