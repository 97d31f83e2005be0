"""Odd entries in a scripts folder on the command line: each is named with what to do, never a hang,
a traceback, a silent skip or "All good"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import REPO
from cli_support import hearthside as run_hearthside

DECK = '[deck]\nid = "ours"\ntitle = "Ours"\n\n[[questions]]\ntext = "What made you smile?"\n'


def hearthside(config_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The real command (a hang fails through the subprocess timeout); never a traceback."""
    result = run_hearthside(config_dir, *arguments)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def hearthside_as_a_plain_user(config_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The real command without the powers of root, so that file permissions apply as for a couple."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be tried")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "tui", *arguments],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "HEARTHSIDE_CONFIG_DIR": str(config_dir), "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def sessions_folder(config_dir: Path) -> Path:
    folder = config_dir / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_check_of_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    result = hearthside(tmp_path / "config", "scripts", "check", str(fifo))
    assert result.returncode == 2
    assert f"{fifo}: is a named pipe (FIFO), not a file" in result.stderr


def test_list_and_check_name_fifos_loops_and_dangling_links_instead_of_skipping_them(tmp_path: Path) -> None:
    folder = sessions_folder(tmp_path)
    os.mkfifo(folder / "pipe.toml")
    (folder / "loop.toml").symlink_to(folder / "loop.toml")
    (folder / "gone.toml").symlink_to(tmp_path / "unmounted" / "gone.toml")
    decks = folder / "decks"
    decks.mkdir()
    os.mkfifo(decks / "pipe.toml")
    listing = hearthside(tmp_path, "scripts", "list")
    check = hearthside(tmp_path, "scripts", "check")
    for result in (listing, check):
        assert result.returncode == 2
        assert "All good" not in result.stdout + result.stderr
        assert f"{folder / 'pipe.toml'}: is a named pipe (FIFO), not a file" in result.stderr
        assert f"{decks / 'pipe.toml'}: is a named pipe (FIFO), not a file" in result.stderr
        assert f"{folder / 'loop.toml'}: is a symbolic link that leads back to itself" in result.stderr
        missing = tmp_path / "unmounted" / "gone.toml"
        assert f"{folder / 'gone.toml'}: is a link to {missing}, which does not exist" in result.stderr


def test_an_unreadable_decks_folder_is_named_with_what_to_do(tmp_path: Path) -> None:
    decks = sessions_folder(tmp_path) / "decks"
    decks.mkdir()
    (decks / "ours.toml").write_text(DECK, encoding="utf-8")
    tmp_path.chmod(0o755)
    try:
        for mode in (0o000, 0o644, 0o311):  # nothing, names without entry, entry without names
            decks.chmod(mode)
            for arguments in (("scripts", "list"), ("scripts", "check")):
                result = hearthside_as_a_plain_user(tmp_path, *arguments)
                assert result.returncode == 2, (oct(mode), result.stderr)
                assert "All good" not in result.stdout
                assert f"{decks}: this folder cannot be read (permission denied)" in result.stderr
                assert f"chmod u+rx '{decks}'" in result.stderr
            checked = hearthside_as_a_plain_user(tmp_path, "scripts", "check", str(decks))
            assert checked.stderr.splitlines()[0].startswith(f"{decks}: this folder cannot be read")
            assert checked.stderr.splitlines()[1] == "1 problem found."  # not again for decks/decks
        decks.chmod(0o644)
        result = hearthside_as_a_plain_user(tmp_path, "scripts", "check", str(decks / "ours.toml"))
        assert f"{decks / 'ours.toml'}: cannot be read: its folder cannot be opened" in result.stderr
        assert f"chmod u+rx '{decks}'" in result.stderr
    finally:
        decks.chmod(0o755)


def test_unreadable_files_and_sessions_folder_are_named(tmp_path: Path) -> None:
    folder = sessions_folder(tmp_path)
    secret = folder / "secret.toml"
    secret.write_text(DECK, encoding="utf-8")
    secret.chmod(0o000)
    tmp_path.chmod(0o755)
    try:
        result = hearthside_as_a_plain_user(tmp_path, "scripts", "check")
        assert result.returncode == 2
        assert f"{secret}: cannot be read: permission denied" in result.stderr
        assert f"chmod u+r '{secret}'" in result.stderr
        folder.chmod(0o000)
        result = hearthside_as_a_plain_user(tmp_path, "scripts", "list")
        assert result.returncode == 2
        assert f"{folder}: this folder cannot be read (permission denied)" in result.stderr
        checked = hearthside_as_a_plain_user(tmp_path, "scripts", "check", str(folder))
        assert checked.returncode == 2
        assert f"{folder}: this folder cannot be read (permission denied)" in checked.stderr
    finally:
        folder.chmod(0o755)
        secret.chmod(0o644)


def test_the_size_message_says_the_real_size(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"# " + b"x" * 1_234_565 + b"\n")
    result = hearthside(tmp_path / "config", "scripts", "check", str(big))
    assert result.returncode == 2
    assert f"{big}: the file is 1,234,568 bytes" in result.stderr
    assert "1,000,001" not in result.stderr


def test_a_deeply_nested_key_in_the_couples_folder_does_not_block_the_list(tmp_path: Path) -> None:
    deep = sessions_folder(tmp_path) / "deep.toml"
    deep.write_text('[script]\nid = "deep"\nextra.' + ".".join(["a"] * 300_000) + " = 1\n", encoding="utf-8")
    result = hearthside(tmp_path, "scripts", "list")
    assert result.returncode == 2
    assert f"{deep}: nests deeper than 32 levels" in result.stderr
    assert "(line 3)" in result.stderr
