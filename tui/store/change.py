"""`Change`: the files one change reads and writes, loaded on demand and copied on write, with each table's
id -> doc id map built once, so a change touching n records costs O(n) whatever the history's size."""

from __future__ import annotations

from typing import Any, Protocol

from tui.store.history_json import Data
from tui.store.layout import LIVE, UNDATED, index_key, written_order, year_key, year_of_key
from tui.store.migrations import CURRENT_SCHEMA_VERSION, META_TABLE
from tui.store.search_index import INDEX_FORMAT

Table = dict[str, dict[str, Any]]


class FileSource(Protocol):
    """Where a change reads its files from: the disk (`YearFiles`) or memory (`InMemoryStore`)."""

    def load(self, key: str) -> Data | None:
        """The file's data, shared: never changed in place; None when there is no such file."""
        ...

    def years(self) -> list[str]:
        """The years that have a sessions file."""
        ...


def fresh_file(key: str) -> Data:
    """An empty file of the kind `key` names, stamped with the version (and the year)."""
    meta: dict[str, Any] = {"schema_version": CURRENT_SCHEMA_VERSION}
    if key != LIVE:
        meta["year"] = year_of_key(key)
    if key.startswith("index:"):
        meta["index_format"] = INDEX_FORMAT  # a new index is made by this code: nothing in it to rebuild
    return {META_TABLE: {"1": meta}}


class Change:
    """Reads through a `FileSource`; every document is replaced, never changed in place."""

    def __init__(self, source: FileSource, live: Data | None = None) -> None:
        self.source = source
        self._files: dict[str, Data] = {}
        self._copied: set[tuple[str, str]] = set()
        self._ids: dict[tuple[str, str], dict[str, str]] = {}
        self._next: dict[tuple[str, str], int] = {}
        self.dirty: set[str] = set()
        self.follow_ups_before: dict[str, dict[str, Any]] = {}  # touched follow-ups as first found
        self.follow_ups_fallback: dict[str, dict[str, Any]] = {}  # from a redo log: found nowhere -> these
        if live is not None:
            self._files[LIVE] = live

    # -- files and tables -------------------------------------------------------------------------
    def file(self, key: str) -> Data:
        """The file's data as this change sees it (never change it; use the methods below)."""
        if key not in self._files:
            self._files[key] = self.source.load(key) or fresh_file(key)
        return self._files[key]

    def known_years(self) -> list[str]:
        """Years with a sessions file on disk or created in this change, newest first."""
        years = set(self.source.years()) | {year_of_key(key) for key in self._files if key != LIVE}
        return sorted(years, key=lambda year: (year != UNDATED, year), reverse=True)

    def rows(self, key: str, name: str) -> Table:
        """A table to read (shared)."""
        return self.file(key).get(name, {})

    def _writable(self, key: str, name: str) -> Table:
        if (key, name) not in self._copied:
            data = self.file(key)
            if not any(copied_key == key for copied_key, _ in self._copied):
                data = self._files[key] = dict(data)
            data[name] = dict(data.get(name, {}))
            self._copied.add((key, name))
        self.dirty.add(key)
        return self._files[key][name]

    def _id_map(self, key: str, name: str, field: str) -> dict[str, str]:
        if (key, name) not in self._ids:
            ids: dict[str, str] = {}
            for doc_id, document in self.rows(key, name).items():
                value = document.get(field)
                if isinstance(value, str):
                    ids.setdefault(value, doc_id)
            self._ids[key, name] = ids
        return self._ids[key, name]

    # -- records by their own id -------------------------------------------------------------------
    def find(self, key: str, name: str, record_id: str, field: str = "id") -> str | None:
        """The doc id of the record whose `field` is `record_id`, or None."""
        return self._id_map(key, name, field).get(record_id)

    def get(self, key: str, name: str, record_id: str, field: str = "id") -> dict[str, Any] | None:
        """The record whose `field` is `record_id` (shared), or None."""
        doc_id = self.find(key, name, record_id, field)
        return None if doc_id is None else self.rows(key, name)[doc_id]

    def put(self, key: str, name: str, document: dict[str, Any], field: str = "id", doc_id: str | None = None) -> str:
        """Replace the record with the same `field`, or add it (under `doc_id` if given); returns its doc id."""
        ids = self._id_map(key, name, field)
        found = ids.get(document[field])
        if found is None:
            found = doc_id or self._new_doc_id(key, name)
            ids[document[field]] = found
        self._writable(key, name)[found] = document
        return found

    def remove(self, key: str, name: str, record_id: str, field: str = "id") -> bool:
        """Delete the record whose `field` is `record_id`; False if there was none."""
        ids = self._id_map(key, name, field)
        doc_id = ids.pop(record_id, None)
        if doc_id is None:
            return False
        del self._writable(key, name)[doc_id]
        return True

    def remove_where(self, key: str, name: str, field: str, values: set[str]) -> int:
        """Delete every record whose `field` is in `values` (one pass); returns how many."""
        doomed = [doc_id for doc_id, document in self.rows(key, name).items() if document.get(field) in values]
        if doomed:
            table = self._writable(key, name)
            for doc_id in doomed:
                del table[doc_id]
            self._ids = {where: ids for where, ids in self._ids.items() if where != (key, name)}
        return len(doomed)

    def replace_table(self, key: str, name: str, table: Table) -> None:
        """Put a whole table in place."""
        self._writable(key, name)
        self._files[key][name] = table
        self._ids = {where: ids for where, ids in self._ids.items() if where != (key, name)}

    def _new_doc_id(self, key: str, name: str) -> str:
        if (key, name) not in self._next:
            self._next[key, name] = max((int(doc_id) for doc_id in self.rows(key, name)), default=0) + 1
        doc_id = self._next[key, name]
        self._next[key, name] = doc_id + 1
        return str(doc_id)

    # -- what to write ----------------------------------------------------------------------------
    def changed_files(self) -> dict[str, Data]:
        """Every file this change altered: years first, then their words and indexes, the live file last."""
        return {key: self._files[key] for key in written_order(list(self.dirty))}


def session_keys(year: str) -> tuple[str, str]:
    """The year file and index file keys of a year."""
    return year_key(year), index_key(year)


class MemoryFiles:
    """A `FileSource` kept in a dict (key -> data): the in-memory store, or an older file read as v3."""

    def __init__(self, files: dict[str, Data] | None = None) -> None:
        self.files: dict[str, Data] = dict(files or {})

    def load(self, key: str) -> Data | None:
        """The file's data (shared), or None."""
        return self.files.get(key)

    def years(self) -> list[str]:
        """The years that have a sessions file."""
        return [year_of_key(key) for key in self.files if key.startswith("year:")]

    def keep(self, files: dict[str, Data]) -> None:
        """Take a change's written files."""
        self.files.update(files)
