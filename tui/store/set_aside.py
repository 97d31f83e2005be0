"""Records the code cannot use (see `record_schema`), kept beside the history in `set-aside-<stamp>.json`:
TinyDB-shaped, each under its own table and doc id, exactly as it was read, with the reasons. Written
before the history is rewritten without them, and never deleted by Hearthside."""

from __future__ import annotations

import contextlib
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from tui.core.clock import isoformat
from tui.core.frozen import frozen
from tui.store.files import read_bytes, write_atomic
from tui.store.record_schema import Unusable, called

SET_ASIDE_PREFIX = "set-aside-"
ABOUT_TABLE = "_set_aside"  # one document: where the records came from and when
REASONS_TABLE = "_reasons"  # one document per record: its table, doc id and why it was set aside
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"


def set_aside_content(unusable: list[Unusable], source: str, at: datetime) -> dict[str, dict[str, Any]]:
    """The set-aside file's data: the records under their tables and doc ids, what this file is, and why
    each record is here."""
    content: dict[str, dict[str, Any]] = {
        ABOUT_TABLE: {
            "1": {
                "from": source,
                "at": isoformat(at),
                "about": f"Records Hearthside could not use, moved here unchanged from {source}; "
                f"the table {REASONS_TABLE} says why, record by record.",
            }
        },
        REASONS_TABLE: {},
    }
    for number, record in enumerate(unusable, start=1):
        content.setdefault(record.table, {})[record.doc_id] = record.document
        content[REASONS_TABLE][str(number)] = {
            "table": record.table,
            "doc_id": record.doc_id,
            "reason": record.reason,
        }
    return content


def free_name(folder: Path, at: datetime) -> Path:
    """`set-aside-<stamp>.json` in `folder`, with a number after the stamp when that name is taken."""
    stamp = at.astimezone(UTC).strftime(STAMP_FORMAT)
    candidate = folder / f"{SET_ASIDE_PREFIX}{stamp}.json"
    number = 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = folder / f"{SET_ASIDE_PREFIX}{stamp}-{number}.json"
    return candidate


def keep_set_aside(folder: Path, source: str, unusable: list[Unusable], now: datetime) -> Path:
    """Write the records of one file (`source`, its name as the couple knows it) that do not fit to a new
    set-aside file in `folder` (0600, atomically, read back); call it under the store's lock, before that
    file is rewritten without them. Raises OSError when it cannot be written: then nothing may be dropped."""
    target = free_name(folder, now)
    raw = orjson.dumps(set_aside_content(unusable, source, now))
    write_atomic(target, raw)
    if read_bytes(target) != raw:
        raise OSError(f"the set-aside file {target} did not read back as written")
    return target


def what_they_are(unusable: list[Unusable], *, plain: bool = False) -> str:
    """ "3 sessions and 1 unfinished session (checkpoint)"; `plain` drops the bracketed table names."""
    counts = Counter(record.table for record in unusable)
    parts = []
    for table, count in counts.items():
        words = called(table, count)
        parts.append(f"{count:,} {words.partition(' (')[0] if plain else words}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def set_aside_notice(kept: Path, unusable: list[Unusable]) -> str:
    """What the couple is told once, at start, in plain words."""
    they = "it was" if len(unusable) == 1 else "they were"
    return (
        f"{what_they_are(unusable, plain=True)} in your history could not be used; {they} moved, unchanged, "
        f"to {kept}. Nothing was deleted. `hearthside doctor` says why."
    )


def set_aside_files(folder: Path) -> list[Path]:
    """Every set-aside file in `folder`, oldest first."""
    with contextlib.suppress(OSError):
        return sorted(path for path in folder.glob(f"{SET_ASIDE_PREFIX}*.json") if path.is_file())
    return []


@frozen
class SetAsideFile:
    """What one set-aside file holds, for doctor: how many records, of what, from where and when."""

    path: Path
    records: int
    what: str
    source: str
    at: str


def read_set_aside_file(path: Path) -> SetAsideFile | None:
    """Describe a set-aside file, or None when it cannot be read as one."""
    try:
        data = orjson.loads(read_bytes(path) or b"")
        about = next(iter(data[ABOUT_TABLE].values()))
        reasons = list(data[REASONS_TABLE].values())
        unusable = [Unusable(str(entry["table"]), str(entry["doc_id"]), None, "") for entry in reasons]
        return SetAsideFile(
            path,
            len(unusable),
            what_they_are(unusable) if unusable else "nothing",
            str(about.get("from", "")),
            str(about.get("at", "")),
        )
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, AttributeError, StopIteration):
        return None
