"""`hearthside doctor`: look over the history folder without changing it, and say plainly what to fix."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from tui.core.session_status import count_time_together
from tui.core.wording import count_of
from tui.store.backups import CheckedBackups, backup_folder, backup_time, list_backups, readable_backup
from tui.store.errors import StoreOddFile
from tui.store.files import (
    FILE_MODE,
    FOLDER_MODE,
    history_path,
    leftover_temp_files,
    lock_path,
    loose_permissions,
    read_bytes,
)
from tui.store.history_json import HistoryDamaged, collector_paused, decode_history
from tui.store.layout import index_key, path_of_key, store_folder, year_key, years_folder, years_on_disk
from tui.store.locking import LOCK_FILE, last_holder_pid, lock_is_free, processes_holding_open
from tui.store.migrations import CURRENT_SCHEMA_VERSION, schema_version
from tui.store.odd_paths import followed, not_a_folder, plain_file_or_missing, unreadable
from tui.store.presence import open_elsewhere
from tui.store.record_schema import SCHEMAS, fallbacks, split_history
from tui.store.set_aside import read_set_aside_file, set_aside_files
from tui.store.tables import CHECKPOINTS, FOLLOW_UPS, SESSIONS
from tui.store.writable import check_writable

LOCK_CHECK_SECONDS = 0.5
RECORDS_NAMED = 50  # unusable records named one by one; more are counted


class DoctorReport:
    """Plain lines of findings; counts the problems."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.problems = 0

    def ok(self, text: str) -> None:
        """Something that is fine."""
        self.out.write(f"ok       {text}\n")

    def note(self, text: str) -> None:
        """Something worth knowing that needs no action."""
        self.out.write(f"note     {text}\n")

    def problem(self, text: str, fix: str) -> None:
        """Something wrong, followed by how to fix it."""
        self.problems += 1
        self.out.write(f"PROBLEM  {text}\n         fix: {fix}\n")


def age_in_words(then: datetime, now: datetime) -> str:
    """'3 hours ago', '2 days ago'."""
    seconds = max(0, int((now - then).total_seconds()))
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            return f"{count_of(seconds // size, unit)} ago"
    return "just now"


def check_permissions(report: DoctorReport, paths: list[tuple[Path, int]]) -> None:
    """A problem for each path other users could read; one ok line otherwise."""
    loose = [(path, warning) for path, mode in paths if (warning := loose_permissions(path, mode))]
    for _path, warning in loose:
        text, _, fix = warning.partition(" Fix: ")
        report.problem(text, fix)
    if not loose:
        report.ok(f"permissions: only you can read the folder and the {count_of(len(paths) - 1, 'file or folder', 'files and folders')} in it")


def check_data_folder(report: DoctorReport, data_dir: Path) -> bool:
    """Whether the data folder is a folder (or is not there yet); a problem naming a dangling link or a file
    in its place, with the fix, if not."""
    try:
        real = followed(data_dir, "history folder")
    except StoreOddFile as odd:
        report.problem(f"the history folder {data_dir} cannot be used: {odd.reason}", odd.fix)
        return False
    if real.exists() and not real.is_dir():
        odd = not_a_folder(data_dir, real.stat().st_mode)
        report.problem(f"the history folder {data_dir} cannot be used: {odd.reason}", odd.fix)
        return False
    return True


def check_history_path(report: DoctorReport, history: Path, what: str = "history file") -> bool:
    """Whether `history` is a plain file or not there yet, never opening it (a FIFO must not hang doctor); a
    problem naming a folder, FIFO, socket, device or dangling link with the fix; a note for a link."""
    try:
        real = plain_file_or_missing(history, what)
    except StoreOddFile as odd:
        report.problem(f"the {what} {history} cannot be used: {odd.reason}", odd.fix or "remove it")
        return False
    if real is not None and real != history:
        report.note(f"the {what} {history} is a link to {real}; it is read and saved there")
    if real is not None:
        try:  # a plain file by now, so opening it cannot hang
            os.close(os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC))
        except OSError as error:
            odd = unreadable(history, error, what)
            report.problem(f"the {what} {history} cannot be used: {odd.reason}", odd.fix)
            return False
    return True


def check_history_file(report: DoctorReport, history: Path) -> dict | None:
    """Parse the file, check its format version and count what it holds."""
    raw = read_bytes(history)
    if raw is None:
        report.note(f"there is no history file yet ({history}); it is made when Hearthside starts")
        return None
    try:
        data = decode_history(raw)
    except HistoryDamaged as damage:
        newest = list_backups(history)[:1]
        fix = "start Hearthside and choose to restore the newest backup; the damaged file is kept aside"
        if newest:
            fix += f" (newest backup: {newest[0]})"
        if damage.extra_data_recoverable:
            fix += "; or recover the complete history at its start, which Hearthside also offers"
        report.problem(f"the history file {history} cannot be read: {damage.reason}", fix)
        return None
    version = schema_version(data)
    if version > CURRENT_SCHEMA_VERSION:
        report.problem(
            f"the history file is format {version}, from a newer Hearthside "
            f"(this one knows up to {CURRENT_SCHEMA_VERSION})",
            "update Hearthside; until then history opens read-only and new sessions cannot be saved",
        )
    elif version < CURRENT_SCHEMA_VERSION:
        report.note(f"the history file is format {version}; it is updated (after a backup) at next start")
    if version < CURRENT_SCHEMA_VERSION or SESSIONS in data:
        records = data.get(SESSIONS, {}).values()
        sessions, counted, size = len(records), count_time_together(records), len(raw)
        where = f"history file {history} reads"
    else:
        found, counted, year_bytes = count_year_by_year(report, history)
        if found is None:
            return None
        sessions, size = found, len(raw) + year_bytes
        where = f"history {history} and its {count_of(len(years_on_disk(history)), 'year file')} read"
    open_items = sum(1 for item in data.get(FOLLOW_UPS, {}).values() if item.get("status", "open") == "open")
    report.ok(
        f"{where} cleanly ({count_of(size, 'byte')}, format {version}): "
        f"{count_of(sessions, 'session')} ({counted} finished), {count_of(open_items, 'open follow-up')}, "
        f"{count_of(len(data.get(CHECKPOINTS, {})), 'unfinished session')} waiting"
    )
    return data


def count_year_by_year(report: DoctorReport, history: Path) -> tuple[int | None, int, int]:
    """Sessions, finished ones and bytes in the year files, one year in memory at a time."""
    sessions = counted = size = 0
    for year in years_on_disk(history):
        for key in (year_key(year), index_key(year)):
            path = path_of_key(history, key)
            raw = read_bytes(path) or b""
            try:
                with collector_paused():
                    data = decode_history(raw)
            except HistoryDamaged as damage:
                report.problem(
                    f"the year file {path} cannot be read: {damage.reason}",
                    "start Hearthside and choose to restore the newest backup; the damaged file is kept aside",
                )
                return None, 0, 0
            usable = check_records(report, path, data, when=YEAR_FILE_SET_ASIDE)  # checked once: the schema costs more than parsing
            if key == year_key(year):
                records = usable.get(SESSIONS, {})
                sessions += len(records)
                counted += count_time_together(records.values())
                size += len(raw)
            del data, raw
    return sessions, counted, size


LIVE_FILE_SET_ASIDE = "start Hearthside: it moves them"
YEAR_FILE_SET_ASIDE = "Hearthside leaves them out of every read, and when a session of that year is next saved it moves them"


def check_records(report: DoctorReport, source: Path, data: dict, when: str = LIVE_FILE_SET_ASIDE) -> dict:
    """Name each record of one parsed file that Hearthside cannot use (see `record_schema`), and each
    settings value it will replace by its default; `when` says when Hearthside moves them aside. Returns
    the usable part of the file."""
    usable, unusable = split_history(data)
    if unusable:
        lines = [record.reason for record in unusable[:RECORDS_NAMED]]
        if len(unusable) > RECORDS_NAMED:
            lines.append(f"and {count_of(len(unusable) - RECORDS_NAMED, 'more record')} like these")
        listed = "".join(f"\n           - {line}" for line in lines)
        report.problem(
            f"{count_of(len(unusable), 'record')} in {source} cannot be used:{listed}",
            f"{when}, unchanged, to a set-aside file beside the history (never deleting them), and the "
            "rest of your history works as before",
        )
    for name, schema in SCHEMAS.items():
        for doc_id, document in (data.get(name) or {}).items():
            for ignored in fallbacks(schema, document):
                report.note(f"{schema.called} in {source} (doc id {doc_id}): {ignored}")
    return usable


def check_set_aside_files(report: DoctorReport, folder: Path) -> None:
    """Say what each set-aside file beside the history is: records kept because they could not be used."""
    for path in set_aside_files(folder):
        found = read_set_aside_file(path)
        if found is None:
            report.note(f"{path} is named like a set-aside file but does not read as one; it is left as it is")
            continue
        when = f" on {found.at}" if found.at else ""
        report.note(
            f"{path} holds {found.what} set aside from {found.source or 'the history'}{when}: records "
            "Hearthside could not use, kept unchanged for you (its table _reasons says why); "
            "Hearthside never deletes it"
        )


def check_lock(report: DoctorReport, lock: Path, timeout: float) -> None:
    """Whether the lock can be taken quickly, and who might be holding it if not."""
    if lock_is_free(lock, timeout):
        report.ok(f"the lock {lock} is free")
        return
    holders = [f"process {pid} ({command})" for pid, command in processes_holding_open(lock)]
    last = last_holder_pid(lock)
    if last is not None and not holders:
        alive = Path(f"/proc/{last}").exists() if Path("/proc").is_dir() else True
        holders.append(f"process {last}{'' if alive else ' (no longer running)'}")
    who = ", ".join(holders) or "another process"
    report.problem(
        f"the lock {lock} has been held for over {timeout:.1f} seconds, probably by {who}",
        "wait for that Hearthside to finish saving, or close it; the lock is freed when it exits",
    )


def check_backups(report: DoctorReport, history: Path, data: dict | None, now: datetime) -> None:
    """Count backups, say how old the newest is, and check that each one reads."""
    backups = list_backups(history)
    if not backups:
        if data and any(data.get(name) for name in (SESSIONS, FOLLOW_UPS)):
            report.note(f"no backups yet in {backup_folder(history)}; one is made at next start")
        else:
            report.ok("no backups yet (nothing to back up)")
        return
    checked = CheckedBackups()  # a file shared by several backups (a hard link, the same bytes) is parsed once
    unreadable = [(backup, reason) for backup in backups if (reason := readable_backup(backup, checked))]
    for backup, reason in unreadable:
        report.problem(f"the backup {backup} cannot be read: {reason}", f"delete it: rm '{backup}'")
    newest = backup_time(backups[0])
    report.ok(
        f"{count_of(len(backups), 'backup')} in {backup_folder(history)}, "
        f"{len(backups) - len(unreadable)} readable, newest {age_in_words(newest, now)}"
    )


def check_open(report: DoctorReport, data_dir: Path) -> None:
    """Whether a Hearthside has the history open now (then its folder should not be copied as a backup)."""
    holder = open_elsewhere(data_dir)
    if holder is None:
        report.ok("no Hearthside has this history open now")
        return
    shared = " in shared mode" if holder.shared else ""
    report.note(f"Hearthside is open on this history now{shared} ({holder.who}); copy the folder only once it has closed")


def run_doctor(data_dir: Path, out: TextIO, *, lock_timeout: float = LOCK_CHECK_SECONDS) -> int:
    """Check the history folder and print what was found and how to fix it; 0 when healthy, 1 if not."""
    report = DoctorReport(out)
    data_dir = Path(data_dir)
    history = history_path(data_dir)
    out.write(f"Checking Hearthside history in {data_dir}\n")
    if not check_data_folder(report, data_dir):
        return finish(report)
    if not data_dir.is_dir():
        report.ok(f"the folder {data_dir} does not exist yet; Hearthside makes it on first start")
        return 0
    if not os.access(data_dir, os.R_OK | os.W_OK | os.X_OK):
        report.problem(f"you cannot read and write the folder {data_dir}", f"chmod 700 '{data_dir}'")
        return 1
    if (unwritable := check_writable(data_dir, history)) is not None:  # a real test write, and free space
        report.problem(str(unwritable).partition(" Fix: ")[0], unwritable.fix)
    history_usable = check_history_path(report, history)
    lock_usable = check_history_path(report, lock_path(history), LOCK_FILE)
    data = check_history_file(report, history) if history_usable else None
    if data is not None:
        check_records(report, history, data)
    paths = [(data_dir, FOLDER_MODE)] + [(history, FILE_MODE)] * history_usable
    paths += [(lock_path(history), FILE_MODE)] * lock_usable
    if backup_folder(history).exists():
        paths.append((backup_folder(history), FOLDER_MODE))
    paths += [(years_folder(history), FOLDER_MODE)]
    paths += [(backup, FOLDER_MODE if backup.is_dir() else FILE_MODE) for backup in list_backups(history)]
    check_permissions(report, [(path, mode) for path, mode in paths if path.exists()])
    if lock_usable:
        check_lock(report, lock_path(history), lock_timeout)
    check_open(report, data_dir)
    check_backups(report, history, data, datetime.now(UTC))
    home = lock_path(history).parent  # where the history really lives (beside a link's target)
    folders = [data_dir, backup_folder(history)] + [home] * (home != data_dir)
    for leftover in [path for folder in folders for path in leftover_temp_files(folder)]:
        report.note(f"{leftover} was left by an interrupted save; it is removed at next start")
    check_set_aside_files(report, store_folder(history))
    for damaged in sorted(data_dir.glob(f"{history.name}.corrupt-*")):
        report.note(f"{damaged} holds the bytes of a damaged history, kept in case they are needed")
    return finish(report)


def finish(report: DoctorReport) -> int:
    """The closing line and the exit code: 0 when healthy, 1 if not."""
    report.out.write("All good.\n" if not report.problems else f"{count_of(report.problems, 'problem')} found.\n")
    return 0 if not report.problems else 1
