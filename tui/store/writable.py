"""Whether the history folder can really be written: a test write (temp file, write, fsync, remove) and
the free space left, said as a plain problem with its fix."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from tui.core.frozen import frozen
from tui.core.wording import count_of
from tui.store.errors import StoreBusy, StoreUnwritable
from tui.store.files import FILE_MODE, TEMP_MARKER
from tui.store.odd_paths import unwritable

MIN_FREE_BYTES = 1_000_000  # under this, or under twice the live file, the disk is nearly full
TEST_BYTES = b"Hearthside checks that this folder can be written.\n" * 80  # about 4 KB: a real page
FULL_DISK = (errno.ENOSPC, errno.EDQUOT)
NO_WRITING = (errno.EACCES, errno.EPERM)


@frozen
class WriteProblem:
    """Why saving in `folder` will fail (`blocking`: a test write failed) or may soon (little free space)."""

    folder: Path
    reason: str
    fix: str
    blocking: bool

    def __str__(self) -> str:
        if self.blocking:
            return f"Hearthside cannot save in {self.folder}: {self.reason}. Fix: {self.fix}"
        return f"The disk holding {self.folder} is nearly full: {self.reason}. Fix: {self.fix}"

    def error(self) -> StoreUnwritable:
        """The same problem as the store's error."""
        return StoreUnwritable(self.folder, self.reason, self.fix)


def plain_reason(error: BaseException) -> str:
    """What a failed save means in a few plain words ("the disk is full"), for any error a write raises."""
    if isinstance(error, StoreBusy):
        return "another Hearthside is holding the history"
    if isinstance(error, StoreUnwritable):
        return error.reason
    if isinstance(error, OSError):
        return unwritable(Path("."), error).reason
    return str(error) or type(error).__name__


def cannot_write_now(error: BaseException) -> bool:
    """Whether an error says the disk or folder refuses writes (retrying soon will not help)."""
    return isinstance(error, StoreUnwritable) or getattr(error, "errno", None) in (*FULL_DISK, errno.EROFS, *NO_WRITING)


def nearest_existing(folder: Path) -> Path:
    """`folder`, or the closest folder above it that exists (where it would be made)."""
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            return candidate
    return Path("/")


def bytes_in_words(size: int) -> str:
    """'312 KB', '4.2 MB'."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(0, size) // 1000} KB" if size >= 1000 else count_of(max(0, size), "byte")


def check_writable(folder: Path, live_file: Path | None = None) -> WriteProblem | None:
    """Make a real test write in `folder` (or where it would be made) and check the free space; the
    problem with its fix, or None when saving there works."""
    folder = Path(folder)
    place = nearest_existing(folder)
    test = place / f".writable{TEMP_MARKER}{os.getpid()}-{os.urandom(4).hex()}"
    try:
        descriptor = os.open(test, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
        try:
            view = memoryview(TEST_BYTES)
            while view:
                view = view[os.write(descriptor, view) :]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError as error:
        refused = unwritable(folder, error)
        return WriteProblem(folder, refused.reason, refused.fix, blocking=True)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(test)
    try:
        space = os.statvfs(place)
        live_size = live_file.stat().st_size if live_file is not None and live_file.is_file() else 0
    except OSError:
        return None
    free = space.f_bavail * space.f_frsize
    if free < MIN_FREE_BYTES or free < 2 * live_size:
        reason = f"only {bytes_in_words(free)} free"
        if live_size:
            reason += f", and the history file is {bytes_in_words(live_size)}"
        fix = unwritable(folder, OSError(errno.ENOSPC, "")).fix
        return WriteProblem(folder, reason, fix, blocking=False)
    return None


def require_writable(folder: Path, live_file: Path | None = None) -> WriteProblem | None:
    """`check_writable`, raising StoreUnwritable when nothing can be written; a nearly full disk is returned."""
    problem = check_writable(folder, live_file)
    if problem is not None and problem.blocking:
        raise problem.error()
    return problem
