"""The real-terminal tests skip where their tools are missing, but never in CI."""

from __future__ import annotations

import pytest

from e2e import terminal_support
from e2e.terminal_support import need


def test_a_missing_tool_skips_with_its_install_command_but_fails_in_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(terminal_support.shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"tmux is not installed \(install it with: apt-get"):
        need("tmux", "apt-get install tmux")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the real-terminal tests"):
        need("tmux", "apt-get install tmux")


def test_a_tool_at_its_known_path_is_found_without_the_search_path(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(terminal_support.shutil, "which", lambda name: None)
    sshd = tmp_path / "sshd"
    sshd.write_text("#!/bin/sh\n", encoding="utf-8")
    sshd.chmod(0o755)
    assert need("sshd", "apt-get install openssh-server", str(sshd)) == str(sshd)
