"""run.py's table: each figure of Hearthside beside the reference's, the ratio, the budget, met or not."""

from __future__ import annotations

from typing import Any

KB, MB = 1_000, 1_000_000
CUE_TOLERANCE = 0.3  # seconds
FIGURE = "{:50} {:>10} {:>10} {:>10} {:>7}  {:16} {}"


def verdict(ok: bool | None) -> str:
    """The last column: ok, OVER, or ? when the figure could not be measured."""
    return "?" if ok is None else "ok" if ok else "OVER"


def times(app: float | None, reference: float | None) -> str:
    """`app / reference` as 1.07x."""
    return f"{app / reference:.2f}x" if app is not None and reference else "-"


def rows(figures: dict[str, Any]) -> list[tuple[str, str, str, str, str, str, str]]:
    """Every row: name, app, bare reference, termdown, ratio, budget, verdict."""
    starts, ticking, store = figures["starts"], figures["ticking"], figures["store"]
    bare_start = starts["bare"]["median"]
    bare, app = ticking["bare"], ticking["app"]
    termdown = ticking.get("termdown")
    ssh = ticking.get("ssh")
    cue = ticking["cue"]
    found = []
    for name, what in (("turn", "start to a turn's first complete frame (s)"), ("home", "start to home's first complete frame (s)")):
        ratio = starts[name]["median"] / bare_start
        found.append((what, f"{starts[name]['median']:.2f}", f"{bare_start:.2f}", "", f"{ratio:.2f}x", "<= 1.2x bare", verdict(ratio <= 1.2)))
        cpu, bare_cpu = starts[name]["cpu"], starts["bare"]["cpu"]
        found.append(("  ... CPU time to that frame (s)", f"{cpu:.2f}", f"{bare_cpu:.2f}", "", times(cpu, bare_cpu), "", ""))
    bare_home = starts.get("bare_home")
    if bare_home is not None:  # Textual's own cost of home's widgets, and Hearthside's beyond it
        found.append(("  bare Textual app with home's widgets (s)", f"{bare_home['median']:.2f}", f"{bare_start:.2f}", "",
                      times(bare_home["median"], bare_start), "", ""))
        found.append(("  home against that app", "", "", "", times(starts["home"]["median"], bare_home["median"]), "", ""))
    app_kb = app["bytes_per_min"] / KB
    found.append((
        "bytes/min while a turn ticks, 256 colours (KB)", f"{app_kb:.1f}", f"{bare['bytes_per_min'] / KB:.1f}",
        f"{termdown['bytes_per_min'] / KB:.1f}" if termdown else "-", times(app["bytes_per_min"], bare["bytes_per_min"]),
        "<= 8 KB", verdict(app_kb <= 8),
    ))  # fmt: skip
    if ssh and "wire_bytes_per_min" in ssh:
        wire = ssh["wire_bytes_per_min"]
        found.append(("  the same over a loopback sshd, on the wire (KB)", f"{wire / KB:.1f}", "", "", times(wire, app["bytes_per_min"]) + " pty", "<= 1.3x pty", verdict(wire <= 1.3 * app["bytes_per_min"])))
    else:
        found.append(("  the same over a loopback sshd, on the wire (KB)", "-", "", "", "-", "<= 1.3x pty", "?"))
    found.append((
        "CPU while a turn ticks (%)", f"{app['cpu_percent']:.2f}", f"{bare['cpu_percent']:.2f}",
        f"{termdown['cpu_percent']:.2f}" if termdown else "-", times(app["cpu_percent"], bare["cpu_percent"]),
        "< 1%", verdict(app["cpu_percent"] < 1),
    ))  # fmt: skip
    rss_ratio = app["peak_rss"] / bare["peak_rss"]
    found.append((
        "peak memory during a turn, RSS (MB)", f"{app['peak_rss'] / MB:.1f}", f"{bare['peak_rss'] / MB:.1f}",
        f"{termdown['peak_rss'] / MB:.1f}" if termdown else "-", f"{rss_ratio:.2f}x", "<= 1.3x bare", verdict(rss_ratio <= 1.3),
    ))  # fmt: skip
    bell = cue["bell_after"]
    late = None if bell is None else bell - cue["seconds"]
    found.append((
        f"a real {cue['seconds']} s turn: the bell after (s)", "-" if bell is None else f"{bell:.2f}", "", "",
        "-" if late is None else f"{late:+.2f} s", f"within {CUE_TOLERANCE} s", verdict(None if late is None else abs(late) <= CUE_TOLERANCE),
    ))  # fmt: skip
    library = store["library"]
    found.append((
        f"load {library['scripts']} scripts, {library['decks']} decks, {library['programs']} program (ms)",
        f"{store['library_ms']:.0f}", "", "", "", "< 50 ms", verdict(store["library_ms"] < 50),
    ))  # fmt: skip
    found.append(("  ... of it, CPU time (ms)", f"{store['library_cpu_ms']:.0f}", "", "", "", "", ""))
    found.append((
        "  ... read from the cache, as a start does (ms)", f"{store['library_cached_ms']:.1f}",
        "", "", "", "< 50 ms", verdict(store["library_cached_ms"] < 50),
    ))  # fmt: skip
    found.append((
        f"save after another process wrote, {store['sessions']:,} (ms)", f"{store['save_after_other_ms']:.0f}",
        "", "", "", "< 150 ms", verdict(store["save_after_other_ms"] < 150),
    ))  # fmt: skip
    return found


def print_table(figures: dict[str, Any]) -> None:
    """The whole table, the notes, the machine and the load."""
    mode = " (quick: shorter windows, fewer starts)" if figures["quick"] else ""
    print(f"\nHearthside against the references, measured in the same run{mode}; 80x24 pty, TERM=xterm-256color")
    print(FIGURE.format("figure", "hearthside", "bare app", "termdown", "ratio", "budget", ""))
    for row in rows(figures):
        print(FIGURE.format(*row))
    for note in figures["ticking"]["notes"]:
        print(f"  note: {note}")
    print(f"  {figures['machine']}")
    print(f"  load average {figures['load_before']:.2f} before, {figures['load_after']:.2f} after; {figures['seconds']:.0f} s in all")
