"""`hearthside forget --all` run as a subprocess on a history whose distinctive word is in every kind of
file Hearthside keeps: with --no-backup nothing of it is left anywhere Hearthside wrote; without, only the
backup (and the files it names) still hold it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.store import FileHistoryStore
from tui.store.export_file import export_document, write_rescue

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.realistic_history import realistic_records

REPO = Path(__file__).resolve().parent.parent
WORD = "Zanzibarquill"
AT = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)


def hearthside(home: Path, data: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`python -m tui ARGUMENTS` with throwaway home, temp, config and data folders."""
    environment = {
        **os.environ,
        "HOME": str(home),
        "TMPDIR": str(home / "tmp"),
        "HEARTHSIDE_DATA_DIR": str(data),
        "HEARTHSIDE_CONFIG_DIR": str(home / "config"),
    }
    return subprocess.run(
        [sys.executable, "-m", "tui", *arguments],
        capture_output=True, text=True, cwd=REPO, env=environment, timeout=60, check=False,
    )


def holding_the_word(folder: Path) -> list[str]:
    """The files under `folder` that hold WORD, as `grep -r` finds them (relative paths)."""
    found = subprocess.run(["grep", "-rl", WORD, str(folder)], capture_output=True, text=True, check=False)
    return sorted(str(Path(line).relative_to(folder)) for line in found.stdout.splitlines())


@pytest.fixture
def couple(tmp_path: Path) -> tuple[Path, Path]:
    """A home folder and a data folder where WORD was typed into a session, a follow-up, a running
    session's checkpoint and a partner's name, then backed up, set aside (a record of the wrong shape),
    kept as a damaged copy and an old single-file backup, and put in rescue files in home and temp."""
    home, data = tmp_path / "home", tmp_path / "data"
    (home / "tmp").mkdir(parents=True)
    store = FileHistoryStore.open(data, now=lambda: AT)
    store.save_settings({"name_a": f"Maya {WORD}", "name_b": "Jonah"})
    records = list(realistic_records(4, seed=11))
    records[-1]["appreciations"][0]["text"] = f"thank you for the {WORD} tea"
    store.import_sessions(records)
    store.save_checkpoint({**records[0], "id": "running", "notes": [f"a {WORD} note"]})
    store.backup_now("manual")
    live = json.loads((data / "history.json").read_text())
    live["checkpoints"]["999"] = {"id": 7, "words": f"an odd {WORD} record"}  # set aside at the next open
    (data / "history.json").write_text(json.dumps(live))
    FileHistoryStore.open(data, now=lambda: AT)
    (data / "history.json.corrupt-20260101T000000.000000Z").write_text(f'{{"broken": "{WORD}')
    (data / "backups" / "history-20200101T000000.000000Z-old-abcd.json").write_text(json.dumps({"s": WORD}))
    rescue = export_document([records[-1]], [], AT)
    for folder in (home, home / "tmp"):
        assert write_rescue(rescue, [folder])[0] is not None
    (home / "hearthside-rescue-of-another-program.json").write_text(f"not ours: {WORD}")
    (home / "chosen").mkdir()
    (home / "chosen" / "our-words.json").write_text(json.dumps(rescue))  # saved where they chose
    assert {"history.json", "set-aside-20260301T200000Z.json"} <= set(holding_the_word(data))
    return home, data


def test_forget_all_without_backup_leaves_no_typed_word_anywhere_hearthside_wrote(couple: tuple[Path, Path]) -> None:
    home, data = couple
    done = hearthside(home, data, "forget", "--all", "--yes", "--no-backup")
    assert done.returncode == 0, done.stderr
    assert holding_the_word(data) == []
    assert sorted(path.name for path in home.glob("hearthside-rescue-*")) == ["hearthside-rescue-of-another-program.json"]
    assert list((home / "tmp").iterdir()) == [] and (home / "chosen" / "our-words.json").exists()
    rescues = ", ".join(str(path) for path in [home / "hearthside-rescue-20260301-200000.json",
                                               home / "tmp" / "hearthside-rescue-20260301-200000.json"])
    assert done.stdout.splitlines() == [
        "Forgot 4 sessions, every follow-up and the settings, and erased 3 backups, 1 file of records set aside, "
        f"1 damaged copy of the history and 2 rescue files ({rescues}).",
        f"Nothing you typed is left in {data}; no backup is left.",
        "Exports and files you saved yourself in a place you chose are yours to delete.",
    ]
    assert hearthside(home, data, "history").stdout == "No sessions here yet.\n"


def test_forget_all_with_a_backup_keeps_the_word_only_in_what_it_names(couple: tuple[Path, Path]) -> None:
    home, data = couple
    done = hearthside(home, data, "forget", "--all", "--yes")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    backup = next(path for path in (data / "backups").iterdir() if "before-forget" in path.name)
    assert lines[0] == f"Forgot 4 sessions, every follow-up and the settings. A backup is in {backup}."
    assert lines[1].startswith("Kept as they were: 1 file of records set aside, 1 damaged copy of the history and 2 rescue files")
    assert lines[2] == f"3 older backups stay in {data / 'backups'}."
    left = holding_the_word(data)
    assert left and all(path.startswith(("backups/", "set-aside-", "history.json.corrupt-")) for path in left)
    assert any(path.startswith(f"backups/{backup.name}/") for path in left)
    assert "history.json" not in left and not any(path.startswith("years/") for path in left)
    restored = hearthside(home, data, "history", "--json")
    assert json.loads(restored.stdout) == []
