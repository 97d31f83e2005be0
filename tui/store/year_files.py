"""The v3 files on disk as a `FileSource`: year and index files read by path, parsed once per version of
the file (every write replaces a file whole, so (inode, size, mtime) names a version), a few kept parsed."""

from __future__ import annotations

import contextlib
import os
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import orjson

from tui.store.backups import list_backups
from tui.store.errors import StoreCorrupt
from tui.store.files import ensure_private_folder, fsync_folder, read_bytes, write_atomic
from tui.store.history_json import Data, HistoryDamaged, collector_paused, decode_history, encode_history
from tui.store.layout import LIVE, path_of_key, words_key, years_folder, years_on_disk
from tui.store.record_schema import Unusable, split_history
from tui.store.search_index import MALFORMED, TEXTS, PreparedWords, prepare
from tui.store.storage import keep_beside

KEEP_PARSED = 4  # year or index files kept parsed at once: memory stays bounded by a few years


def file_version(path: Path) -> tuple[int, int, int] | None:
    """(inode, size, mtime_ns) of a file, or None when it is missing."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def damaged(path: Path, history: Path, damage: HistoryDamaged) -> StoreCorrupt:
    """The user-facing error for a damaged file of the history."""
    return StoreCorrupt(
        path, damage.reason, list_backups(history), extra_data_recoverable=damage.extra_data_recoverable
    )


def load_words(path: Path) -> Data | None:
    """A year's words file, parsed without the checks a year file has: it is derived, so a damaged one is
    as good as none (None: search reads the year file, the next change of that year writes it anew)."""
    raw = read_bytes(path)
    if raw is None:
        return None
    try:
        with collector_paused():
            data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    return data if isinstance(data, dict) and isinstance(data.get(TEXTS), dict) else None


class YearFiles:
    """Reads the year and index files of the history at `history` (the live file is `HistoryStorage`'s)."""

    def __init__(self, history: Path) -> None:
        self.history = history
        self._parsed: OrderedDict[Path, tuple[tuple[int, int, int], Data]] = OrderedDict()
        # per file: the version last parsed and the records of the wrong shape that parse left out
        self._left_out: dict[Path, tuple[tuple[int, int, int] | None, list[Unusable]]] = {}
        self.on_set_aside: Callable[[Path, list[Unusable]], None] = keep_beside  # before a write drops them
        self._prepared: dict[Path, tuple[tuple[int, int, int], PreparedWords]] = {}  # words file -> its texts prepared

    def years(self) -> list[str]:
        """The years that have a sessions file."""
        return years_on_disk(self.history)

    def load(self, key: str) -> Data | None:
        """A year or index file's data (shared, never change it), or None when missing; StoreCorrupt if
        damaged."""
        path = path_of_key(self.history, key)
        if key.startswith("words:"):
            return load_words(path)
        before = file_version(path)
        if before is None:
            return None
        remembered = self._parsed.get(path)
        if remembered is not None and remembered[0] == before:
            self._parsed.move_to_end(path)
            return remembered[1]
        raw = read_bytes(path)
        if raw is None:
            return None
        try:
            data, unusable = split_history(decode_history(raw))
        except HistoryDamaged as damage:
            raise damaged(path, self.history, damage) from None
        version = before if file_version(path) == before else None  # None: replaced while it was read
        self._left_out[path] = (version, unusable)
        self.remember(path, version, data)
        return data

    def prepared_words(self, year: str) -> PreparedWords | None:
        """`year`'s words file as it is now, prepared for searching (`search_index.prepare`): kept from the
        last search of this version of the file, else read and prepared now; None when there is no usable
        words file (the year file is then searched)."""
        key = words_key(year)
        path = path_of_key(self.history, key)
        version = file_version(path)
        kept = self._prepared.get(path)
        if version is None:
            return None
        if kept is not None and kept[0] == version:
            return kept[1]
        with collector_paused():  # the parse is dropped before the collector runs again: it walks only what is kept
            data = self.load(key)
            try:
                found = None if data is None else prepare(data[TEXTS])
            except MALFORMED:
                found = None
            del data
        if found is not None and file_version(path) == version:  # not replaced while it was read
            self._prepared[path] = (version, found)
        return found

    def remember(self, path: Path, version: tuple[int, int, int] | None, data: Data) -> None:
        """Keep a parse for reuse while the file keeps this version (only the newest few are kept)."""
        if version is None:
            return
        self._parsed[path] = (version, data)
        self._parsed.move_to_end(path)
        while len(self._parsed) > KEEP_PARSED:
            self._parsed.popitem(last=False)

    def forget(self) -> None:
        """Drop every kept parse (after files were replaced from elsewhere, say a restore)."""
        self._parsed.clear()
        self._left_out.clear()
        self._prepared.clear()

    def write(self, key: str, data: Data) -> None:
        """Replace one year or index file atomically (its folder made private first)."""
        path = path_of_key(self.history, key)
        if key != LIVE:
            ensure_private_folder(years_folder(self.history))
        left_out = self._left_out_on_disk(path)
        if left_out:
            self.on_set_aside(path, left_out)
        write_atomic(path, encode_history(data))
        if key.startswith("words:"):
            return  # read whole by each search, never kept parsed: the years' files stay in the few kept
        version = file_version(path)
        self._left_out[path] = (version, [])
        self.remember(path, version, data)

    def _left_out_on_disk(self, path: Path) -> list[Unusable]:
        """Under the lock, before `path` is replaced: the records of the wrong shape in the file on disk now.
        A reader without the lock may have parsed an older version meanwhile; then the file is read again,
        so a record is never set aside twice nor dropped unkept. Never parsed since `forget`: none."""
        found = self._left_out.pop(path, None)
        if found is None:
            return []
        version, unusable = found
        current = file_version(path)
        if current is None:
            return []
        if version == current:
            return unusable
        try:
            return split_history(decode_history(read_bytes(path) or b"{}"))[1]
        except HistoryDamaged as damage:
            raise damaged(path, self.history, damage) from None

    def remove_years_not_in(self, keep: set[str]) -> None:
        """Delete year and index files of years not in `keep` (leftovers, or years a restore lacks)."""
        folder = years_folder(self.history)
        removed = False
        for year in self.years():
            if year in keep:
                continue
            for suffix in (".json", ".index.json", ".words.json"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(folder / f"{year}{suffix}")
                    removed = True
        strays = [*folder.glob("*.index.json"), *folder.glob("*.words.json")] if folder.is_dir() else []
        for stray in strays:
            if stray.name.removesuffix(".index.json").removesuffix(".words.json") not in keep:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(stray)
                    removed = True
        if removed:
            fsync_folder(folder)
        self.forget()
