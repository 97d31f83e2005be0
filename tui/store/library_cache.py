"""The library as it was last read, kept in the cache folder: a start reads one small file instead of
parsing every script, deck and program again, as long as none of their files (nor the code that reads
them) has changed since."""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from pathlib import Path

import tui
from tui.core.library import Library, builtin_sessions_dir, load_library
from tui.core.toml_files import sha256  # the interpreter's own: hashlib loads OpenSSL

FORMAT = 1
SUBFOLDERS = ("", "decks", "programs")
CODE_DIR = Path(__file__).resolve().parent.parent / "core"  # the loader and the models it builds

Stamp = tuple[object, ...]


def _stat_stamp(path: str) -> tuple[object, ...]:
    """What changes when a file or folder is written, replaced, relinked or made unreadable."""
    try:
        found = os.stat(path)
    except OSError as error:
        return ("error", error.errno)
    return (found.st_mode, found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)


def _folder_stamp(folder: str) -> tuple[object, ...]:
    """The folder itself and every entry in it, by name, so an added, removed or edited file shows."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as error:
        return (folder, _stat_stamp(folder), ("error", error.errno))
    entries = tuple((name, _stat_stamp(os.path.join(folder, name))) for name in names)
    return (folder, _stat_stamp(folder), entries)


def _code_stamp() -> tuple[object, ...]:
    """The version and the loader's own files: a library kept by other code is read again."""
    files: list[tuple[object, ...]] = []
    for folder, _, names in sorted(os.walk(CODE_DIR)):
        files.extend(
            (os.path.join(folder, name), _stat_stamp(os.path.join(folder, name)))
            for name in sorted(names)
            if name.endswith(".py")
        )
    return (FORMAT, tui.__version__, sys.version, tuple(files))


def library_stamp(builtin_dir: Path, user_dir: Path | None) -> Stamp:
    """Everything a library's contents follow from: the code, and both folders' files as they are now."""
    folders = [str(builtin_dir)] + ([str(user_dir)] if user_dir is not None else [])
    return (_code_stamp(), tuple(_folder_stamp(os.path.join(folder, sub)) for folder in folders for sub in SUBFOLDERS))


def cache_file(cache_dir: Path, builtin_dir: Path, user_dir: Path | None) -> Path:
    """One file per pair of folders, so two setups on one account do not keep replacing each other's."""
    key = sha256(f"{builtin_dir}\0{user_dir}".encode()).hexdigest()[:16]
    return cache_dir / f"library-{key}.pickle"


def _read_cached(path: Path, stamp: Stamp) -> Library | None:
    """The kept library when its stamp is this one; None when there is none, or it is stale or damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        kept = pickle.loads(data)
    except Exception:  # a torn or foreign file can fail in any way; it is only a cache
        return None
    if not isinstance(kept, dict) or kept.get("stamp") != stamp or not isinstance(kept.get("library"), Library):
        return None
    return kept["library"]


def _keep(path: Path, stamp: Stamp, library: Library) -> None:
    """Write the cache whole or not at all (a new file renamed over the old); any failure leaves no file
    behind and changes nothing for the couple (a full disk, a read-only home)."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pickle.dumps({"stamp": stamp, "library": library}, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()


def cached_library(cache_dir: Path, user_dir: Path | None, builtin_dir: Path | None = None) -> Library:
    """What `load_library` gives for these folders, from the cache when nothing it follows from changed."""
    builtin_dir = builtin_dir or builtin_sessions_dir()
    stamp = library_stamp(builtin_dir, user_dir)
    path = cache_file(cache_dir, builtin_dir, user_dir)
    library = _read_cached(path, stamp)
    if library is None:
        library = load_library(builtin_dir, user_dir)
        if stamp == library_stamp(builtin_dir, user_dir):  # kept only if no file changed while it was read
            _keep(path, stamp, library)
    return library
