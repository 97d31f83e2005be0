"""The errors the history store raises: plain data, each message plain words saying what is wrong and where."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class StoreError(Exception):
    """Something about the history file the user should hear about; `str(error)` is the whole story."""


class StoreBusy(StoreError):
    """Another save held the history lock longer than we were willing to wait; nothing was lost. `holders`
    are the (pid, command line) of the other processes that have the lock file open, when they can be seen."""

    def __init__(
        self, lock_path: Path, waited_seconds: float, holders: Sequence[tuple[int, str]] = ()
    ) -> None:
        self.lock_path = lock_path
        self.waited_seconds = waited_seconds
        self.holders = list(holders)
        super().__init__(
            f"The history file is busy: {self.who} has held {lock_path} "
            f"for over {waited_seconds:.1f} seconds. Nothing was lost."
        )

    @property
    def who(self) -> str:
        """'process 4242 (python -m tui)', or 'another Hearthside window or process' when none is seen."""
        if not self.holders:
            return "another Hearthside window or process"
        return ", ".join(f"process {pid} ({command or 'command unknown'})" for pid, command in self.holders)

    def when_starting(self) -> str:
        """What to say when Hearthside cannot start because of the lock: who has it and what to do."""
        pids = " ".join(str(pid) for pid, _ in self.holders)
        stuck = f"kill {pids}" if pids else "close it"
        return (
            f"Another Hearthside is using the history in {self.lock_path.parent}: {self.who} has held its "
            f"lock ({self.lock_path.name}) for over {self.waited_seconds:.1f} seconds, so this one did not "
            "start. Nothing was changed.\n"
            "Saving takes it only for a moment, so that process is busy with something long or is stuck. "
            f"Wait a little and start Hearthside again; if it keeps happening, close that process ({stuck}), "
            "then start again. `hearthside doctor` shows who holds the lock."
        )


class StoreConflict(StoreError):
    """A write through the plain TinyDB API (`HistoryStorage`) found the file changed since it was read:
    another writer got there first. Nothing was written; read again and redo the change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"The file {path} changed since it was read (another writer saved in between); nothing was "
            "written. Read it again and repeat the change."
        )


class StoreReadOnly(StoreError):
    """A change was asked of a store opened read-only."""


class StoreUnwritable(StoreError):
    """The history folder or a file in it cannot be written (read-only, full disk, not ours); nothing was
    changed, and `fix` says what would help."""

    def __init__(self, path: Path, reason: str, fix: str = "") -> None:
        self.path = path
        self.reason = reason
        self.fix = fix
        message = f"Hearthside cannot save in {path}: {reason}."
        super().__init__(f"{message} {fix}".strip())


class StoreOddFile(StoreError):
    """A history path that is not a plain file (a folder, a FIFO, a dangling link...); it is left as it is.
    `what` names the path's role ("history file", "history folder", "history lock file")."""

    def __init__(self, path: Path, reason: str, fix: str = "", *, what: str = "history file") -> None:
        self.path = path
        self.reason = reason
        self.fix = fix
        self.what = what
        super().__init__(f"The {what} {path} cannot be used: {reason}. {fix}".strip())


class StoreNotFound(StoreError, LookupError):
    """A record id that is not in the history."""


class StoreInvalidRecord(StoreError, ValueError):
    """A record that cannot be stored as JSON (say, text with broken characters); nothing was written."""


class StoreNewerVersion(StoreError):
    """The history file was written by a newer Hearthside; it is left untouched and can be opened read-only
    (`FileHistoryStore.open_read_only`)."""

    def __init__(self, path: Path, found_version: int, known_version: int) -> None:
        self.path = path
        self.found_version = found_version
        self.known_version = known_version
        super().__init__(
            f"The history file {path} was saved by a newer version of Hearthside (format {found_version}; "
            f"this version understands up to format {known_version}). Nothing in it was changed. "
            "Update Hearthside to keep saving sessions; until then history can be opened read-only."
        )


class StoreCorrupt(StoreError):
    """The history file cannot be read; it has not been written over, and backups are listed (see
    `tui.store.recovery` for putting one back)."""

    def __init__(
        self, path: Path, reason: str, backups: list[Path], *, extra_data_recoverable: bool = False
    ) -> None:
        self.path = path
        self.reason = reason
        self.backups = backups
        self.extra_data_recoverable = extra_data_recoverable
        super().__init__(self._message())

    def _message(self) -> str:
        lines = [f"The history file {self.path} cannot be read: {self.reason}.", "It has not been changed."]
        if self.extra_data_recoverable:
            lines.append(
                "It looks like a complete history followed by leftover bytes; that history can be recovered."
            )
        if self.backups:
            lines.append(f"Backups ({len(self.backups)}) are in {self.backups[0].parent}; the newest is:")
            lines.append(f"  {self.backups[0].name}")
            lines.append("Restoring it keeps the damaged file beside it, renamed, and never deletes it.")
        else:
            lines.append("There are no backups yet.")
        return "\n".join(lines)

    @property
    def data_dir(self) -> Path:
        """The folder holding the history file (for a damaged year file, the folder above `years/`)."""
        return self.path.parent.parent if self.path.parent.name == "years" else self.path.parent
