"""A throwaway OpenSSH server for the end-to-end tests: `/usr/sbin/sshd -D -e` on 127.0.0.1 and a free
port, with a host key, a client key and `authorized_keys` made in a temp folder. Never the system service;
stopped at the end of the test."""

from __future__ import annotations

import contextlib
import getpass
import os
import shlex
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from e2e.terminal_support import DEADLINE_SECONDS, POLL_SECONDS, need

SSHD = "/usr/sbin/sshd"
INSTALL_SSH = "apt-get install openssh-server openssh-client"
CONFIG = """\
Port {port}
ListenAddress 127.0.0.1
HostKey {folder}/host_key
AuthorizedKeysFile {folder}/authorized_keys
PidFile {folder}/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
AcceptEnv LANG LC_* COLORTERM
PrintMotd no
PrintLastLog no
"""


@dataclass(frozen=True)
class SshServer:
    """Where the test server listens and the key that logs in to it."""

    port: int
    key: Path
    user: str

    def login(self, remote_command: list[str]) -> list[str]:
        """The `ssh -tt` command line that logs in and runs `remote_command` under a terminal."""
        return [
            need("ssh", INSTALL_SSH), "-tt", "-i", str(self.key), "-p", str(self.port),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
            "-o", "LogLevel=ERROR", "-o", "SendEnv=COLORTERM",
            f"{self.user}@127.0.0.1", shlex.join(remote_command),
        ]  # fmt: skip


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on just now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    """Whether something accepts connections on the port."""
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def ssh_server(tmp_path: Path) -> Iterator[SshServer]:
    """A private sshd for this test only (its own keys and config, in the foreground), killed at the end."""
    sshd = need("sshd", INSTALL_SSH, SSHD)
    keygen = need("ssh-keygen", INSTALL_SSH)
    folder = tmp_path / "sshd"
    folder.mkdir()
    for name in ("host_key", "client_key"):
        subprocess.run([keygen, "-q", "-N", "", "-t", "ed25519", "-f", str(folder / name)], check=True)
    client_key = (folder / "client_key.pub").read_text(encoding="utf-8")
    (folder / "authorized_keys").write_text(f"restrict,pty {client_key}", encoding="utf-8")
    port = free_port()
    (folder / "sshd_config").write_text(CONFIG.format(port=port, folder=folder), encoding="utf-8")
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation folder
    server = subprocess.Popen(
        [sshd, "-D", "-e", "-f", str(folder / "sshd_config")],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=(folder / "sshd.log").open("wb"),
    )  # fmt: skip
    try:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while not listening(port):
            if server.poll() is not None or time.monotonic() > deadline:
                log = (folder / "sshd.log").read_text(errors="replace")
                pytest.fail(f"the test's sshd did not start: {log}")
            time.sleep(POLL_SECONDS)
        yield SshServer(port, folder / "client_key", getpass.getuser())
    finally:
        logins = children_of(server.pid)  # each login's own sshd, in case a test failed mid-login
        server.terminate()
        for pid in logins:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def children_of(parent: int) -> list[int]:
    """The pids of the processes whose parent is `parent` (read from /proc)."""
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent:
                found.append(int(stat_file.parent.name))
    return found
