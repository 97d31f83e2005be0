"""The `hearthside` command line's arguments: every subcommand and its help, without importing what
the subcommands do (so that starting the app reads only what its first screen needs)."""

from __future__ import annotations

import argparse
from datetime import date

from tui import __version__
from tui.core.session_story import SHORTEST_PREFIX
from tui.paths import DATA_DIR_VARIABLE, user_sessions_dir

NO_MOUSE_HELP = "leave the mouse to the terminal (less traffic over a slow link; the keys do everything)"
SHARED_HELP = "one session on two devices: the first login starts it in tmux, the next joins it"
FORMATS = ("json", "markdown", "csv")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand and its help."""
    parser = argparse.ArgumentParser(
        prog="hearthside",
        description="Guided, timed conversations for two partners at one screen.",
    )
    parser.add_argument("--version", action="version", version=f"hearthside {__version__}")
    parser.add_argument("--no-mouse", action="store_true", help=NO_MOUSE_HELP)
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep history in DIR instead of the usual place (also ${DATA_DIR_VARIABLE})",
    )
    parser.add_argument("--shared", action="store_true", help=SHARED_HELP)
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

    run = commands.add_parser(
        "run",
        help="start a session of one script, by id or by path",
        description="Start a session of one script straight away (by id, or the path of a .toml file).",
    )
    run.add_argument("script", metavar="SCRIPT", help='a script id like "ten-minutes-each", or a path')
    run.add_argument("--partners", metavar="NAME,NAME", help='the two names, like "Maya,Jonah"')
    run.add_argument("--shared", dest="run_shared", action="store_true", help=SHARED_HELP)
    run.add_argument("--no-mouse", action="store_true", default=argparse.SUPPRESS, help=NO_MOUSE_HELP)

    add_history_command(commands)
    add_export_commands(commands)

    commands.add_parser(
        "doctor",
        help="check the history file, its permissions, lock and backups",
        description="Check the history file, permissions, lock and backups, and say what was found.",
    )
    return parser


def add_history_command(commands: argparse._SubParsersAction) -> None:
    """Register `history` and `history show ID` on the top-level subcommands."""
    history = commands.add_parser(
        "history",
        help="list the sessions in your history, newest first (or show one)",
        description="List past sessions, newest first; `history show ID` tells one session in order.",
    )
    history.add_argument("--json", action="store_true", help="print JSON for scripts instead of a table")
    history.add_argument("--limit", type=positive_number, metavar="N", help="only the newest N sessions")
    history.add_argument("--since", type=a_day, metavar="DATE", help="only sessions on or after DATE (YYYY-MM-DD)")
    history.add_argument("--script", metavar="ID", help="only sessions of the script ID")
    actions = history.add_subparsers(dest="history_command", metavar="ACTION")
    show = actions.add_parser("show", help="one session in detail", description="Tell one session in order.")
    show.add_argument("session_id", metavar="ID", help=f"a session id (its first {SHORTEST_PREFIX} characters do)")
    show.add_argument("--json", action="store_true", help="print the session's full record as JSON")


def positive_number(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("it must be 1 or more")
    return number


def a_day(text: str) -> date:
    """An argparse type: a YYYY-MM-DD date."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-07") from None


def add_export_commands(commands: argparse._SubParsersAction) -> None:
    """Register `export`, `import` and `forget` on the top-level subcommands."""
    export = commands.add_parser(
        "export",
        help="write your whole history as JSON, a Markdown journal or CSV",
        description="Write the history to stdout (or FILE with -o): JSON keeps everything and "
        "`hearthside import` reads it back; Markdown reads as a journal; CSV has a row per session.",
    )
    export.add_argument("--format", choices=FORMATS, default="json", help="json (the default), markdown or csv")
    export.add_argument("-o", "--output", metavar="FILE", help="write FILE (all at once) instead of stdout")

    imports = commands.add_parser(
        "import",
        help="bring sessions from an export or rescue file into your history",
        description="Bring the sessions, follow-ups and settings in FILE (a Hearthside JSON export, or the "
        "rescue file written when saving failed) into your history, by id: nothing is ever doubled, and "
        "importing twice adds nothing. A backup is taken first; settings are taken only if you have none.",
    )
    imports.add_argument("file", metavar="FILE", help="the export or rescue file")

    forget = commands.add_parser(
        "forget",
        help="delete one session, or the whole history, for good",
        description="Delete one session (by id) or, with --all, every session, follow-up and setting. "
        "Asks you to type a word first; a backup is taken first unless --no-backup.",
    )
    forget.add_argument("session_id", nargs="?", metavar="ID", help="the session to forget (8+ characters of its id)")
    forget.add_argument("--all", action="store_true", help="forget the whole history")
    forget.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    forget.add_argument(
        "--no-backup", action="store_true", help="with --all: take no backup and erase every backup too"
    )
