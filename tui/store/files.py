"""Private folders and files: created 0700/0600, written atomically, read fresh by path every time; odd
things in their place (folders, FIFOs, dangling links) are explained, never hung on or written over."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from tui.store.errors import StoreOddFile
from tui.store.odd_paths import (
    followed,
    not_a_file,
    not_a_folder,
    plain_file_or_missing,
    unreadable,
    unwritable,
)

FOLDER_MODE = 0o700
FILE_MODE = 0o600
TEMP_MARKER = ".tmp-"
HISTORY_FILE = "history.json"


def history_path(data_dir: Path) -> Path:
    """The history file inside a data folder."""
    return Path(data_dir) / HISTORY_FILE


def lock_path(history: Path) -> Path:
    """The lock file beside the history file (beside its target when it is a symlink, so every way to it
    shares one lock; beside the link itself when that leads nowhere); it is never deleted."""
    try:
        real = followed(history)
    except StoreOddFile:
        real = Path(history)
    return real.with_name(real.name + ".lock")


def history_home(data_dir: Path) -> Path:
    """The folder where the history really lives: the data folder, or, when `history.json` is a symlink (a
    history kept on another disk), the folder of its final target, where its other files belong too.
    StoreOddFile when that link leads nowhere (an unmounted drive)."""
    return followed(history_path(data_dir)).parent


def ensure_private_folder(path: Path) -> list[str]:
    """Create `path` 0700 if missing; for an existing folder, return warnings when others can read it.
    StoreOddFile for a link that leads nowhere or a file in its place; StoreUnwritable when it cannot be made."""
    path = Path(path)
    real = followed(path, "history folder")
    try:
        info = os.stat(real)
    except FileNotFoundError:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                path.mkdir(mode=FOLDER_MODE)
            os.chmod(path, FOLDER_MODE)
        except OSError as error:
            raise unwritable(Path(error.filename or path.parent), error) from error
        return []
    except OSError as error:  # a folder above it that may not be entered
        raise StoreOddFile(path, f"it cannot be reached ({error.strerror})", what="history folder") from None
    if not stat.S_ISDIR(info.st_mode):
        raise not_a_folder(path, info.st_mode)
    warning = loose_permissions(path, FOLDER_MODE)
    return [warning] if warning else []


def loose_permissions(path: Path, wanted: int) -> str | None:
    """A warning with the fix when `path` is open to other users or owned by someone else, else None."""
    try:
        info = path.stat()
    except OSError:  # missing, or a link that leads nowhere: reading it says what is wrong
        return None
    mode = stat.S_IMODE(info.st_mode)
    kind = "folder" if stat.S_ISDIR(info.st_mode) else "file"
    if info.st_uid != os.getuid():
        return (
            f"The {kind} {path} belongs to another user (uid {info.st_uid}). "
            f"Fix: run Hearthside as that user, or: chown {os.getuid()} '{path}'"
        )
    if mode & 0o077:
        return (
            f"The {kind} {path} can be read by other users on this computer (permissions {mode:o}). "
            f"Fix: chmod {wanted:o} '{path}'"
        )
    return None


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes read fresh by path (a replace changes the inode), or None when nothing is there.
    Links are followed; StoreOddFile for a folder, FIFO, socket, device, dangling link or unreadable file
    (checked before opening, and opened non-blocking, so nothing can hang)."""
    real = plain_file_or_missing(path)
    if real is None:
        return None
    try:
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise unreadable(Path(path), error) from None
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):  # swapped for something else since it was looked at
            raise not_a_file(Path(path), real, mode)
        return handle.read()


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomic(path: Path, content: bytes) -> None:
    """Replace `path` with `content` all at once: temp file 0600 in the same folder, fsync, replace, fsync.

    A symlink is followed and its target replaced (the temp file goes beside the target), so a history kept
    on another disk keeps receiving writes; StoreOddFile for a dangling link or anything but a plain file
    in the way, StoreUnwritable when the system refuses the write (read-only, not ours, disk full)."""
    target = plain_file_or_missing(path) or Path(path)
    folder = target.parent
    temp = target.with_name(f".{target.name}{TEMP_MARKER}{os.getpid()}-{os.urandom(4).hex()}")
    try:
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    except OSError as error:
        raise unwritable(folder, error) from error
    try:
        try:
            view = memoryview(content)
            while view:
                written = os.write(descriptor, view)
                view = view[written:]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temp, target)
    except BaseException as failure:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        if isinstance(failure, OSError):
            raise unwritable(folder, failure) from failure
        raise
    fsync_folder(folder)


def leftover_temp_files(folder: Path) -> list[Path]:
    """Temp files in `folder` left by a writer that was killed mid-write (only lock holders make them)."""
    return sorted(folder.glob(f".*{TEMP_MARKER}*"))
