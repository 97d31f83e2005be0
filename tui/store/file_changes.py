"""Writing a `Change` to disk: one file written atomically, or several behind the redo log (years, then
indexes, the live file last); and finishing a change a SIGKILL interrupted."""

from __future__ import annotations

from typing import Any

from tui.store.change import Change
from tui.store.layout import LIVE, year_of_key
from tui.store.migrate_v3 import complete_files
from tui.store.operations import run_logged
from tui.store.redo_log import clear_pending, read_pending, write_pending
from tui.store.storage import HistoryStorage
from tui.store.year_files import YearFiles


def commit(storage: HistoryStorage, year_files: YearFiles, change: Change, entry: dict[str, Any] | None) -> None:
    """Write what `change` altered; `entry` names the operation for the redo log when several files are."""
    files = complete_files(change, change.changed_files())
    if not files:
        return
    if list(files) == [LIVE]:
        storage.store(files[LIVE])
        return
    if entry is None:
        raise ValueError("a change touching several files needs its operation for the redo log")
    years = sorted({year_of_key(key) for key in files if key != LIVE})
    write_pending(storage.path, {**entry, "follow_ups_before": change.follow_ups_before, "years": years})
    write_all(storage, year_files, files)
    clear_pending(storage.path)


def write_all(storage: HistoryStorage, year_files: YearFiles, files: dict[str, Any]) -> None:
    """Years and indexes first, the live file last."""
    for key, data in files.items():
        if key != LIVE:
            year_files.write(key, data)
    if LIVE in files:
        storage.store(files[LIVE])


def redo_pending(storage: HistoryStorage, year_files: YearFiles) -> bool:
    """Finish the change in `pending.json`, if any (the caller holds the lock); True if there was one."""
    entry = read_pending(storage.path)
    if entry is None:
        return False
    if entry.get("op") == "restore":
        from tui.store.recovery import apply_restore  # read only when a restore was cut short

        apply_restore(storage.path, entry["backup"], year_files)
    else:
        change = Change(year_files, storage.shared())
        run_logged(change, entry)
        write_all(storage, year_files, complete_files(change, change.changed_files()))
    clear_pending(storage.path)
    return True
