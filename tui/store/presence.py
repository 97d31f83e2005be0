"""Who has the app open on a history: a lock file held for the app's whole run (pid, host, since, and the
shared session's tmux socket), so a second instance can say so instead of writing one history twice; and
the private folder for that shared session's socket."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import stat
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from tui.core.frozen import frozen
from tui.core.toml_files import sha256  # the interpreter's own: hashlib loads OpenSSL
from tui.store.files import FILE_MODE, FOLDER_MODE, ensure_private_folder

PRESENCE_FILE = "open.lock"  # beside history.json; never deleted, like the history lock
SHARED_FOLDER = "shared"  # the tmux socket of shared mode lives here (0700)
SOCKET_NAME = "tmux"
LONGEST_SOCKET_PATH = 100  # a Unix socket's path must fit in 108 bytes


@frozen
class OpenElsewhere:
    """Another Hearthside holds the history open: its pid, host, start time and, in shared mode, the tmux
    socket of its session (empty when it runs in a plain terminal). Unknown fields are empty or None."""

    pid: int | None
    host: str
    since: str
    shared_socket: str

    @property
    def shared(self) -> bool:
        """Whether it runs in shared mode, so a second login can join it."""
        return bool(self.shared_socket)

    @property
    def who(self) -> str:
        """'process 4242 on this computer, since 21:03' (whatever of it is known)."""
        where = "this computer" if self.host in ("", socket.gethostname()) else self.host
        what = f"process {self.pid} on {where}" if self.pid else f"a process on {where}"
        when = since_words(self.since)
        return f"{what}, {when}" if when else what


class Presence:
    """Our hold on the presence lock; released by `release()` (or, at worst, when the process ends)."""

    def __init__(self, descriptor: int) -> None:
        self._descriptor: int | None = descriptor

    def release(self) -> None:
        """Give the lock up, so the next Hearthside may start."""
        if self._descriptor is not None:
            with contextlib.suppress(OSError):
                os.close(self._descriptor)
            self._descriptor = None


def presence_path(folder: Path) -> Path:
    """The presence lock file of a data folder."""
    return Path(folder) / PRESENCE_FILE


def claim_presence(folder: Path, shared_socket: str = "") -> Presence | OpenElsewhere | None:
    """Take the presence lock of `folder` and record who we are; OpenElsewhere when another Hearthside
    holds it; None when the lock file cannot be made (a folder that cannot be written saves nothing anyway)."""
    path = presence_path(folder)
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC, FILE_MODE)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.close(descriptor)
            return None
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return read_holder(path)
    except OSError:
        os.close(descriptor)
        return None
    record = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
        "shared_socket": shared_socket,
    }
    with contextlib.suppress(OSError):
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps(record).encode(), 0)
    return Presence(descriptor)


def open_elsewhere(folder: Path) -> OpenElsewhere | None:
    """Who holds `folder`'s history open now, or None when no Hearthside does (the lock is tried and given
    back at once; nothing is written)."""
    path = presence_path(folder)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return read_holder(path)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return None


def read_holder(path: Path) -> OpenElsewhere:
    """What the holder recorded in the presence file (empty fields while it is being written)."""
    try:
        record = json.loads(path.read_bytes() or b"{}")
    except (OSError, ValueError):
        record = {}
    if not isinstance(record, dict):
        record = {}
    pid = record.get("pid")
    return OpenElsewhere(
        pid=pid if isinstance(pid, int) else None,
        host=str(record.get("host") or ""),
        since=str(record.get("since") or ""),
        shared_socket=str(record.get("shared_socket") or ""),
    )


def since_words(since: str) -> str:
    """'since 21:03' in local time for an ISO time (with the date when not today), or '' if unreadable."""
    try:
        moment = datetime.fromisoformat(since).astimezone()
    except ValueError:
        return ""
    today = datetime.now().astimezone().date()
    return f"since {moment:%H:%M}" if moment.date() == today else f"since {moment:%Y-%m-%d %H:%M}"


def shared_socket_path(folder: Path) -> Path:
    """The tmux socket of `folder`'s shared session, in a 0700 folder inside the data folder (or, when that
    path is too long for a socket, in a 0700 folder of ours in the temp folder, named by a hash of it).
    OSError when that folder cannot be made private, StoreError when the data folder cannot be made."""
    ensure_private_folder(folder)  # 0700 if this is its first use, as the store makes it
    folder = Path(folder).resolve()
    inside = folder / SHARED_FOLDER / SOCKET_NAME
    if len(os.fsencode(inside)) <= LONGEST_SOCKET_PATH:
        make_private_folder(inside.parent)
        return inside
    digest = sha256(os.fsencode(folder)).hexdigest()[:20]
    outside = Path(tempfile.gettempdir()) / f"hearthside-{os.getuid()}" / digest
    make_private_folder(outside.parent)
    return outside


def make_private_folder(path: Path) -> None:
    """Create `path` 0700 if missing; refuse (OSError) one that is a link or belongs to someone else."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=FOLDER_MODE)
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise OSError(
            f"{path} is not a folder of this user's, so the shared session's socket cannot go there"
        )
    os.chmod(path, FOLDER_MODE)
