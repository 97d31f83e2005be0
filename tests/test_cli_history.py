"""`hearthside history`, `history show`, `export`, `import` (a whole export) and `forget`, run through
`tui.cli.main` on realistic histories in throwaway data folders."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from tinydb import TinyDB

import tui.cli_history as cli_history
from tui.cli import main
from tui.store import FileHistoryStore

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.realistic_history import realistic_records, write_history

SESSIONS = 30


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A realistic history of SESSIONS sessions over years, with a decided follow-up, built once."""
    folder = tmp_path_factory.mktemp("history")
    write_history(folder, SESSIONS, years=3, daily_backups=1)
    store = FileHistoryStore.open(folder)
    store.set_follow_up_status(store.follow_ups()[-1]["id"], "let_go")
    return folder


@pytest.fixture
def history(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the built history, made the data folder of `main`; the home and temp folders (where
rescue files go, and where `forget --all --no-backup` erases them) are throwaway ones too."""
    import shutil
    import tempfile

    folder = tmp_path / "data"
    shutil.copytree(built, folder, symlinks=True)
    monkeypatch.setenv("HEARTHSIDE_DATA_DIR", str(folder))
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "home"))
    return folder


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """`hearthside ARGUMENTS`: the exit status, stdout and stderr."""
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def a_marked_up_session(index: int = 0) -> dict:
    """A realistic record whose typed words look like Rich markup and Markdown."""
    record = next(iter(realistic_records(1, seed=90 + index)))
    record["appreciations"][0]["text"] = "[bold red]you[/] *really* # listened <3"
    record["script_title"] = "[blink]Title[/blink]"
    return record


# -- history ----------------------------------------------------------------------------------------
def test_history_lists_newest_first_with_limit_since_script_and_json(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summaries = FileHistoryStore.open_read_only(history).session_summaries()
    status, out, _ = run(capsys, "history", "--json")
    listed = json.loads(out)
    assert status == 0 and [item["id"] for item in listed] == [item["id"] for item in summaries]
    assert len(listed) == SESSIONS
    status, out, _ = run(capsys, "history", "--limit", "3")
    assert status == 0 and "3 sessions of 30" in out
    assert all(item["id"][:8] in out for item in summaries[:3]) and summaries[3]["id"][:8] not in out
    assert out.index(summaries[0]["id"][:8]) < out.index(summaries[1]["id"][:8])
    assert summaries[0]["script_title"][:10] in out
    since = summaries[4]["started_at"][:10]
    assert len(json.loads(run(capsys, "history", "--json", "--since", since)[1])) == 5
    script = summaries[0]["script_id"]
    chosen = json.loads(run(capsys, "history", "--json", "--script", script)[1])
    assert chosen and {item["script_id"] for item in chosen} == {script}
    status, _, err = run_parse_error(capsys, "history", "--since", "March")
    assert status == 2 and "is not a date like" in err


ODD_TITLES = (
    "Evening check-in",
    "The dream behind a stuck issue, told slowly and with care, in many words",
    "[bold]Not bold[/] [link=https://x.org]x[/link]",
    "日本語のスクリプトの題名はとても長いです",
    "Кофе и разговор 🍵☕",
    "שיחת ערב",
    "averyveryveryverylongwordwithoutanyspacesatallinit",
)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_long_history_streams_in_the_very_layout_of_the_rich_table(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    summaries = [
        {
            "id": f"{index:08d}-id",
            "script_title": ODD_TITLES[index % len(ODD_TITLES)],
            "started_at": f"20{10 + index % 15}-0{1 + index % 9}-1{index % 10}T19:00:00+00:00",
            "duration_seconds": 60.0 * (index % 200),
            "status": ("finished", "abandoned", "ended_early")[index % 3],
        }
        for index in range(cli_history.TABLE_ROWS + 350)
    ]
    today = date(2026, 3, 1)
    streamed, tabled = io.StringIO(), io.StringIO()
    tables_made: list[int] = []
    real_table = cli_history.history_table
    with monkeypatch.context() as patch:
        patch.setattr(cli_history, "history_table", lambda rows, *more, **named: tables_made.append(len(rows)) or real_table(rows, *more, **named))
        cli_history.print_history_table(Console(file=streamed, width=width, highlight=False), summaries, today)
    console = Console(file=tabled, width=width, highlight=False)
    for start in range(0, len(summaries), cli_history.TABLE_ROWS):  # Rich tables all the way down
        console.print(real_table(summaries[start : start + cli_history.TABLE_ROWS], today, header=start == 0))
    assert streamed.getvalue() == tabled.getvalue()
    if width >= 80:  # wide enough for the streamed layout: one Rich table, then plain lines
        assert tables_made == [cli_history.TABLE_ROWS] and "[bold]Not bold[/]" in streamed.getvalue()


def run_parse_error(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    """Like `run`, for arguments argparse refuses (it exits)."""
    with pytest.raises(SystemExit) as stopped:
        main(list(arguments))
    captured = capsys.readouterr()
    return int(stopped.value.code or 0), captured.out, captured.err


def test_history_of_an_empty_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("HEARTHSIDE_DATA_DIR", str(tmp_path / "none"))
    assert run(capsys, "history") == (0, "No sessions here yet.\n", "")
    assert not (tmp_path / "none").exists()  # listing never creates or changes anything


def test_show_tells_one_session_by_a_prefix_with_typed_words_literal(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = FileHistoryStore.open(history)
    record = a_marked_up_session()
    store.save_session(record)
    status, out, _ = run(capsys, "history", "show", record["id"][:8])
    assert status == 0
    assert "[bold red]you[/] *really* # listened <3" in out and "[blink]Title[/blink]" in out
    for section in ("Check-ins", "Appreciations"):
        assert section in out
    names = record["partners"]["a"]["name"], record["partners"]["b"]["name"]
    first = record["appreciations"][0]
    giver = names[0] if first["from"] == "a" else names[1]
    assert f"{giver} to " in out
    assert run(capsys, "history", "show", record["id"][:5])[0] == 1
    status, _, err = run(capsys, "history", "show", "ffffffff-nothing")
    assert status == 1 and "There is no session ffffffff-nothing" in err


def test_show_names_turns_time_outs_follow_ups_and_their_fate(history: Path, capsys) -> None:
    store = FileHistoryStore.open_read_only(history)
    decided = next(item for item in store.follow_ups() if item["status"] == "let_go")
    status, out, _ = run(capsys, "history", "show", decided["session_id"])
    assert status == 0 and "Follow-ups" in out and "(let go)" in out and decided["text"][:20] in out
    with_turns = next(s for s in store.sessions() if s.get("turns"))
    out = run(capsys, "history", "show", with_turns["id"])[1]
    assert "Turns" in out and " spoke for " in out and "listened." in out


# -- export and import ------------------------------------------------------------------------------
def test_json_export_then_import_into_an_empty_folder_gives_back_everything(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "moving.json"
    status, _, err = run(capsys, "export", "--format", "json", "-o", str(exported))
    assert status == 0 and f"Wrote 30 sessions to {exported}" in err
    document = json.loads(exported.read_text("utf-8"))
    assert document["format"] == "hearthside-export" and document["version"] == 2
    source = FileHistoryStore.open_read_only(history)
    monkeypatch.setenv("HEARTHSIDE_DATA_DIR", str(tmp_path / "new-server"))
    status, out, _ = run(capsys, "import", str(exported))
    assert status == 0 and "Brought 30 sessions back" in out and "Took the settings" in out
    assert f"Added {len(source.follow_ups())} follow-ups" in out
    target = FileHistoryStore.open_read_only(tmp_path / "new-server")
    assert target.sessions() == source.sessions()
    by_id = sorted(source.follow_ups(), key=lambda item: item["id"])
    assert sorted(target.follow_ups(), key=lambda item: item["id"]) == by_id
    assert "let_go" in {item["status"] for item in by_id}
    assert target.load_settings() == source.load_settings()

    status, out, _ = run(capsys, "import", str(exported))  # twice: nothing added
    assert status == 0 and "Brought 0 sessions back" in out and "Skipped 30 sessions already there" in out
    assert "backed up in" in out
    again = FileHistoryStore.open_read_only(tmp_path / "new-server")
    assert again.sessions() == source.sessions() and len(again.follow_ups()) == len(by_id)


def test_export_goes_to_stdout_by_default(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "export")
    assert status == 0 and len(json.loads(out)["sessions"]) == SESSIONS


@pytest.mark.parametrize(
    "contents, why",
    [
        ("{not json", "it is not JSON"),
        (json.dumps({"format": "hearthside-export", "version": 3, "sessions": []}), "version 3"),
        (json.dumps({"format": "hearthside-export", "version": 2, "sessions": [{"no": "id"}]}), '"sessions"'),
        (json.dumps({"format": "hearthside-export", "version": 2, "follow_ups": "x"}), '"follow_ups"'),
        (json.dumps({"format": "hearthside-export", "version": 2, "settings": [1]}), '"settings"'),
    ],
)
def test_a_malformed_or_newer_file_changes_nothing_and_says_why_in_one_line(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], contents: str, why: str
) -> None:
    path = tmp_path / "odd.json"
    path.write_text(contents)
    files = {p: p.read_bytes() for p in history.rglob("*") if p.is_file()}
    status, out, err = run(capsys, "import", str(path))
    assert status == 1 and out == "" and why in err and err.count("\n") == 1 and "Traceback" not in err
    assert {p: p.read_bytes() for p in history.rglob("*") if p.is_file()} == files


def test_markdown_journal_quotes_the_couples_words_literally(history: Path, capsys) -> None:
    FileHistoryStore.open(history).save_session(a_marked_up_session(1))
    status, out, _ = run(capsys, "export", "--format", "markdown")
    assert status == 0 and out.startswith("# Our time together: Maya and Jonah\n")
    assert out.count("\n## ") == SESSIONS + 1
    assert r"\[bold red\]you\[/\] \*really\* \# listened \<3" in out
    assert "### Appreciations" in out


def test_csv_has_one_row_per_session(history: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "sessions.csv"
    assert run(capsys, "export", "--format", "csv", "-o", str(path))[0] == 0
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    summaries = FileHistoryStore.open_read_only(history).session_summaries()
    assert [row["id"] for row in rows] == [item["id"] for item in summaries]
    assert {row["partner_a"] for row in rows} == {"Maya"} and all(row["status"] for row in rows)


# -- forget ------------------------------------------------------------------------------------------
def test_forget_one_asks_for_the_word_and_backs_up_first(
    history: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = FileHistoryStore.open_read_only(history).session_summaries()[3]["id"]
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    assert run(capsys, "forget", victim[:10])[0] == 2
    assert FileHistoryStore.open_read_only(history).session(victim) is not None
    monkeypatch.setattr("builtins.input", lambda prompt: "forget")
    status, out, _ = run(capsys, "forget", victim[:10])
    assert status == 0 and "Forgot 1 session. A backup from just before is in " in out
    backup = Path(out.split(" is in ")[1].strip().rstrip("."))
    assert backup.is_dir() and "before-forget" in backup.name
    assert FileHistoryStore.open_read_only(history).session(victim) is None


def test_forget_refuses_without_a_terminal_or_yes(history: Path, capsys) -> None:
    status, _, err = run(capsys, "forget", "--all")  # pytest's stdin is not a terminal
    assert status == 2 and "--yes" in err
    assert len(FileHistoryStore.open_read_only(history).session_summaries()) == SESSIONS
    assert run(capsys, "forget")[0] == 2 and run(capsys, "forget", "abcdefgh", "--no-backup")[0] == 2


def test_forget_all_leaves_files_stock_tinydb_reads_and_a_backup(history: Path, capsys) -> None:
    status, out, _ = run(capsys, "forget", "--all", "--yes")
    assert status == 0 and "Forgot 30 sessions" in out and "A backup is in" in out
    for path in [history / "history.json", *(history / "years").glob("*.json")]:
        with TinyDB(path) as database:
            assert all(not database.table(name).all() for name in database.tables() if name != "_meta"), path
    assert run(capsys, "history")[1] == "No sessions here yet.\n"
    assert FileHistoryStore.open(history).backups()


def test_forget_all_without_backup_erases_the_backups_too(history: Path, capsys) -> None:
    assert FileHistoryStore.open_read_only(history).backups()
    status, out, _ = run(capsys, "forget", "--all", "--yes", "--no-backup")
    assert status == 0 and "no backup is left" in out
    assert not any((history / "backups").iterdir())
    words = b"".join(path.read_bytes() for path in history.rglob("*.json"))
    assert b"Maya" not in words and b'"text"' not in words
