"""Who has a history open (the presence lock), the shared session's private socket, and what a second
Hearthside says when the history is open elsewhere: in a plain terminal, or in shared mode."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from tui import cli, shared_mode
from tui.store import FileHistoryStore
from tui.store.doctor import run_doctor
from tui.store.presence import (
    OpenElsewhere,
    Presence,
    claim_presence,
    open_elsewhere,
    shared_socket_path,
    since_words,
)


def test_a_second_claim_sees_the_first_holder_until_it_lets_go(tmp_path: Path) -> None:
    first = claim_presence(tmp_path, shared_socket="/somewhere/tmux")
    assert isinstance(first, Presence)
    second = claim_presence(tmp_path)
    assert isinstance(second, OpenElsewhere)
    assert second.pid == os.getpid() and second.shared and second.shared_socket == "/somewhere/tmux"
    assert f"process {os.getpid()} on this computer, since " in second.who
    first.release()
    assert open_elsewhere(tmp_path) is None
    again = claim_presence(tmp_path)
    assert isinstance(again, Presence)
    again.release()


def test_a_holder_whose_record_cannot_be_read_is_still_a_holder(tmp_path: Path) -> None:
    first = claim_presence(tmp_path)
    assert isinstance(first, Presence)
    (tmp_path / "open.lock").write_text("not json", encoding="utf-8")
    try:
        holder = open_elsewhere(tmp_path)
        assert holder == OpenElsewhere(pid=None, host="", since="", shared_socket="")
        assert holder.who == "a process on this computer" and not holder.shared
    finally:
        first.release()


def test_since_words_show_the_date_only_for_another_day() -> None:
    assert since_words("2001-02-03T04:05:00+00:00").startswith("since 2001-02-0")
    assert since_words("garbled") == ""


def test_the_socket_sits_in_a_private_folder_of_the_data_folder(tmp_path: Path) -> None:
    socket = shared_socket_path(tmp_path / "data")
    assert socket == (tmp_path / "data" / "shared" / "tmux").resolve()
    assert stat.S_IMODE(os.stat(socket.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "data").st_mode) == 0o700


def test_a_data_folder_too_deep_for_a_socket_gets_one_named_by_its_hash(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    socket = shared_socket_path(deep)
    assert len(os.fsencode(socket)) < 108 and deep.name not in str(socket)
    assert stat.S_IMODE(os.stat(socket.parent).st_mode) == 0o700
    assert shared_socket_path(deep) == socket
    assert shared_socket_path(tmp_path / ("d" * 60) / ("f" * 60)) != socket  # another couple's folder


def test_a_linked_socket_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir(mode=0o700)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "data" / "shared").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OSError, match="not a folder of this user's"):
        shared_socket_path(tmp_path / "data")


def test_two_data_folders_never_share_a_session(tmp_path: Path) -> None:
    ours, theirs = shared_mode.shared_place(tmp_path / "a"), shared_mode.shared_place(tmp_path / "b")
    assert ours.socket != theirs.socket and ours.name != theirs.name
    assert ours == shared_mode.shared_place(tmp_path / "a")


@pytest.mark.parametrize(
    ("environ", "term"),
    [
        ({"TERM": "xterm-256color"}, "screen-256color"),
        ({"TERM": "xterm", "COLORTERM": "truecolor"}, "screen-256color"),
        ({"TERM": "xterm"}, "screen"),
        ({"TERM": "linux"}, "screen"),
    ],
)
def test_the_app_in_tmux_gets_as_many_colours_as_the_first_login(environ: dict[str, str], term: str) -> None:
    assert shared_mode.pane_terminal(environ) == term


def test_a_missing_tmux_is_said_in_one_line_with_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(shared_mode.shutil, "which", lambda name: None)
    assert cli.main(["--data-dir", str(tmp_path), "--shared"]) == 1
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and "apt-get install tmux" in said


def test_the_session_gets_the_command_line_as_typed_with_the_script_path_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.toml").write_text("", encoding="utf-8")
    typed = ["run", "mine.toml", "--partners", "Maya,Jonah", "--shared"]
    args = cli.build_parser().parse_args(typed)
    args.argv = typed
    assert args.run_shared
    assert cli.inner_arguments(args) == ["run", str(tmp_path / "mine.toml"), "--partners", "Maya,Jonah"]
    args = cli.build_parser().parse_args(["--shared"])
    args.argv = ["--shared"]
    assert cli.inner_arguments(args) == []
    typed = ["--shared", "run", "ten-minutes-each"]  # an id, not a path: as typed
    args = cli.build_parser().parse_args(typed)
    args.argv = typed
    assert cli.inner_arguments(args) == ["run", "ten-minutes-each"]


def test_a_plain_second_instance_says_who_has_the_history_and_starts_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = claim_presence(tmp_path)
    assert isinstance(holder, Presence)
    try:
        assert cli.main(["--data-dir", str(tmp_path)]) == 1
        said = capsys.readouterr().err
        assert f"already open on the history in {tmp_path} (process {os.getpid()}" in said
        assert "start both with `hearthside --shared`" in said
        assert cli.main(["--data-dir", str(tmp_path), "--shared"]) == 1  # nor joins a plain one
        assert "in a terminal of its own" in capsys.readouterr().err
    finally:
        holder.release()


def test_a_second_instance_without_a_terminal_is_told_how_to_join_a_shared_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli.sys.stdin, "isatty", lambda: False, raising=False)
    holder = claim_presence(tmp_path, shared_socket=str(tmp_path / "shared" / "tmux"))
    assert isinstance(holder, Presence)
    try:
        assert cli.main(["--data-dir", str(tmp_path)]) == 1
    finally:
        holder.release()
    said = capsys.readouterr().err
    assert "already open on this history in shared mode" in said and "`hearthside --shared`" in said


def test_doctor_says_whether_a_hearthside_has_the_history_open(tmp_path: Path) -> None:
    FileHistoryStore.open(tmp_path)
    out = io.StringIO()
    run_doctor(tmp_path, out)
    assert "ok       no Hearthside has this history open now" in out.getvalue()
    holder = claim_presence(tmp_path, shared_socket="/x/tmux")
    assert isinstance(holder, Presence)
    try:
        out = io.StringIO()
        assert run_doctor(tmp_path, out) == 0  # a note, not a problem
    finally:
        holder.release()
    assert (
        f"note     Hearthside is open on this history now in shared mode (process {os.getpid()}"
        in out.getvalue()
    )
