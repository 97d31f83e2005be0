"""A ticking turn over a private loopback sshd, one way of connecting after another: bytes a tick on the
pty and on the wire, SSH packets a tick and what each packet adds. `python -m benchmarks.ssh_ticks`
(`--seconds N`, 60 by default; about a minute and a half a way)."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this tree's `tui` and `benchmarks`, not an installed copy

from benchmarks.loopback_ssh import ByteRelay, LoopbackSshd  # noqa: E402
from benchmarks.pty_probe import PtyProgram  # noqa: E402
from benchmarks.run import PYTHON, WARM_UP_SECONDS, Bench, shows_turn  # noqa: E402

WAYS: dict[str, tuple[list[str], bool]] = {
    "default ssh (the budget's figure)": ([], False),
    "default ssh, a terminal that keeps synchronized output": ([], True),
    "ssh -C (compression)": (["-C"], False),
    "ssh -c aes128-gcm@openssh.com": (["-c", "aes128-gcm@openssh.com"], False),
}
PASSED = ("HEARTHSIDE_DATA_DIR", "HEARTHSIDE_CONFIG_DIR", "HEARTHSIDE_CACHE_DIR", "LANG", "LC_ALL", "TERM")


def measure(bench: Bench, sshd: LoopbackSshd, options: list[str], answers_sync: bool, seconds: float) -> dict[str, float]:
    """A started turn over ssh for `seconds`: what the ssh client wrote to its pty (the app's output)
    and what went over the relay each way, as bytes and reads (on loopback, a read is a packet)."""
    relay = ByteRelay(sshd.port)
    env = bench.env(bench.fresh_data())
    app_argv = [PYTHON, "-m", "tui", "run", str(bench.turn_script), "--partners", "A,B"]
    argv = sshd.client_argv(relay.port, app_argv, {key: env[key] for key in PASSED}, ROOT, options)
    program = PtyProgram(argv, env, ROOT, answers_sync=answers_sync)
    try:
        program.complete_frame(shows_turn)
        program.send("\r")
        warm_up = time.perf_counter() + WARM_UP_SECONDS
        while time.perf_counter() < warm_up:
            program.pump(0.05)
        before = (program.bytes_read, relay.to_client, relay.reads_to_client, relay.to_server)
        started = time.perf_counter()
        while time.perf_counter() < started + seconds:
            program.pump(0.05)
        elapsed = time.perf_counter() - started
        after = (program.bytes_read, relay.to_client, relay.reads_to_client, relay.to_server)
    finally:
        program.stop()
        relay.close()
    pty, wire, packets, upstream = (later - earlier for later, earlier in zip(after, before, strict=True))
    return {
        "pty_per_min": pty * 60 / elapsed,
        "wire_per_min": wire * 60 / elapsed,
        "ratio": wire / pty if pty else 0.0,
        "packets_per_tick": packets / elapsed,  # one tick a second
        "pty_per_tick": pty / elapsed,
        "overhead_per_packet": (wire - pty) / packets if packets else 0.0,
        "upstream_per_min": upstream * 60 / elapsed,
    }


def main(argv: list[str] | None = None) -> None:
    """Measure each way in turn and print a line for it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    arguments = parser.parse_args(argv)
    why_not = LoopbackSshd.why_not()
    if why_not is not None:
        print(f"over ssh: skipped ({why_not})")
        return
    with tempfile.TemporaryDirectory(prefix="hearthside-ssh-") as folder:
        bench = Bench(Path(folder))
        sshd = LoopbackSshd(Path(folder) / "sshd")
        sshd.start()
        try:
            print("| way | pty KB/min | wire KB/min | ratio | pty bytes a tick | packets a tick | bytes a packet adds | client to sshd |")
            print("|---|---|---|---|---|---|---|---|")
            for name, (options, answers_sync) in WAYS.items():
                found = measure(bench, sshd, options, answers_sync, arguments.seconds)
                print(
                    f"| {name} | {found['pty_per_min'] / 1000:.2f} | {found['wire_per_min'] / 1000:.2f} | "
                    f"{found['ratio']:.2f}x | {found['pty_per_tick']:.0f} | {found['packets_per_tick']:.2f} | "
                    f"{found['overhead_per_packet']:.1f} | {found['upstream_per_min']:.0f} B/min |",
                    flush=True,
                )
        finally:
            sshd.stop()


if __name__ == "__main__":
    main()
