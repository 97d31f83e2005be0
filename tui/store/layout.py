"""Where each part of the v3 history lives (the live file, year files, their indexes, the redo log), and
which year a session or a follow-up belongs to."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tui.store.errors import StoreOddFile
from tui.store.odd_paths import followed

YEARS_FOLDER = "years"
PENDING_FILE = "pending.json"
UNDATED = "undated"
LIVE = "live"  # the key of the live file among a change's files
YEAR_FILE = re.compile(r"^(\d{4}|undated)\.json$")


def store_folder(history: Path) -> Path:
    """The folder holding every file of the history: that of `history.json`, or of its target if a link
    (beside the link when it leads nowhere or loops: reading the history then says why)."""
    if not history.is_symlink():
        return history.parent
    try:
        return followed(history).parent
    except StoreOddFile:
        return history.parent


def years_folder(history: Path) -> Path:
    """`years/` in the store folder."""
    return store_folder(history) / YEARS_FOLDER


def pending_path(history: Path) -> Path:
    """The redo log, present only while a change touching several files is being written."""
    return store_folder(history) / PENDING_FILE


def year_key(year: str) -> str:
    """The key of a year's sessions file among a change's files."""
    return f"year:{year}"


def index_key(year: str) -> str:
    """The key of a year's index file (summaries and decided follow-ups)."""
    return f"index:{year}"


def words_key(year: str) -> str:
    """The key of a year's words file (the texts a search looks in, see `search_index`)."""
    return f"words:{year}"


def year_of_key(key: str) -> str:
    """The year named by a `year_key`, `index_key` or `words_key`."""
    return key.partition(":")[2]


def path_of_key(history: Path, key: str) -> Path:
    """The file a change's key stands for."""
    if key == LIVE:
        return history
    kind, _, year = key.partition(":")
    suffix = {"index": ".index.json", "words": ".words.json"}.get(kind, ".json")
    return years_folder(history) / f"{year}{suffix}"


def year_of_text(moment: object) -> str:
    """The year of an ISO timestamp ("2025-..." -> "2025"), or `undated`."""
    if isinstance(moment, str) and len(moment) >= 4 and moment[:4].isascii() and moment[:4].isdigit():
        return moment[:4]
    return UNDATED


def year_of(record: dict[str, Any]) -> str:
    """The year a session (or its checkpoint) belongs to: the year it started."""
    return year_of_text(record.get("started_at"))


def years_on_disk(history: Path) -> list[str]:
    """The years that have a sessions file, oldest first (`undated` last)."""
    folder = years_folder(history)
    try:
        names = [entry.name for entry in folder.iterdir()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    years = [match.group(1) for name in names if (match := YEAR_FILE.match(name))]
    return sorted(years, key=lambda year: (year == UNDATED, year))


def written_order(keys: list[str]) -> list[str]:
    """The order a change's files are written in: years, their words, their indexes, the live file last."""
    return sorted(keys, key=lambda key: (key == LIVE, key.startswith("index:"), key.startswith("words:"), key))


def newest_first(years: list[str]) -> list[str]:
    """Years newest first (`undated` last)."""
    return sorted(years, key=lambda year: (year != UNDATED, year), reverse=True)
