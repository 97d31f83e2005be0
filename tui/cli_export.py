"""`hearthside export` (JSON, complete; a Markdown journal; CSV), `hearthside import FILE` (an export or a
rescue file, merged by id) and `hearthside forget ID | --all` (asks first, a backup first)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from tui.core.journal import csv_table, markdown_journal
from tui.core.session_story import find_session_id
from tui.core.wording import count_of
from tui.paths import data_dir
from tui.store import FileHistoryStore, StoreError
from tui.store.backups import backup_folder
from tui.store.export_file import encode_export, export_document, import_export, read_export, rescue_folders
from tui.store.files import write_atomic
from tui.store.traces import Traces, erase, rescue_files

OpenHistory = Callable[[Path], tuple[FileHistoryStore | None, list[str]]]
CONFIRM_ONE = "forget"
CONFIRM_ALL = "forget everything"
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_REFUSED = 2


# -- export ------------------------------------------------------------------------------------------
def export_text(store: FileHistoryStore, format_name: str, now: datetime) -> Iterable[str]:
    """The export in one of FORMATS, as pieces of text (every session read once, year by year)."""
    if format_name == "json":
        document = export_document(
            store.sessions(), store.checkpoints(), now, follow_ups=store.follow_ups(), settings=store.load_settings()
        )
        return [encode_export(document).decode("utf-8")]
    sessions = store.sessions()
    if format_name == "csv":
        return csv_table(sessions)
    statuses = {str(item.get("id")): str(item.get("status")) for item in store.follow_ups()}
    settings = store.load_settings()
    names = (settings.get("name_a"), settings.get("name_b"))
    return markdown_journal(sessions, statuses, names if all(isinstance(name, str) and name for name in names) else None)


def command_export(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """`hearthside export`: to stdout, or atomically to FILE."""
    try:
        store = FileHistoryStore.open_read_only(data_dir(args.data_dir))
        pieces = export_text(store, args.format, datetime.now(UTC))
        if not args.output:
            target = out or sys.stdout
            for piece in pieces:
                target.write(piece)
            return EXIT_OK
        path = Path(args.output).expanduser()
        write_atomic(path, "".join(pieces).encode("utf-8"))
    except BrokenPipeError:  # `hearthside export | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (StoreError, OSError) as error:
        print(f"Nothing was exported: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"Wrote {count_of(len(store.session_summaries()), 'session')} to {path}.", file=sys.stderr)
    return EXIT_OK


# -- import ------------------------------------------------------------------------------------------
def command_import(args: argparse.Namespace, open_history: OpenHistory) -> int:
    """`hearthside import FILE`: a malformed or newer file changes nothing and says why in one line."""
    try:
        contents = read_export(Path(args.file))
    except StoreError as error:
        print(f"Nothing was imported: {error}", file=sys.stderr)
        return EXIT_FAILED
    folder = data_dir(args.data_dir)
    store, notices = open_history(folder)
    if store is None:
        return EXIT_FAILED
    for notice in notices:
        print(notice, file=sys.stderr)
    try:
        report, continuing = import_export(store, contents)
    except (StoreError, OSError) as error:
        print(f"Nothing was imported: {error}", file=sys.stderr)
        return EXIT_FAILED
    brought = [count_of(report.added, "session")] if report.added or not continuing else []
    if continuing:
        brought.append(f"{count_of(continuing, 'unfinished session')} you can continue")
    print(f"Brought {' and '.join(brought)} back into your history in {folder}.")
    if report.replaced:
        print(f"Replaced {count_of(report.replaced, 'session')} that this file has in a newer form.")
    if report.skipped:
        print(f"Skipped {count_of(report.skipped, 'session')} already there.")
    if report.follow_ups_added:
        print(f"Added {count_of(report.follow_ups_added, 'follow-up')} (promises, requests and wishes).")
    if report.settings_taken:
        print("Took the settings from the file (names, colours, sound), as this history had none.")
    if report.backup is not None:
        print(f"The history as it was before is backed up in {report.backup}.")
    return EXIT_OK


# -- forget ------------------------------------------------------------------------------------------
def confirmed(word: str, what: str, args: argparse.Namespace) -> bool:
    """Whether the couple typed `word` to confirm (or gave --yes); refuses when no one can answer."""
    if args.yes:
        return True
    if not sys.stdin.isatty():
        print(f"To {what}, run this in a terminal and type {word!r} when asked, or add --yes.", file=sys.stderr)
        return False
    try:
        answer = input(f"This will {what}, for good. Type {word!r} to go on: ")
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)  # the answer line was not ended by Enter
        answer = ""
    if answer.strip().lower() != word:
        print("Nothing was forgotten.", file=sys.stderr)
        return False
    return True


def command_forget(args: argparse.Namespace, open_history: OpenHistory) -> int:
    """`hearthside forget ID` or `hearthside forget --all [--no-backup]`."""
    if args.all == bool(args.session_id):
        print("Name one session to forget (its id), or give --all; not both.", file=sys.stderr)
        return EXIT_REFUSED
    if args.no_backup and not args.all:
        print("--no-backup goes with --all only; forgetting one session always keeps a backup.", file=sys.stderr)
        return EXIT_REFUSED
    store, notices = open_history(data_dir(args.data_dir))
    if store is None:
        return EXIT_FAILED
    for notice in notices:
        print(notice, file=sys.stderr)
    try:
        if args.all:
            return forget_all(store, args)
        session_id, problem = find_session_id(store.session_summaries(), args.session_id)
        if session_id is None:
            print(problem, file=sys.stderr)
            return EXIT_FAILED
        record = store.session(session_id) or {}
        what = f"forget the session {session_id[:8]} ({record.get('script_title') or 'a session'}, {str(record.get('started_at') or '')[:10]})"
        if not confirmed(CONFIRM_ONE, what, args):
            return EXIT_REFUSED
        found, backup = store.forget_sessions([session_id])
    except (StoreError, OSError) as error:
        print(f"Nothing was forgotten: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"Forgot {count_of(found, 'session')}. A backup from just before is in {backup}.")
    return EXIT_OK


def forget_all(store: FileHistoryStore, args: argparse.Namespace) -> int:
    """Empty the whole history, after the confirmation word; without --no-backup a backup is kept (and said
    where); with it, every other file holding the couple's words is erased too, and named."""
    count = store.session_count(finished_only=False)
    rescues = rescue_files(rescue_folders())
    traces = store.traces()
    if args.no_backup:
        listed = Traces(traces.backups, traces.set_aside, traces.damaged, traces.pending, rescues).described()
        erasing = f" and erase {listed}" if listed else ""
    else:
        erasing = ""
    what = f"forget the whole history ({count_of(count, 'session')}, every follow-up and the settings){erasing}"
    if not confirmed(CONFIRM_ALL, what, args):
        return EXIT_REFUSED
    if args.no_backup:
        return erase_all(store, rescues)
    found, backup = store.forget_everything()
    if backup is None:
        print("The history was already empty.")
    else:
        print(f"Forgot {count_of(found, 'session')}, every follow-up and the settings. A backup is in {backup}.")
    if kept := Traces([], traces.set_aside, traces.damaged, [], rescues).described():
        print(f"Kept as they were: {kept}; `hearthside forget --all --no-backup` erases them.")
    older = len(store.backups()) - (backup is not None)
    if older > 0:
        print(f"{count_of(older, 'older backup')} stay in {backup_folder(store.path)}.")
    return EXIT_OK


def erase_all(store: FileHistoryStore, rescues: list[Path]) -> int:
    """Forget everything and erase every trace (backups, set-aside, damaged copies, rescue files), saying
    exactly what went and what could not."""
    found, erased, refused = store.erase_everything()
    refused += erase(rescues)
    gone = Traces(erased.backups, erased.set_aside, erased.damaged, erased.pending, rescues).described()
    print(f"Forgot {count_of(found, 'session')}, every follow-up and the settings" + (f", and erased {gone}." if gone else "."))
    if refused:
        print(f"These could not be erased: {'; '.join(refused)}.", file=sys.stderr)
        return EXIT_FAILED
    print(f"Nothing you typed is left in {store.data_dir}; no backup is left.")
    print("Exports and files you saved yourself in a place you chose are yours to delete.")
    return EXIT_OK
