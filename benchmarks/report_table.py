"""The benchmark's report: each figure with an empty history and the large one, the ratio, the budget."""

from __future__ import annotations

import math
from typing import Any

KB, MB = 1_000, 1_000_000
LINEAR_EXPONENT = 1.25  # a cost growing slower than size**1.25 (a least-squares fit, log against log) is linear
NOISE_MS = 50.0  # costs below this are within what other work on a shared machine changes from run to run


def ratio(empty: float, large: float) -> str:
    """`large / empty`, as 1.07x."""
    return f"{large / empty:.2f}x" if empty else "-"


def verdict(ok: bool | None) -> str:
    """The budget column's word (None: the figures cannot tell)."""
    return "?" if ok is None else "ok" if ok else "OVER"


def linear(exponent: float) -> bool | None:
    """Whether a growth exponent is linear; None when it could not be measured."""
    return None if math.isnan(exponent) else exponent <= LINEAR_EXPONENT


def row(name: str, empty: str, large: str, times: str, budget: str, ok: str) -> str:
    """One aligned line of the table."""
    return f"  {name:42} {empty:>11} {large:>11} {times:>7}  {budget:14} {ok}"


def written(figures: dict[str, Any]) -> float:
    """Bytes written, the larger of what went to write calls (wchar) and to the disk (write_bytes)."""
    return max(figures["wchar"], figures["write_bytes"])


def written_total(figures: dict[str, Any]) -> float:
    """Total bytes written over every call, as `written`."""
    return max(figures["wchar_total"], figures["write_bytes_total"])


def print_report(figures: dict[str, Any]) -> None:
    """Print the main table, the import/doctor scaling table and the load average."""
    sessions = figures["sessions"]
    app, doctor, store = figures["app"], figures["doctor"], figures["store"]
    e_app, l_app = app["empty"], app["large"]
    e_st, l_st = store["empty"], store["large"]
    print(f"\nHearthside with {sessions:,} sessions against an empty history (same run; medians)")
    print(row("figure", "empty", f"{sessions:,}", "ratio", "budget", ""))
    home_ratio = l_app["complete_s"] / e_app["complete_s"]
    memory_ratio = l_app["peak_rss"] / e_app["peak_rss"]
    lines = [
        row("app start: home on screen (ms)", f"{e_app['painted_s'] * 1000:.0f}", f"{l_app['painted_s'] * 1000:.0f}", ratio(e_app["painted_s"], l_app["painted_s"]), "", ""),
        row("app start: home complete (ms)", f"{e_app['complete_s'] * 1000:.0f}", f"{l_app['complete_s'] * 1000:.0f}", ratio(e_app["complete_s"], l_app["complete_s"]), "<= 1.2x", verdict(home_ratio <= 1.2)),
        row("memory at home: peak RSS (MB)", f"{e_app['peak_rss'] / MB:.0f}", f"{l_app['peak_rss'] / MB:.0f}", ratio(e_app["peak_rss"], l_app["peak_rss"]), "<= 1.5x", verdict(memory_ratio <= 1.5)),
        row("checkpoint write (ms)", f"{e_st['checkpoint']['ms']:.1f}", f"{l_st['checkpoint']['ms']:.1f}", ratio(e_st["checkpoint"]["ms"], l_st["checkpoint"]["ms"]), "< 20 ms", verdict(l_st["checkpoint"]["ms"] < 20)),
        row("checkpoint write: bytes written (KB)", f"{written(e_st['checkpoint']) / KB:.0f}", f"{written(l_st['checkpoint']) / KB:.0f}", ratio(written(e_st["checkpoint"]), written(l_st["checkpoint"])), "<= 100 KB", verdict(written(l_st["checkpoint"]) <= 100 * KB)),
        row("finished session saved (ms)", f"{e_st['session']['ms']:.1f}", f"{l_st['session']['ms']:.1f}", ratio(e_st["session"]["ms"], l_st["session"]["ms"]), "< 100 ms", verdict(l_st["session"]["ms"] < 100)),
        row("finished session saved: written (KB)", f"{written(e_st['session']) / KB:.0f}", f"{written(l_st['session']) / KB:.0f}", ratio(written(e_st["session"]), written(l_st["session"])), "", ""),
        row("ten-minute turn, 40 checkpoints (MB)", f"{written_total(e_st['turn']) / MB:.2f}", f"{written_total(l_st['turn']) / MB:.1f}", ratio(written_total(e_st["turn"]), written_total(l_st["turn"])), "<= 1 MB", verdict(written_total(l_st["turn"]) <= MB)),
        row("ten-minute turn, 40 checkpoints (ms)", f"{e_st['turn']['ms_total']:.0f}", f"{l_st['turn']['ms_total']:.0f}", ratio(e_st["turn"]["ms_total"], l_st["turn"]["ms_total"]), "", ""),
        row("settings saved (ms)", f"{e_st['settings']['ms']:.1f}", f"{l_st['settings']['ms']:.1f}", ratio(e_st["settings"]["ms"], l_st["settings"]["ms"]), "", ""),
        row("open the store, no backup due (ms)", f"{e_st['open']['ms']:.0f}", f"{l_st['open']['ms']:.0f}", ratio(e_st["open"]["ms"], l_st["open"]["ms"]), "", ""),
        row("open the store, daily backup due (ms)", f"{e_st['open_with_backup']['ms']:.0f}", f"{l_st['open_with_backup']['ms']:.0f}", ratio(e_st["open_with_backup"]["ms"], l_st["open_with_backup"]["ms"]), "", ""),
        row("  ... its backup: bytes written (MB)", f"{written(e_st['open_with_backup']) / MB:.2f}", f"{written(l_st['open_with_backup']) / MB:.1f}", "", "", ""),
        row("doctor, the whole command (ms)", f"{doctor['empty']['ms']:.0f}", f"{doctor['large']['ms']:.0f}", ratio(doctor["empty"]["ms"], doctor["large"]["ms"]), "", ""),
        row("doctor, its own work (ms)", f"{doctor['empty']['work_ms']:.0f}", f"{doctor['large']['work_ms']:.0f}", ratio(doctor["empty"]["work_ms"], doctor["large"]["work_ms"]), "linear", verdict(linear(figures["doctor_exponent"]))),
        row(f"import of {figures['imports'][-1]['sessions']:,} sessions (ms)", "", f"{figures['imports'][-1]['import']['ms']:.0f}", "", "linear", verdict(linear(figures["import_exponent"]))),
        row("doctor: peak RSS (MB)", f"{doctor['empty']['peak_rss'] / MB:.0f}", f"{doctor['large']['peak_rss'] / MB:.0f}", ratio(doctor["empty"]["peak_rss"], doctor["large"]["peak_rss"]), "", ""),
    ]
    print("\n".join(lines))
    print(f"  (one checkpoint is {e_st['checkpoint_bytes']:,} bytes of JSON, a new session {l_st['session_bytes']:,.0f};"
          " bytes written are the larger of wchar and write_bytes from /proc/self/io)")
    print(f"  doctor says: empty \"{doctor['empty']['last_line']}\" (exit {doctor['empty']['exit']}); "
          f"large \"{doctor['large']['last_line']}\" (exit {doctor['large']['exit']})")
    print_growth(figures)
    print(f"\nLoad average {figures['load_before']:.2f} before, {figures['load_after']:.2f} after; "
          f"{figures['seconds']:.0f} s in all. The large history: {figures['large_dir']}")


def growth_words(name: str, exponent: float, how: str) -> str:
    """The line judging one growth: its exponent, how it was measured, linear or not."""
    shape = f"too small to tell (under {NOISE_MS:.0f} ms)" if math.isnan(exponent) else "linear" if exponent <= LINEAR_EXPONENT else "faster than linear"
    growth = "?" if math.isnan(exponent) else f"{exponent:.2f}"
    return f"  {name} grows as size^{growth} ({how}): {shape} (budget: linear, exponent <= {LINEAR_EXPONENT})"


def print_growth(figures: dict[str, Any]) -> None:
    """The import table and the doctor table, each with how its growth was judged."""
    print("\nImport into an empty folder (one import_sessions call)")
    print(f"  {'sessions':>9} {'import ms':>10} {'ms/1,000':>9}")
    for item in figures["imports"]:
        count, done = item["sessions"], item["import"]
        print(f"  {count:>9,} {done['ms']:>10.0f} {done['ms'] * 1000 / count:>9.0f}")
    print(growth_words("import", figures["import_exponent"], "least-squares fit of log ms on log size, sizes above 50 ms"))
    runs = figures["doctor_growth"]
    print("\nDoctor on realistic histories made alike: the same generator, sessions a year, imports in batches, ten daily backups")
    print(f"  {'sessions':>9} {'years':>6} {'whole ms':>9} {'start-up':>9} {'work ms':>8} {'best':>6} {'best/1,000':>11} {'peak MB':>8}")
    for item in runs:
        print(
            f"  {item['sessions']:>9,} {item['years']:>6.2f} {item['ms']:>9.0f} {item['startup_ms']:>9.0f} {item['work_ms']:>8.0f} "
            f"{item['work_best']:>6.0f} {item['work_best'] * 1000 / item['sessions']:>11.1f} {item['peak_rss'] / MB:>8.0f}"
        )
    below = sum(1 for item in runs if item["work_best"] < NOISE_MS)
    how = (
        f"least-squares fit of log ms on log size over {len(runs) - below} sizes, on the best of "
        "doctor's own work, timed inside its process so Python's start-up is left out"
    )
    if below:
        how += f"; {below} size(s) under {NOISE_MS:.0f} ms left out"
    print(growth_words("doctor", figures["doctor_exponent"], how))
