"""The `hearthside` command line: the app, a script by id or path, and script tools."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli_parser import build_parser
from tui.core.library import USER, Library, LibraryEntry, check_paths
from tui.core.partners import parse_partner_names
from tui.core.problems import Problem, ScriptError
from tui.core.programs import Program
from tui.core.schema import suggestion
from tui.core.script_loader import load_script
from tui.core.settings import Settings
from tui.core.wording import count_of, minutes_text
from tui.overview import HistoryStore, Overview, read_overview
from tui.paths import SHARED_VARIABLE, cache_dir, data_dir, user_sessions_dir
from tui.save_words import printed_instead, rescued
from tui.store import FileHistoryStore, StoreBusy, StoreCorrupt, StoreError, StoreNewerVersion
from tui.store.files import history_path
from tui.store.library_cache import cached_library
from tui.store.presence import OpenElsewhere, claim_presence
from tui.store.writable import check_writable

__all__ = ["build_parser", "main"]

if TYPE_CHECKING:
    from tui.app import HearthsideApp

EXIT_OK = 0
EXIT_PROBLEMS = 2
EXIT_UNSAVED = 3  # the app ended with work that could not be saved in history (it is in the rescue file)
COMMANDS_OTHER_THAN_THE_APP = ("doctor", "history", "export", "import", "forget", "scripts")
START_LOCK_QUICK = 0.5  # seconds at start before saying that another Hearthside has the history
START_LOCK_PATIENCE = 3.0  # then this much longer before giving up (a save takes milliseconds)


def print_problems(problems: Sequence[Problem], stream: object = None) -> None:
    """One line per problem on stderr (or `stream`)."""
    out = stream or sys.stderr
    for problem in problems:
        print(problem, file=out)  # type: ignore[call-overload]


def weeks_text(program: Program) -> str:
    """A program's span at its suggested spacing, in whole weeks ("5 weeks", "1 week")."""
    return count_of(max(1, round(program.planned_days() / 7)), "week")


def command_scripts_list(library: Library) -> int:
    """Print the usable scripts as an aligned table, then any files that could not be used."""
    entries = library.scripts()
    rows = [("ID", "TITLE", "LENGTH", "DEPTH", "FROM")]  # DEPTH: the script's intensity, light to deep
    for entry in entries:
        script = entry.script
        rows.append(
            (
                script.id,
                script.title,
                minutes_text(script.total_minutes()),
                script.intensity,
                entry.origin_label,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    programs = sorted(library.programs.values(), key=lambda program: program.title)
    if programs:
        print("\nPrograms, a plan over weeks (follow one from the home screen):")
        program_rows = [
            (
                program.id,
                program.title,
                f"{count_of(program.total_sittings(), 'session')}, {weeks_text(program)}",
            )
            for program in programs
        ]
        program_widths = [max(len(row[column]) for row in program_rows) for column in range(3)]
        for row in program_rows:
            print(
                "  "
                + "  ".join(
                    cell.ljust(width) for cell, width in zip(row, program_widths, strict=True)
                ).rstrip()
            )
    opt_in = sum(1 for deck in library.decks.values() if deck.opt_in)
    decks_off = f"\n{count_of(opt_in, 'deck')} of the {len(library.decks)} stay off until you turn them on in Settings." if opt_in else ""
    print(
        f"\n{count_of(len(entries), 'script')}, {count_of(len(library.decks), 'question deck')}, "
        f"{count_of(len(library.programs), 'program')}.{decks_off}\n"
        f"Your own scripts go in {user_sessions_dir()}"
    )
    if library.problems:
        print(
            f"\n{count_of(len(library.problems), 'problem')} kept some files out of the list:",
            file=sys.stderr,
        )
        print_problems(library.problems)
        return EXIT_PROBLEMS
    return EXIT_OK


def command_scripts_check(library: Library, paths: list[str]) -> int:
    """Check the given files (or the whole library) and report every problem."""
    if paths:
        problems = check_paths([Path(path) for path in paths], library)
        checked = len(paths)
        what = count_of(checked, "path")
    else:
        problems = list(library.problems)
        what = (
            f"{count_of(len(library.entries), 'script')}, {count_of(len(library.decks), 'deck')} "
            f"and {count_of(len(library.programs), 'program')}"
        )
    if problems:
        print_problems(problems)
        print(f"{count_of(len(problems), 'problem')} found.", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"All good: checked {what}.")
    return EXIT_OK


def resolve_script(library: Library, script: str) -> tuple[str, list[Problem], str]:
    """A script id from an id or a path, or the problems (and a heading for them) that stop it.

    A path's script joins the library for this run; a file of the couple's own that cannot be used
    is named with what is wrong with it, rather than reported as unknown.
    """
    if library.find(script) is not None:
        return script, [], ""
    broken = library.find_broken(script)
    path = Path(script)
    if broken is not None and not path.exists():
        heading = f'The script "{script}" in {broken.path} has problems, so it cannot be run:'
        return "", list(broken.problems), heading
    if path.suffix == ".toml" or path.exists():
        try:
            loaded = load_script(path, library.find_deck)
        except ScriptError as error:
            return "", error.problems, f"{path} has problems, so it cannot be run:"
        # the absolute path goes into the checkpoint, so the session can continue from this file later
        loaded = dataclasses.replace(loaded, source_path=str(path.resolve()))
        library.entries[loaded.id] = LibraryEntry(loaded, USER)
        return loaded.id, [], ""
    known = ", ".join(sorted(library.entries)) or "none"
    hint = suggestion(script, list(library.entries))
    return "", [Problem(script, "", f"no script with this id or path{hint}; known ids: {known}")], ""


def open_store(data_directory: Path) -> FileHistoryStore:
    """Open the history, waiting a moment for another Hearthside that is saving (a save takes it for
    milliseconds); if it still holds the lock, say at once who has it, then wait a little longer."""
    try:
        return FileHistoryStore.open(
            data_directory, open_timeout=START_LOCK_QUICK, on_migrating=say_migrating
        )
    except StoreBusy as busy:
        print(
            f"Another Hearthside is using the history in {busy.lock_path.parent}: {busy.who}. "
            f"Waiting up to {START_LOCK_PATIENCE:.0f} seconds for it to finish (ctrl+c stops waiting)...",
            file=sys.stderr,
        )
    return FileHistoryStore.open(data_directory, open_timeout=START_LOCK_PATIENCE, on_migrating=say_migrating)


def say_migrating(sessions: int) -> None:
    """Before the app starts: a history from an older Hearthside is being moved into its new files."""
    print(
        f"Moving your history ({count_of(sessions, 'session')}) into Hearthside's new layout, once, after "
        "a backup of it as it is. A long history takes a few seconds...",
        file=sys.stderr,
    )


def open_history(data_directory: Path) -> tuple[FileHistoryStore | None, list[str]]:
    """Open the history, explaining any damage in plain words and offering the newest backup."""
    try:
        store = open_store(data_directory)
        return store, list(store.warnings)
    except StoreNewerVersion as error:
        return FileHistoryStore.open_read_only(data_directory), [str(error)]
    except StoreBusy as error:
        print(error.when_starting(), file=sys.stderr)
        return None, []
    except StoreCorrupt as error:
        from tui.store.recovery import recover_extra_data, restore_newest_backup_keeping  # only for damage

        print(error, file=sys.stderr)
        if not (error.backups or error.extra_data_recoverable) or not sys.stdin.isatty():
            print("Run `hearthside doctor` for more. Nothing has been changed.", file=sys.stderr)
            return None, []
        what = "recover the complete history" if error.extra_data_recoverable else "restore the newest backup"
        answer = input(f"\n{what.capitalize()} now? The damaged file is kept. [y/N] ").strip().lower()
        if answer not in ("y", "yes"):
            print("Nothing has been changed.", file=sys.stderr)
            return None, []
        if error.extra_data_recoverable:
            done = f"Your history was recovered. The damaged file is kept as {recover_extra_data(error.data_dir)}."
        else:
            backup, kept = restore_newest_backup_keeping(error.data_dir)
            done = f"Your history was restored from the backup {backup}. The damaged file is kept as {kept}."
        print(done, file=sys.stderr)
        store = open_store(data_directory)
        return store, [done, *store.warnings]
    except StoreError as error:
        print(error, file=sys.stderr)
        return None, []


def command_app(args: argparse.Namespace, library: Library) -> int:
    """Start the app (on the home screen, or straight into `run SCRIPT`)."""
    partners = None
    script_id = None
    if getattr(args, "partners", None):
        try:
            partners = parse_partner_names(args.partners)
        except ValueError as error:
            print(f"--partners: {error}", file=sys.stderr)
            return EXIT_PROBLEMS
    if getattr(args, "script", None):
        script_id, problems, heading = resolve_script(library, args.script)
        if problems:
            if heading:
                print(heading, file=sys.stderr)
            print_problems(problems)
            return EXIT_PROBLEMS
    folder = data_dir(args.data_dir)
    if args.shared or getattr(args, "run_shared", False):
        from tui.shared_mode import run_shared

        gc.enable()  # this process only waits for the shared session's own
        return run_shared(inner_arguments(args), folder, script_named=script_id is not None)
    save_problem, save_reason, space_warning = "", "", ""
    problem = check_writable(folder, history_path(folder))  # said on home, before the couple begins
    store: FileHistoryStore | None = None
    notices: list[str] = []
    if problem is not None and problem.blocking:
        save_problem, save_reason = str(problem), problem.reason
        store = open_history_unwritable(folder)
    if store is None:
        store, notices = open_history(folder)
        space_warning = str(problem) if problem is not None and not problem.blocking else ""
    if store is None:
        return 1
    presence = claim_presence(folder, os.environ.get(SHARED_VARIABLE, ""))
    if isinstance(presence, OpenElsewhere):
        return open_elsewhere_answer(presence, folder)
    from tui.app import HearthsideApp  # Textual is imported only when the app runs

    settings = Settings.from_dict(store.load_settings())
    app = HearthsideApp(
        store=store,
        overview=first_overview(store, settings),
        library=library,
        settings=settings,
        start_script_id=script_id,
        partners=partners,
        store_notices=notices,
        save_problem=save_problem,
        save_reason=save_reason,
        space_warning=space_warning,
    )
    try:
        app.run(mouse=not getattr(args, "no_mouse", False))
    finally:
        if presence is not None:
            presence.release()
    return after_the_app(app)


def first_overview(store: HistoryStore, settings: Settings) -> Overview | None:
    """Home's counts, follow-ups and unfinished sessions before its first frame, so it never shows a
    returning couple "your first session" (the store's live part: 0.3 ms at 10,000 sessions); None when
    they cannot be read now, and home's own read in a worker says why."""
    try:
        return read_overview(store, settings.program_id)
    except Exception:  # whatever it is, home starts; its worker reads again and says what went wrong
        return None


def inner_arguments(args: argparse.Namespace) -> list[str]:
    """The app's own arguments for the shared session: the command line as typed, without `--shared`,
    with a script's path made absolute (so every other option reaches the app inside as it is)."""
    words = [word for word in getattr(args, "argv", []) if word != "--shared"]
    script = getattr(args, "script", None)
    if script and Path(script).exists() and "run" in words:
        after_run = words.index("run") + 1
        where = words.index(script, after_run) if script in words[after_run:] else -1
        if where >= 0:
            words[where] = str(Path(script).resolve())
    return words


def open_elsewhere_answer(holder: OpenElsewhere, folder: Path) -> int:
    """Another Hearthside has this history open: offer to join it when it is shared, else say why not."""
    from tui.shared_mode import busy_plainly, join

    if not holder.shared:
        print(busy_plainly(folder, holder), file=sys.stderr)
        return 1
    print(f"Hearthside is already open on this history in shared mode ({holder.who}).", file=sys.stderr)
    if not sys.stdin.isatty():
        print("Join it with `hearthside --shared`; one history has one session at a time.", file=sys.stderr)
        return 1
    try:
        answer = input("Join it, on the one screen you both drive? [Y/n] ").strip().lower()
    except EOFError:
        answer = "n"
    if answer not in ("", "y", "yes"):
        print("Nothing was started. `hearthside --shared` joins it later.", file=sys.stderr)
        return 1
    return join(holder)


def open_history_unwritable(folder: Path) -> FileHistoryStore | None:
    """The history of a folder that cannot be written, opened read-only (every save is refused and kept
    for the rescue file), or None when it cannot even be read (then `open_history` says why)."""
    try:
        return FileHistoryStore.open_read_only(folder)
    except (StoreError, OSError):
        return None


def save_problem_of(app: HearthsideApp) -> str:
    """Why the app's saves failed, in the words it showed."""
    sessions = app.sessions
    if sessions.trouble is not None:
        return sessions.trouble[1]
    return sessions.save_problem or "saving did not finish"


def after_the_app(app: HearthsideApp, folders: Sequence[Path] | None = None) -> int:
    """Once the app has exited and the terminal is back: put what could not be saved in the rescue file
    (the home folder, else the temp folder, else printed as JSON), say where and how to bring it back."""
    sessions, checkpoints = app.sessions.unsaved_work()
    if not sessions and not checkpoints:
        return EXIT_OK
    import json
    from datetime import UTC, datetime

    from tui.store.export_file import export_document, rescue_folders, write_rescue

    document = export_document(sessions, checkpoints, datetime.now(UTC))
    problem = save_problem_of(app)
    path, refusals = write_rescue(document, rescue_folders() if folders is None else folders)
    if path is None:
        print(printed_instead(problem, refusals), file=sys.stderr)
        print(json.dumps(document, ensure_ascii=True, indent=1))
        return EXIT_UNSAVED
    print(rescued(path, problem), file=sys.stderr)
    return EXIT_UNSAVED


def command_of_export(args: argparse.Namespace) -> int:
    """`export`, `import` or `forget`, their module imported only when one is chosen."""
    from tui.cli_export import command_export, command_forget, command_import

    if args.command == "export":
        return command_export(args)
    if args.command == "import":
        return command_import(args, open_history)
    try:
        return command_forget(args, open_history)
    except KeyboardInterrupt:
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)  # as typed, for `--shared`
    if args.command in COMMANDS_OTHER_THAN_THE_APP:
        gc.enable()  # only the app's start keeps the cycle collector paused (`tui.entry`)
    if args.command == "doctor":
        from tui.store.doctor import run_doctor

        return run_doctor(data_dir(args.data_dir), sys.stdout)
    if args.command == "history":
        from tui.cli_history import command_history

        return command_history(args)
    if args.command in ("export", "import", "forget"):
        return command_of_export(args)
    library = cached_library(cache_dir(), user_sessions_dir())
    if args.command == "scripts":
        if args.scripts_command == "list":
            return command_scripts_list(library)
        return command_scripts_check(library, args.paths)
    try:
        return command_app(args, library)
    except KeyboardInterrupt:
        return 130
