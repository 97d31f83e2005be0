"""Real processes and threads: SIGKILL at random moments, and writers racing; nothing corrupt or lost."""

from __future__ import annotations

import os
import random
import signal
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from store_support import follow_up, session_record, snapshot_of, year_documents
from tinydb import TinyDB

from tui.store import FileHistoryStore, StoreBusy
from tui.store.files import leftover_temp_files

STRESS = float(os.environ.get("HEARTHSIDE_STRESS", "1"))  # e.g. 4 for a longer hunt before a release
KILLS = round(120 * STRESS)
RACE_SAVES_PER_PROCESS = round(200 * STRESS)
THREADS, SAVES_PER_THREAD = 4, round(60 * STRESS)


def run_forked(work: Callable[[], None]) -> int:
    """Run `work` in a forked child that never returns into pytest; returns the child's pid."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            work()
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    return pid


BUSY_RETRIES = [0]


def until_done(save: Callable[[dict], object], record: dict) -> None:
    """Save as the app does: on StoreBusy, say "saving..." and try again; a record is never dropped."""
    while True:
        try:
            save(record)
            return
        except StoreBusy:
            BUSY_RETRIES[0] += 1


def save_until_done(store: FileHistoryStore, record: dict) -> None:
    """`until_done` for a session."""
    until_done(store.save_session, record)


def stock_tinydb_session_ids(path: Path) -> list[str]:
    """The session ids as stock TinyDB reads them from every year file (read-only mode: it never writes)."""
    ids: list[str] = []
    for year_file in sorted((path.parent / "years").glob("*.json")):
        if not year_file.name.endswith(".index.json"):
            with TinyDB(year_file, access_mode="r") as stock:
                ids += [document["id"] for document in stock.table("sessions").all()]
    return ids


def history_files_parse(data_dir: Path) -> bool:
    """Whether the live file and every year and index file parse as JSON."""
    try:
        for path in [data_dir / "history.json", *sorted((data_dir / "years").glob("*.json"))]:
            orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError:
        return False
    return True


def read_lines(descriptor: int) -> list[str]:
    """Everything a child wrote to a pipe, as lines."""
    chunks = []
    while chunk := os.read(descriptor, 65536):
        chunks.append(chunk)
    os.close(descriptor)
    return b"".join(chunks).decode().split()


@pytest.mark.slow
def test_sigkill_at_random_moments_never_corrupts_or_loses_an_acknowledged_save(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    seed_records = [session_record(index) for index in range(250)]  # ~480 KB, so writes take a while
    FileHistoryStore.open(data_dir).import_sessions(seed_records)
    acknowledged = {record["id"] for record in seed_records}
    rng = random.Random(20260314)
    torn_writes = corruptions = 0

    def writer(ack: int) -> None:
        store = FileHistoryStore.open(data_dir, save_timeout=30)
        for index in range(10**6):
            record = session_record(index, follow_ups=[follow_up()])
            store.save_checkpoint(snapshot_of(record))
            store.save_session(record)
            os.write(ack, f"{record['id']}\n".encode())  # only after save_session returned

    for _ in range(KILLS):
        read_end, write_end = os.pipe()
        pid = run_forked(lambda write_end=write_end: writer(write_end))
        os.close(write_end)
        time.sleep(rng.uniform(0.0, 0.3))  # a v3 save writes up to four files: give it time under load
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        acknowledged.update(read_lines(read_end))
        torn_writes += bool(
            leftover_temp_files(data_dir) + leftover_temp_files(data_dir / "years") + leftover_temp_files(data_dir / "backups")
        )
        if not history_files_parse(data_dir):
            corruptions += 1
            continue
        ids = [document["id"] for _year, _doc_id, document in year_documents(data_dir)]
        assert acknowledged <= set(ids), "an acknowledged save vanished"
        assert len(ids) == len(set(ids)), "a session was stored twice"
    stock_ids = stock_tinydb_session_ids(data_dir / "history.json")
    print(
        f"\nkill fuzz: {KILLS} kills, {len(acknowledged) - len(seed_records)} acknowledged saves, "
        f"{torn_writes} kills left a half-written temp file, {corruptions} corrupt files"
    )
    assert corruptions == 0
    assert acknowledged <= set(stock_ids)
    assert len(acknowledged) - len(seed_records) > KILLS // 4, (
        "the writer rarely got to save; the test is weak"
    )
    assert torn_writes > 0, "no kill landed inside a write; the test is weak"
    store = FileHistoryStore.open(data_dir)  # cleans leftovers, completes a change the last kill cut short
    assert leftover_temp_files(data_dir) == []
    completed_ids = stock_tinydb_session_ids(data_dir / "history.json")
    assert set(stock_ids) <= set(completed_ids)
    assert {item["session_id"] for item in store.follow_ups()} <= set(completed_ids)


def racing_ids(writer: int, count: int) -> list[str]:
    """Deterministic session ids for one writer."""
    return [
        str(uuid.uuid5(uuid.NAMESPACE_URL, f"hearthside-race/{writer}/{index}")) for index in range(count)
    ]


def expected_after_race(store: FileHistoryStore, ids: list[str]) -> None:
    """Every id exactly once, each with its one follow-up, and the file readable by stock TinyDB."""
    stored_ids = stock_tinydb_session_ids(store.path)
    assert sorted(stored_ids) == sorted(ids), "a save was lost or duplicated"
    follow_up_sessions = [item["session_id"] for item in store.follow_ups()]
    assert sorted(follow_up_sessions) == sorted(ids)
    doc_ids = [(year, doc_id) for year, doc_id, _document in year_documents(store.data_dir)]
    assert len(doc_ids) == len(set(doc_ids)) == len(ids)


@pytest.mark.slow
def test_two_processes_saving_at_once_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    FileHistoryStore.open(data_dir)
    go_read, go_write = os.pipe()

    def writer(number: int) -> None:
        os.read(go_read, 1)  # start together
        store = FileHistoryStore.open(data_dir)
        saved = []
        for index, session_id in enumerate(racing_ids(number, RACE_SAVES_PER_PROCESS)):
            record = session_record(index, id=session_id, follow_ups=[follow_up()])
            save_until_done(store, record)
            saved.append(record)
            if index % 10 == 9:
                save_until_done(store, saved[index // 2])  # saving an earlier one again never duplicates

    pids = [run_forked(lambda number=number: writer(number)) for number in (1, 2)]
    os.write(go_write, b"gg")
    statuses = [os.waitpid(pid, 0)[1] for pid in pids]
    assert [os.waitstatus_to_exitcode(status) for status in statuses] == [0, 0]
    store = FileHistoryStore.open(data_dir)
    expected_after_race(store, racing_ids(1, RACE_SAVES_PER_PROCESS) + racing_ids(2, RACE_SAVES_PER_PROCESS))
    print(
        f"\nprocess race: 2 processes x {RACE_SAVES_PER_PROCESS} saves (+10% re-saves), 0 lost, 0 duplicated"
    )


@pytest.mark.slow
def test_threads_saving_and_reading_at_once_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shared, other = FileHistoryStore.open(data_dir), FileHistoryStore.open(data_dir)  # two stores, as two windows
    barrier = threading.Barrier(THREADS + 1)
    errors: list[BaseException] = []
    reads = 0
    writers_done = threading.Event()

    def writer(number: int) -> None:
        try:
            barrier.wait()
            store = shared if number % 2 else other
            for index, session_id in enumerate(racing_ids(number, SAVES_PER_THREAD)):
                save_until_done(store, session_record(index, id=session_id, follow_ups=[follow_up()]))
                until_done(store.save_checkpoint, snapshot_of(session_record(index)))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    def reader() -> None:
        nonlocal reads
        barrier.wait()
        while not writers_done.is_set():
            shared.sessions()  # raises StoreCorrupt if it ever saw a torn file
            reads += 1

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(THREADS)]
    reading = threading.Thread(target=reader)
    for thread in [*threads, reading]:
        thread.start()
    for thread in threads:
        thread.join()
    writers_done.set()
    reading.join()
    assert errors == []
    expected_after_race(
        shared, [sid for number in range(THREADS) for sid in racing_ids(number, SAVES_PER_THREAD)]
    )
    assert len(shared.sessions()) == THREADS * SAVES_PER_THREAD
    assert reads > 0
    print(
        f"\nthread race: {THREADS} threads x {SAVES_PER_THREAD} saves + checkpoints, {reads} reads, "
        f"{BUSY_RETRIES[0]} StoreBusy retries, 0 lost, 0 duplicated"
    )
