"""A private OpenSSH server on 127.0.0.1 (never the system service) and a byte-counting TCP relay in
front of it, so the harness can count what a session sends over the wire."""

from __future__ import annotations

import contextlib
import getpass
import shlex
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path

SSHD = Path("/usr/sbin/sshd")


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ByteRelay:
    """Listens on a port and relays each connection to `target_port`, counting bytes and reads each way
    (on loopback one read is nearly always one TCP segment: one SSH packet, or a few sent together)."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.to_client = 0
        self.to_server = 0
        self.reads_to_client = 0
        self.reads_to_server = 0
        self.sizes_to_client: list[int] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = self._listener.accept()
                server = socket.create_connection(("127.0.0.1", self.target_port))
                threading.Thread(target=self._pipe, args=(client, server, "to_server"), daemon=True).start()
                threading.Thread(target=self._pipe, args=(server, client, "to_client"), daemon=True).start()

    def _pipe(self, source: socket.socket, target: socket.socket, counter: str) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                setattr(self, counter, getattr(self, counter) + len(data))
                setattr(self, f"reads_{counter}", getattr(self, f"reads_{counter}") + 1)
                if counter == "to_client" and len(self.sizes_to_client) < 10_000:
                    self.sizes_to_client.append(len(data))
                target.sendall(data)
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        """Stop accepting connections."""
        self._listener.close()


class LoopbackSshd:
    """`sshd -D -e -f CONFIG` on a free loopback port, with a host key and a client key made in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.key = folder / "client_key"
        self.process: subprocess.Popen[bytes] | None = None

    @staticmethod
    def why_not() -> str | None:
        """Why a loopback sshd cannot run here, or None when it can."""
        if not SSHD.exists():
            return "no /usr/sbin/sshd (apt-get install openssh-server)"
        if shutil.which("ssh") is None or shutil.which("ssh-keygen") is None:
            return "no ssh client"
        return None

    def start(self) -> None:
        """Make the keys and the config, start sshd and wait until it listens."""
        self.folder.mkdir(parents=True, exist_ok=True)
        host_key = self.folder / "host_key"
        for key in (host_key, self.key):
            if not key.exists():
                subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        authorized = self.folder / "authorized_keys"
        authorized.write_text(Path(f"{self.key}.pub").read_text())
        config = self.folder / "sshd_config"
        config.write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nAuthorizedKeysFile {authorized}\n"
            f"PidFile {self.folder / 'sshd.pid'}\nStrictModes no\nUsePAM no\nPermitRootLogin yes\n"
            "PasswordAuthentication no\nPermitUserEnvironment no\nLogLevel ERROR\n"  # Compression: the default
        )
        Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege-separation directory
        log = (self.folder / "sshd.log").open("wb")
        self.process = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(config)], stderr=log, stdout=log)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return
            time.sleep(0.05)
        raise RuntimeError(f"sshd did not listen on {self.port}: {(self.folder / 'sshd.log').read_text()}")

    def client_argv(
        self, port: int, command: list[str], environment: dict[str, str], cwd: Path, options: Sequence[str] = ()
    ) -> list[str]:
        """`ssh -tt` to `port` (the relay in front of sshd) running `command` in `cwd` with `environment`;
        `options` go before the others (the first given wins in ssh), for example `-C`."""
        assignments = " ".join(f"{name}={shlex.quote(value)}" for name, value in environment.items())
        remote = f"cd {shlex.quote(str(cwd))} && exec env {assignments} {shlex.join(command)}"
        return [
            "ssh", *options, "-tt", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR", "-o", "Compression=no", "-i", str(self.key), "-p", str(port),
            f"{getpass.getuser()}@127.0.0.1", remote,
        ]  # fmt: skip

    def stop(self) -> None:
        """Stop this sshd (only the one started here)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)
