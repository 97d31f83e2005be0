"""What is wrong with a path where the store wants a plain file or a folder, said in plain words with the fix.

Links are followed (a history kept on another disk); a link that leads nowhere, a folder, a FIFO, a socket
or a device becomes `StoreOddFile`, and a folder that refuses a write becomes `StoreUnwritable`."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from tui.store.errors import StoreOddFile, StoreUnwritable

KINDS: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISREG, "a plain file"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
ANOTHER_FOLDER = "or keep the history in another folder (hearthside --data-dir DIR)"


def kind_of(mode: int) -> str:
    """'a folder', 'a named pipe (FIFO)'... for a `st_mode`."""
    return next((name for is_kind, name in KINDS if is_kind(mode)), "something other than a file")


def followed(path: Path, what: str = "history file") -> Path:
    """`path` itself, or where a symlink at `path` finally leads; StoreOddFile (naming the missing target)
    when the link leads nowhere or round in a loop. Folders above `path` are never resolved."""
    path = Path(path)
    if not os.path.islink(path):
        return path
    target = Path(os.path.realpath(path))
    try:
        os.stat(path)
    except FileNotFoundError:
        raise StoreOddFile(
            path,
            f"it is a link to {target}, which does not exist (is the drive or folder that holds it unmounted?)",
            f"Mount or connect what holds {target.parent}, then start Hearthside again. If it is gone for "
            f"good, remove the link (rm '{path}') and Hearthside then starts with a new, empty {what}.",
            what=what,
        ) from None
    except OSError as error:
        loop = error.errno == errno.ELOOP
        reason = "it is a link in a loop of links that never reaches a file" if loop else (
            f"it is a link to {target}, which cannot be reached ({error.strerror})"
        )
        raise StoreOddFile(
            path, reason, f"Point the link at the real {what} (ln -sfn TARGET '{path}'), or remove it.", what=what
        ) from None
    return target


def plain_file_or_missing(path: Path, what: str = "history file") -> Path | None:
    """The plain file `path` is (or leads to through links), None when nothing is there; StoreOddFile for a
    folder, a FIFO, a socket, a device or a link that leads nowhere (never opened, so nothing can hang)."""
    real = followed(path, what)
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreOddFile(path, f"it cannot be reached ({error.strerror})", what=what) from None
    if not stat.S_ISREG(info.st_mode):
        raise not_a_file(Path(path), real, info.st_mode, what)
    return real


def not_a_file(path: Path, real: Path, mode: int, what: str = "history file") -> StoreOddFile:
    """The error for a folder, FIFO, socket or device where a plain file belongs."""
    kind = kind_of(mode)
    reason = f"it is {kind}, not a file" if real == path else f"it is a link to {real}, which is {kind}, not a file"
    if stat.S_ISDIR(mode):
        fix = (
            f"Hearthside keeps its {what} as a plain file. Move the folder aside "
            f"(mv '{real}' '{real}.folder'), then start again; nothing in it is changed."
        )
    else:
        fix = (
            f"Hearthside reads and writes only plain files. If nothing else needs it, remove it "
            f"(rm '{path}'), then start again."
        )
    return StoreOddFile(path, reason, fix, what=what)


def not_a_folder(path: Path, mode: int) -> StoreOddFile:
    """The error for a file (or FIFO...) where the history folder belongs."""
    return StoreOddFile(
        path,
        f"it is {kind_of(mode)}, not a folder",
        f"Move it aside (mv '{path}' '{path}.old'), {ANOTHER_FOLDER}.",
        what="history folder",
    )


def unreadable(path: Path, error: OSError, what: str = "history file") -> StoreOddFile:
    """The error for a plain file this user may not read."""
    return StoreOddFile(
        path,
        f"you are not allowed to read it ({error.strerror})",
        f"Run Hearthside as the user it belongs to, or make it yours: chown {os.getuid()} '{path}' "
        f"&& chmod 600 '{path}'.",
        what=what,
    )


def unwritable(folder: Path, error: OSError) -> StoreUnwritable:
    """The error for a write refused by the system: read-only, not ours, full disk; says what would help."""
    code = error.errno
    if code == errno.EROFS:
        return StoreUnwritable(
            folder, "it is on a read-only file system", f"Mount it read-write, {ANOTHER_FOLDER}."
        )
    if code in (errno.EACCES, errno.EPERM):
        return StoreUnwritable(
            folder,
            "you are not allowed to create or change files in it",
            f"Make it yours and writable (chown {os.getuid()} '{folder}' && chmod 700 '{folder}'), "
            f"{ANOTHER_FOLDER}.",
        )
    if code == errno.ENOSPC:
        return StoreUnwritable(folder, "the disk is full", "Free some space on that disk, then try again.")
    if code == errno.EDQUOT:
        return StoreUnwritable(
            folder, "your disk quota is used up", "Free some space (or ask for a larger quota), then try again."
        )
    name = errno.errorcode.get(code or 0, "unknown")
    return StoreUnwritable(folder, f"{error.strerror or error} ({name})")
