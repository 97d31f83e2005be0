"""What holds a couple's words besides the history's tables: backups, files of records set aside, damaged
copies kept by a recovery, an unfinished redo log, and the rescue files Hearthside writes in the home or
temp folder. `forget --all --no-backup` finds them first (to say what it will erase) and then erases them."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
from collections.abc import Iterable
from dataclasses import field
from pathlib import Path

from tui.core.frozen import frozen
from tui.core.wording import count_of
from tui.store.backups import backup_folder
from tui.store.export_file import EXPORT_FORMAT, RESCUE_PREFIX
from tui.store.layout import pending_path, store_folder, years_folder
from tui.store.set_aside import set_aside_files

DAMAGED_MARKER = ".corrupt-"  # `history.json.corrupt-<stamp>`, kept by `recovery.keep_damaged_copy`
RESCUE_SNIFF = 4096  # a rescue file names its format in its first bytes


@frozen
class Traces:
    """Files beyond the history's tables that hold (or held) the couple's words, by kind."""

    backups: list[Path] = field(default_factory=list)
    set_aside: list[Path] = field(default_factory=list)
    damaged: list[Path] = field(default_factory=list)
    pending: list[Path] = field(default_factory=list)
    rescues: list[Path] = field(default_factory=list)

    def paths(self) -> list[Path]:
        """Every file and folder, in the order they are erased (backups first)."""
        return [*self.backups, *self.set_aside, *self.damaged, *self.pending, *self.rescues]

    def described(self) -> str:
        """ "3 backups, 1 file of records set aside and 1 rescue file (/home/m/hearthside-rescue-...json)";
        rescue files are named, since they are outside the data folder. Empty when there is nothing."""
        parts = [
            count_of(len(self.backups), "backup") if self.backups else "",
            count_of(len(self.set_aside), "file", "files") + " of records set aside" if self.set_aside else "",
            count_of(len(self.damaged), "damaged copy", "damaged copies") + " of the history" if self.damaged else "",
            "an unfinished change (pending.json)" if self.pending else "",
            rescue_words(self.rescues),
        ]
        kept = [part for part in parts if part]
        if len(kept) < 2:
            return "".join(kept)
        return ", ".join(kept[:-1]) + " and " + kept[-1]


def rescue_words(rescues: list[Path]) -> str:
    """ "2 rescue files (a, b)", or nothing."""
    if not rescues:
        return ""
    return f"{count_of(len(rescues), 'rescue file')} ({', '.join(str(path) for path in rescues)})"


def folder_traces(history: Path, data_dir: Path) -> Traces:
    """The traces in the store folder (and the data folder, when the history is a link to elsewhere):
    every entry of `backups/`, set-aside files, damaged copies (beside the history or in `years/`) and
    the redo log."""
    places = list(dict.fromkeys([store_folder(history), Path(data_dir)]))
    backups = entries(backup_folder(history))
    set_aside = sorted({path for place in places for path in set_aside_files(place)})
    damaged = sorted(
        {path for place in [*places, years_folder(history)] for path in entries(place) if DAMAGED_MARKER in path.name}
    )
    pending = [pending_path(history)] if pending_path(history).exists() else []
    return Traces(backups, set_aside, damaged, pending)


def entries(folder: Path) -> list[Path]:
    """What is in `folder` (nothing when it is missing or not a folder), by name."""
    with contextlib.suppress(OSError):
        return sorted(folder.iterdir())
    return []


def rescue_files(folders: Iterable[Path]) -> list[Path]:
    """The rescue files Hearthside wrote on its own (`hearthside-rescue-*.json`, plain files that say they
    are Hearthside exports) in `folders`; files of other names, links and other programs' files are left."""
    found: list[Path] = []
    for folder in dict.fromkeys(Path(folder) for folder in folders):
        with contextlib.suppress(OSError):
            found += [path for path in sorted(folder.glob(f"{RESCUE_PREFIX}*.json")) if is_rescue_file(path)]
    return found


def is_rescue_file(path: Path) -> bool:
    """A plain file (not a link) whose first bytes name the Hearthside export format."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        with path.open("rb") as handle:
            start = handle.read(RESCUE_SNIFF)
    except OSError:
        return False
    return json.dumps(EXPORT_FORMAT).encode() in start


def erase(paths: Iterable[Path]) -> list[str]:
    """Delete each file or folder (a link itself, never what it leads to); why any could not be, in words."""
    refused: list[str] = []
    for path in paths:
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        except OSError as error:
            refused.append(f"{path} ({error.strerror or error})")
    return refused
