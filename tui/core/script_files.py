"""Finding and reading the files of a scripts folder: only plain files are read, and every entry that
cannot be (a pipe, a loop of links, a link to nothing, no permission) is a plain-words problem."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from tui.core.problems import Problem, ScriptError

_NOT_A_FILE = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}
_ONLY_FILES = "only plain .toml files are read: put the file itself here, or remove this entry"


def _link_target(path: Path) -> str:
    """Where a symbolic link points, as the link says it (relative targets from the link's folder)."""
    try:
        target = Path(os.readlink(path))
    except OSError:
        return "a place that cannot be looked up"
    return str(target if target.is_absolute() else path.parent / target)


def _stat_problem(path: Path, error: OSError, what: str) -> Problem:
    """Why `os.stat` of a file or folder failed, in plain words with what to do."""
    shown = str(path)
    if error.errno == errno.ENOENT and os.path.islink(path):
        return Problem(
            shown,
            "",
            f"is a link to {_link_target(path)}, which does not exist (a drive not mounted, or a "
            "file moved?); connect or restore it, or remove the link",
        )
    if error.errno == errno.ELOOP:
        return Problem(
            shown,
            "",
            "is a symbolic link that leads back to itself (a loop of links), so there is nothing to "
            "read; point it at a real file, or remove it",
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        return _permission_problem(path, what)
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return Problem(shown, "", "no such file" if what == "file" else "no such folder")
    return Problem(shown, "", f"cannot be read: {error.strerror or error}")


def _permission_problem(path: Path, what: str) -> Problem:
    if what == "folder":
        return Problem(
            str(path),
            "",
            f"this folder cannot be read (permission denied), so the files in it are left out; "
            f"let your user open it: chmod u+rx '{path}'",
        )
    if not os.access(path.parent, os.X_OK):
        return Problem(
            str(path),
            "",
            f"cannot be read: its folder cannot be opened (permission denied); let your user open it: "
            f"chmod u+rx '{path.parent}'",
        )
    return Problem(
        str(path),
        "",
        f"cannot be read: permission denied; let your user read it (chmod u+r '{path}'), or move it "
        "out of this folder",
    )


def _refuse_unless_plain(path: Path, mode: int) -> None:
    kind = stat.S_IFMT(mode)
    if stat.S_ISDIR(mode):
        raise ScriptError([Problem(str(path), "", "is a folder, not a .toml file")])
    if kind in _NOT_A_FILE:
        raise ScriptError([Problem(str(path), "", f"is {_NOT_A_FILE[kind]}, not a file; {_ONLY_FILES}")])
    if not stat.S_ISREG(mode):
        raise ScriptError([Problem(str(path), "", f"is not a plain file; {_ONLY_FILES}")])


def _too_big(path: Path, size: int, limit: int) -> ScriptError:
    message = f"the file is {size:,} bytes, more than the {limit:,} (1 MB) a file may be; shorten it or split it in two"
    return ScriptError([Problem(str(path), "", message)])


def read_plain_file(path: Path, limit: int) -> bytes:
    """The bytes of a plain file of at most `limit` bytes; anything else raises `ScriptError` at once
    (a FIFO is never opened for reading, so nothing waits for a writer)."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise ScriptError([_stat_problem(path, error, "file")]) from None
    _refuse_unless_plain(path, info.st_mode)
    if info.st_size > limit:
        raise _too_big(path, info.st_size, limit)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise ScriptError([_stat_problem(path, error, "file")]) from None
    try:
        opened = os.fstat(descriptor)
        _refuse_unless_plain(path, opened.st_mode)  # replaced between the look and the opening
        chunks: list[bytes] = []
        size = 0
        while size <= limit and (chunk := os.read(descriptor, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise _too_big(path, max(os.fstat(descriptor).st_size, size), limit)
        return b"".join(chunks)
    except OSError as error:
        raise ScriptError([Problem(str(path), "", f"cannot be read: {error.strerror or error}")]) from None
    finally:
        os.close(descriptor)


def toml_entries(folder: Path | None) -> tuple[list[Path], list[Problem]]:
    """The `*.toml` entries of a folder, sorted, whatever they are (reading one says what is wrong),
    and the problems that kept the folder from being read. A folder that does not exist has none."""
    if folder is None:
        return [], []
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        if os.path.islink(folder):
            return [], [_stat_problem(folder, FileNotFoundError(errno.ENOENT, "gone"), "folder")]
        return [], []
    except OSError as error:
        return [], [_stat_problem(folder, error, "folder")]
    if not stat.S_ISDIR(info.st_mode):
        return [], [Problem(str(folder), "", "is not a folder; scripts, decks and programs go in folders")]
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if _is_toml_name(entry.name))
    except PermissionError:
        return [], [_permission_problem(folder, "folder")]
    except OSError as error:
        return [], [Problem(str(folder), "", f"this folder cannot be read: {error.strerror or error}")]
    if names and not os.access(folder, os.X_OK):
        return [], [_permission_problem(folder, "folder")]  # names can be listed, not opened
    return [folder / name for name in names], []


def _is_toml_name(name: str) -> bool:
    """A `.toml` name, leaving out hidden ones (editors' backup and lock files start with a dot)."""
    return name.endswith(".toml") and not name.startswith(".")
