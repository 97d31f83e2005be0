"""After the app: what could not be saved goes to the rescue file (or is printed), the exit is not 0, and
`hearthside import FILE` brings it back."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from cli_support import REPO

from tui.app import HearthsideApp
from tui.cli import EXIT_OK, EXIT_UNSAVED, after_the_app, main
from tui.core.library import load_library
from tui.core.session_record import unfinished_record
from tui.store import FileHistoryStore
from tui.store.export_file import EXPORT_FORMAT, export_document, read_export, write_export
from tui.store.memory import InMemoryStore
from tui.unsaved_work import CHECKPOINT, SESSION

FIXTURES = REPO / "tests" / "store" / "fixtures"


def a_record(session_id: str = "session-1") -> dict:
    snapshot = {"id": session_id, "script_id": "appreciation-round", "started_at": "2026-03-07T19:00:00+00:00"}
    return unfinished_record(snapshot)


def app_with_unsaved(*records: dict, checkpoint: dict | None = None) -> HearthsideApp:
    app = HearthsideApp(store=InMemoryStore(), library=load_library(), unicode_ok=True)
    for number, record in enumerate(records, start=1):
        app.sessions.unsaved.queued(number, SESSION, record)
    if checkpoint is not None:
        app.sessions.unsaved.queued(99, CHECKPOINT, checkpoint)
    app.sessions.trouble = ("session", "the disk is full")
    return app


def test_nothing_unsaved_exits_0_and_writes_nothing(tmp_path: Path) -> None:
    app = HearthsideApp(store=InMemoryStore(), library=load_library(), unicode_ok=True)
    assert after_the_app(app, [tmp_path]) == EXIT_OK
    assert list(tmp_path.iterdir()) == []


def test_unsaved_work_goes_to_the_rescue_file_and_says_how_to_bring_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = app_with_unsaved(a_record(), checkpoint={"id": "running", "draft": "I miss our walks"})
    assert after_the_app(app, [tmp_path / "missing-home", tmp_path]) == EXIT_UNSAVED  # home refuses: temp
    (rescue,) = tmp_path.glob("hearthside-rescue-*.json")
    document = json.loads(rescue.read_text())
    assert document["format"] == EXPORT_FORMAT and document["version"] == 1 and document["exported_at"]
    assert [record["id"] for record in document["sessions"]] == ["session-1"]
    assert document["checkpoints"][0]["draft"] == "I miss our walks"
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "the disk is full" in captured.err and f"hearthside import {rescue}" in captured.err
    assert oct(rescue.stat().st_mode & 0o777) == "0o600"


def test_with_no_folder_to_take_it_the_json_is_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = app_with_unsaved(a_record())
    assert after_the_app(app, [tmp_path / "gone", tmp_path / "gone-too"]) == EXIT_UNSAVED
    captured = capsys.readouterr()
    assert json.loads(captured.out)["sessions"][0]["id"] == "session-1"
    assert "No rescue file could be written" in captured.err


def test_import_brings_a_rescue_file_back_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HEARTHSIDE_DATA_DIR", str(tmp_path / "data"))
    from datetime import UTC, datetime

    snapshot = {"id": "to-continue", "script_id": "appreciation-round", "started_at": "2026-03-07T19:00:00+00:00"}
    document = export_document([a_record("one"), a_record("two")], [snapshot], datetime.now(UTC))
    rescue = write_export(tmp_path / "rescue.json", document)
    assert main(["import", str(rescue)]) == EXIT_OK
    assert "Brought 2 sessions and 1 unfinished session you can continue back" in capsys.readouterr().out
    assert main(["import", str(rescue)]) == EXIT_OK  # again: replaced by id, never doubled
    store = FileHistoryStore.open(tmp_path / "data")
    assert sorted(record["id"] for record in store.sessions()) == ["one", "two"]
    assert [checkpoint["id"] for checkpoint in store.checkpoints()] == ["to-continue"]


def test_import_of_a_file_that_is_not_an_export_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HEARTHSIDE_DATA_DIR", str(tmp_path / "data"))
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"sessions": []}))
    assert main(["import", str(other)]) == 1
    assert "is not a Hearthside export" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "nothing.json")]) == 1
    assert not (tmp_path / "data").exists() or not os.listdir(tmp_path / "data")


def test_an_export_reads_back_as_written(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    document = export_document([a_record()], [], datetime.now(UTC))
    path = write_export(tmp_path, document)  # a folder: a rescue-named file in it
    assert path.parent == tmp_path and path.name.startswith("hearthside-rescue-")
    contents = read_export(path)
    assert [record["id"] for record in contents.sessions] == ["session-1"] and contents.checkpoints == []
