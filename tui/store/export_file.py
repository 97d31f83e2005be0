"""The Hearthside export file: full session records (and unfinished sessions' checkpoints) in one JSON
document that `hearthside import FILE` brings back into a history; also the rescue file written when
saving fails."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from tui.core.clock import isoformat
from tui.core.frozen import frozen
from tui.store.errors import StoreError, StoreUnwritable
from tui.store.files import read_bytes, write_atomic
from tui.store.operations import ImportReport

EXPORT_FORMAT = "hearthside-export"
EXPORT_VERSION = 2  # a whole history: 2 adds "follow_ups" (open and decided) and "settings"
RESCUE_VERSION = 1  # sessions and checkpoints only: rescue files stay readable by older Hearthsides
READABLE_VERSIONS = (RESCUE_VERSION, EXPORT_VERSION)
RESCUE_PREFIX = "hearthside-rescue-"
Record = dict[str, Any]


@frozen
class ExportContents:
    """What an export file holds: finished (or kept unfinished) sessions, and sessions that can continue."""

    sessions: list[Record]
    checkpoints: list[Record]
    follow_ups: list[Record] = field(default_factory=list)
    settings: Record | None = None


class ImportTarget(Protocol):
    """What importing needs from a history store."""

    def import_history(
        self, records: Iterable[Record], follow_ups: Iterable[Record] = ..., settings: Record | None = ...
    ) -> ImportReport: ...
    def save_checkpoint(self, snapshot: Record) -> Any: ...


def export_document(
    sessions: Iterable[Record],
    checkpoints: Iterable[Record],
    now: datetime,
    follow_ups: Iterable[Record] | None = None,
    settings: Record | None = None,
) -> dict[str, Any]:
    """The export as a JSON-ready dict; `checkpoints` (running sessions' snapshots) is there only when any,
    "follow_ups" and "settings" when given (a whole history's export, version 2; a rescue file has
    neither and stays version 1)."""
    whole = follow_ups is not None or settings is not None
    document: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION if whole else RESCUE_VERSION,
        "exported_at": isoformat(now),
        "sessions": list(sessions),
    }
    kept = list(checkpoints)
    if kept:
        document["checkpoints"] = kept
    if follow_ups is not None:
        document["follow_ups"] = list(follow_ups)
    if settings is not None:
        document["settings"] = settings
    return document


def encode_export(document: dict[str, Any]) -> bytes:
    """The document as UTF-8 JSON; text with broken characters is kept escaped rather than refused."""
    try:
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(document, ensure_ascii=True, indent=1).encode("ascii")


def rescue_name(now: datetime) -> str:
    """`hearthside-rescue-20260307-214012.json`: sorts by time, never replaces an earlier rescue."""
    return f"{RESCUE_PREFIX}{now.strftime('%Y%m%d-%H%M%S')}.json"


def default_rescue_path(now: datetime) -> Path:
    """The rescue file offered in the home folder."""
    return Path.home() / rescue_name(now)


def write_export(path: Path, document: dict[str, Any]) -> Path:
    """Write the export atomically at `path` (a folder gets a rescue-named file in it); returns the file."""
    target = Path(os.path.expanduser(str(path)))
    if target.is_dir():
        target = target / rescue_name(datetime.fromisoformat(document["exported_at"]))
    write_atomic(target, encode_export(document))
    return target


def rescue_folders() -> list[Path]:
    """Where a rescue goes when leaving with unsaved work: the home folder, else the temp folder."""
    return [Path.home(), Path(tempfile.gettempdir())]


def write_rescue(document: dict[str, Any], folders: Iterable[Path]) -> tuple[Path | None, list[str]]:
    """Write the rescue file in the first folder that takes it; the file (None when none did) and why the
    others refused."""
    refusals: list[str] = []
    name = rescue_name(datetime.fromisoformat(document["exported_at"]))
    for folder in folders:
        try:
            return write_export(Path(folder) / name, document), refusals
        except StoreUnwritable as error:
            refusals.append(f"{folder}: {error.reason}")
        except (StoreError, OSError) as error:
            refusals.append(f"{folder}: {getattr(error, 'strerror', None) or error}")
    return None, refusals


def read_export(path: Path) -> ExportContents:
    """The sessions and checkpoints of an export file; StoreError in plain words when it is not one."""
    try:
        raw = read_bytes(Path(path))
    except OSError as error:
        raise StoreError(f"{path} cannot be read: {error.strerror or error}.") from None
    if raw is None:
        raise StoreError(f"There is no file {path}.")
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StoreError(f"{path} is not a Hearthside export: it is not JSON ({error}).") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise StoreError(f'{path} is not a Hearthside export (it has no "format": "{EXPORT_FORMAT}").')
    version = document.get("version")
    if version not in READABLE_VERSIONS:
        raise StoreError(
            f"{path} is an export of version {version!r}; this Hearthside reads versions up to {EXPORT_VERSION}. "
            "Update Hearthside to import it."
        )
    sessions = document.get("sessions", [])
    checkpoints = document.get("checkpoints", [])
    follow_ups = document.get("follow_ups", [])
    for name, items in (("sessions", sessions), ("checkpoints", checkpoints), ("follow_ups", follow_ups)):
        if not isinstance(items, list) or not all(
            isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"] for item in items
        ):
            raise StoreError(f'{path}: "{name}" must be a list of records, each with an "id".')
    settings = document.get("settings")
    if settings is not None and not isinstance(settings, dict):
        raise StoreError(f'{path}: "settings" must be an object.')
    return ExportContents(sessions, checkpoints, follow_ups, settings or None)


def import_export(store: ImportTarget, contents: ExportContents) -> tuple[ImportReport, int]:
    """Bring an export into `store` (sessions and follow-ups by id, so importing twice changes nothing);
    what the import did, and how many sessions can be continued."""
    report = store.import_history(contents.sessions, contents.follow_ups, contents.settings)
    continuing = 0
    for snapshot in contents.checkpoints:
        if store.save_checkpoint(snapshot) is not False:
            continuing += 1
    return report, continuing
