"""Private folders and files: created 0700/0600, written atomically, read fresh by path every time."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
TEMP_MARKER = ".tmp-"
HISTORY_FILE = "history.json"


def history_path(data_dir: Path) -> Path:
    """The history file inside a data folder."""
    return Path(data_dir) / HISTORY_FILE


def lock_path(history: Path) -> Path:
    """The lock file beside the history file; it is never deleted."""
    return history.with_name(history.name + ".lock")


def ensure_private_folder(path: Path) -> list[str]:
    """Create `path` 0700 if missing; for an existing folder, return warnings when others can read it."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=FOLDER_MODE)
        os.chmod(path, FOLDER_MODE)
        return []
    warning = loose_permissions(path, FOLDER_MODE)
    return [warning] if warning else []


def loose_permissions(path: Path, wanted: int) -> str | None:
    """A warning with the fix when `path` is open to other users or owned by someone else, else None."""
    try:
        info = path.stat()
    except FileNotFoundError:
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
    """The file's bytes read fresh by path (a replace changes the inode), or None when it does not exist."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomic(path: Path, content: bytes) -> None:
    """Replace `path` with `content` all at once: temp file 0600 in the same folder, fsync, replace, fsync."""
    temp = path.with_name(f".{path.name}{TEMP_MARKER}{os.getpid()}-{secrets.token_hex(4)}")
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        try:
            view = memoryview(content)
            while view:
                written = os.write(descriptor, view)
                view = view[written:]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    fsync_folder(path.parent)


def leftover_temp_files(folder: Path) -> list[Path]:
    """Temp files in `folder` left by a writer that was killed mid-write (only lock holders make them)."""
    return sorted(folder.glob(f".*{TEMP_MARKER}*"))
