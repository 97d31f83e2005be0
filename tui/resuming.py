"""Continuing an unfinished session: finding the script it was taken with, from its checkpoint
(`Session.snapshot()`) and the library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.core.engine import SnapshotMismatch
from tui.core.library import Library
from tui.core.problems import ScriptError
from tui.core.script_loader import load_script
from tui.core.script_model import Script


def script_of(snapshot: dict[str, Any], library: Library) -> Script:
    """The script the snapshot was taken with: from the library, or else from the file it was run from
    (`script_path`); raises `SnapshotMismatch`, in plain words, when it is gone or has changed."""
    script_id, script_hash = str(snapshot.get("script_id", "")), snapshot.get("script_hash")
    found = library.find(script_id)
    if found is not None and found.content_hash == script_hash:
        return found
    path = str(snapshot.get("script_path") or "")
    if found is None and path and Path(path).is_file():
        try:
            loaded = load_script(Path(path), library.find_deck)
        except ScriptError as error:
            first = error.problems[0].message if error.problems else "it cannot be read"
            raise SnapshotMismatch(f"the script file {path} cannot be used now ({first})") from None
        if loaded.id == script_id and loaded.content_hash == script_hash:
            return loaded
        raise SnapshotMismatch(f"the script file {path} has changed since this session was saved")
    if found is not None:
        raise SnapshotMismatch(f'the script "{found.title}" has changed since this session was saved')
    where = f" and its file {path} is gone" if path else ""
    raise SnapshotMismatch(f'the script "{script_id}" is no longer installed{where}')
