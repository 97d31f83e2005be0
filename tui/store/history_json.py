"""The bytes of `history.json`: parsed and checked strictly, written as compact JSON (via orjson)."""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator
from typing import Any

import orjson

from tui.store.errors import StoreInvalidRecord
from tui.store.record_schema import is_doc_id

Data = dict[str, dict[str, dict[str, Any]]]


class HistoryDamaged(ValueError):
    """Bytes that are not a TinyDB-shaped history; `reason` says why in plain words."""

    def __init__(self, reason: str, *, extra_data_recoverable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.extra_data_recoverable = extra_data_recoverable


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects (it makes big parses 2-5x slower)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def shape_problem(value: object) -> str | None:
    """Why `value` is not `{table: {"<int>": {document}}}`, or None when it is; a doc id is ASCII digits
    (`is_doc_id`: "²".isdigit() is True, yet int() and so every later save would fail on it)."""
    if not isinstance(value, dict):
        return f"it holds a JSON {type(value).__name__}, not an object of tables"
    for table_name, table in value.items():
        if not isinstance(table, dict):
            return f'its table "{table_name}" is not an object of records'
        for doc_id, document in table.items():
            if not isinstance(document, dict) or not is_doc_id(doc_id):
                shown = doc_id if len(doc_id) <= 40 else doc_id[:40] + "..."
                return f'its table "{table_name}" has a malformed record under "{shown}"'
    return None


def decode_history(raw: bytes) -> Data:
    """Parse and check history bytes strictly; raises HistoryDamaged saying what is wrong."""
    if not raw.strip():
        raise HistoryDamaged("the file is empty (0 bytes)" if not raw else "the file holds only blank space")
    try:
        with collector_paused():
            value = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise HistoryDamaged(
            f"it is not valid JSON ({error})", extra_data_recoverable=first_document(raw) is not None
        ) from None
    problem = shape_problem(value)
    if problem:
        raise HistoryDamaged(problem)
    return value


def first_document(raw: bytes) -> tuple[Data, int] | None:
    """For "Extra data" damage (a whole history, then leftovers): the first history and where it ends."""
    try:
        text = raw.decode("utf-8")
        value, end = json.JSONDecoder().raw_decode(text.lstrip())
    except (UnicodeDecodeError, ValueError):
        return None
    if shape_problem(value) is not None or not text.lstrip()[end:].strip():
        return None
    return value, end


def encode_history(data: object) -> bytes:
    """Serialise to compact JSON; raises StoreInvalidRecord before any file is touched."""
    try:
        return orjson.dumps(data)
    except (orjson.JSONEncodeError, TypeError) as error:
        message = f"This record cannot be saved as text ({error}); nothing was written."
        raise StoreInvalidRecord(message) from None


class DocumentEncoder:
    """Serialises the history reusing the bytes of documents written before, while the very same (never
    changed in place) object is stored again; the output is byte for byte `encode_history`'s."""

    def __init__(self) -> None:
        self._written: dict[tuple[str, str], tuple[object, bytes]] = {}

    def encode(self, data: Data) -> bytes:
        """Compact JSON of `data`; raises StoreInvalidRecord before any file is touched."""
        if not hasattr(orjson, "Fragment"):  # orjson older than 3.10
            return encode_history(data)
        written: dict[tuple[str, str], tuple[object, bytes]] = {}
        tree: dict[str, dict[str, Any]] = {}
        for name, table in data.items():
            encoded_table = tree[name] = {}
            for doc_id, document in table.items():
                key = (name, doc_id)
                before = self._written.get(key)
                part = before[1] if before is not None and before[0] is document else encode_history(document)
                written[key] = (document, part)
                encoded_table[doc_id] = orjson.Fragment(part)
        raw = orjson.dumps(tree)
        self._written = written
        return raw

    def forget(self) -> None:
        """Drop every remembered document."""
        self._written = {}
