"""The benchmark's report: each figure with an empty history and the large one, the ratio, the budget."""

from __future__ import annotations

import math
from typing import Any

KB, MB = 1_000, 1_000_000
LINEAR_EXPONENT = 1.25  # a cost growing slower than size**1.25 between the smallest and largest is linear


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
        row("doctor (ms)", f"{doctor['empty']['ms']:.0f}", f"{doctor['large']['ms']:.0f}", ratio(doctor["empty"]["ms"], doctor["large"]["ms"]), "linear", verdict(linear(figures["doctor_exponent"]))),
        row(f"import of {figures['imports'][-1]['sessions']:,} sessions (ms)", "", f"{figures['imports'][-1]['import']['ms']:.0f}", "", "linear", verdict(linear(figures["import_exponent"]))),
        row("doctor: peak RSS (MB)", f"{doctor['empty']['peak_rss'] / MB:.0f}", f"{doctor['large']['peak_rss'] / MB:.0f}", ratio(doctor["empty"]["peak_rss"], doctor["large"]["peak_rss"]), "", ""),
    ]
    print("\n".join(lines))
    print(f"  (one checkpoint is {e_st['checkpoint_bytes']:,} bytes of JSON, a new session {l_st['session_bytes']:,.0f};"
          " bytes written are the larger of wchar and write_bytes from /proc/self/io)")
    print(f"  doctor says: empty \"{doctor['empty']['last_line']}\" (exit {doctor['empty']['exit']}); "
          f"large \"{doctor['large']['last_line']}\" (exit {doctor['large']['exit']})")
    print("\nImport into an empty folder (one import_sessions call), and doctor on the result")
    print(f"  {'sessions':>9} {'import ms':>10} {'ms/session':>11} {'doctor ms':>10} {'best':>6} {'doctor MB':>10}")
    scaled = [*figures["imports"], {"sessions": sessions, "import": None, "doctor": doctor["large"]}]
    for item in scaled:
        count, done, checked = item["sessions"], item["import"], item["doctor"]
        imported = f"{done['ms']:>10.0f} {done['ms'] / count:>11.3f}" if done else f"{'-':>10} {'-':>11}"
        print(f"  {count:>9,} {imported} {checked['ms']:>10.0f} {checked['ms_best']:>6.0f} {checked['peak_rss'] / MB:>10.0f}")
    for name in ("import", "doctor"):
        exponent = figures[f"{name}_exponent"]
        shape = "too small to tell (under 50 ms)" if math.isnan(exponent) else "linear" if exponent <= LINEAR_EXPONENT else "faster than linear"
        extra = " (best time above the empty history's)" if name == "doctor" else ""
        growth = "?" if math.isnan(exponent) else f"{exponent:.2f}"
        print(f"  {name} grows as size^{growth}{extra}: {shape} (budget: linear, exponent <= {LINEAR_EXPONENT})")
    print(f"\nLoad average {figures['load_before']:.2f} before, {figures['load_after']:.2f} after; "
          f"{figures['seconds']:.0f} s in all. The large history: {figures['large_dir']}")
