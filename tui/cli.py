"""The `hearthside` command line: the app, a script by id or path, and script tools."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__
from tui.core.library import Library, check_paths, load_library
from tui.core.problems import Problem
from tui.paths import DATA_DIR_VARIABLE, user_sessions_dir

EXIT_OK = 0
EXIT_PROBLEMS = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand and its help."""
    parser = argparse.ArgumentParser(
        prog="hearthside",
        description="Guided, timed conversations for two partners at one screen.",
    )
    parser.add_argument("--version", action="version", version=f"hearthside {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep history in DIR instead of the usual place (also ${DATA_DIR_VARIABLE})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    scripts = commands.add_parser("scripts", help="list or check session scripts")
    script_commands = scripts.add_subparsers(dest="scripts_command", metavar="ACTION", required=True)
    script_commands.add_parser(
        "list",
        help="show every script: built-in and your own",
        description=f"Show every usable script. Your own scripts live in {user_sessions_dir()}.",
    )
    check = script_commands.add_parser(
        "check",
        help="check scripts and decks for mistakes (all of them when no PATH is given)",
        description="Check script and deck files; prints one line per problem and exits 2 if any.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="a .toml file or a folder of them")
    return parser


def format_minutes(minutes: float) -> str:
    """A length in whole minutes for a listing ("about 25 min")."""
    return f"{max(1, round(minutes))} min"


def print_problems(problems: Sequence[Problem], stream: object = None) -> None:
    """One line per problem on stderr (or `stream`)."""
    out = stream or sys.stderr
    for problem in problems:
        print(problem, file=out)  # type: ignore[call-overload]


def command_scripts_list(library: Library) -> int:
    """Print the usable scripts as an aligned table, then any files that could not be used."""
    entries = library.scripts()
    rows = [("ID", "TITLE", "LENGTH", "INTENSITY", "FROM")]
    for entry in entries:
        script = entry.script
        rows.append(
            (
                script.id,
                script.title,
                format_minutes(script.total_minutes()),
                script.intensity,
                entry.origin_label,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    print(
        f"\n{len(entries)} scripts, {len(library.decks)} question decks. "
        f"Your own scripts go in {user_sessions_dir()}"
    )
    if library.problems:
        print(f"\n{len(library.problems)} problem(s) kept some files out of the list:", file=sys.stderr)
        print_problems(library.problems)
        return EXIT_PROBLEMS
    return EXIT_OK


def command_scripts_check(library: Library, paths: list[str]) -> int:
    """Check the given files (or the whole library) and report every problem."""
    if paths:
        problems = check_paths([Path(path) for path in paths], library)
        checked = len(paths)
        what = f"{checked} path(s)"
    else:
        problems = list(library.problems)
        what = f"{len(library.entries)} scripts and {len(library.decks)} decks"
    if problems:
        print_problems(problems)
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"All good: checked {what}.")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "scripts":
        library = load_library(user_dir=user_sessions_dir())
        if args.scripts_command == "list":
            return command_scripts_list(library)
        return command_scripts_check(library, args.paths)
    parser.print_help()
    return EXIT_OK
