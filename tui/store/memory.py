"""An in-memory history, used by tests and demos: it keeps nothing once the process ends.

It holds the same files as the v3 layout (the live file, years, indexes) in a dict and changes them through
the same operations (`tui.store.operations`) as `FileHistoryStore`, so what the app sees here is what the
real store would do.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any, TypeVar

import tui.store.history_reads as reads
import tui.store.operations as operations
import tui.store.tables as tables
from tui.core.clock import SystemClock, isoformat
from tui.store.change import Change, MemoryFiles
from tui.store.history_json import Data
from tui.store.layout import LIVE, newest_first
from tui.store.migrate_v3 import complete_files

WALL_CLOCK = SystemClock().now
Result = TypeVar("Result")


class InMemoryStore:
    """The history store's interface kept in a dict; clearly not durable, for tests and screenshots."""

    def __init__(
        self, settings: dict[str, Any] | None = None, *, now: Callable[[], datetime] = WALL_CLOCK
    ) -> None:
        self._lock = threading.Lock()
        self._files = MemoryFiles({LIVE: Change(MemoryFiles()).file(LIVE)})
        self._now = now
        self.warnings: list[str] = []
        if settings:
            document = tables.json_copy(settings, "settings")
            self._change(lambda change: operations.replace_settings(change, document))

    def _change(self, apply: Callable[[Change], Result]) -> Result:
        """Run `apply` on the files and keep what it changed (an error keeps nothing)."""
        with self._lock:
            change = Change(self._files, self._files.load(LIVE))
            result = apply(change)
            self._files.keep(complete_files(change, change.changed_files()))
            return result

    @property
    def _live(self) -> Data:
        return self._files.load(LIVE) or {}

    def _now_iso(self) -> str:
        return isoformat(self._now())

    # -- sessions --------------------------------------------------------------------------------
    def save_session(self, record: dict[str, Any]) -> None:
        """Upsert a finished session by its "id", with its follow-ups and reviews, and drop its checkpoint."""
        document = tables.own_copy(record, "session record")
        self._change(lambda change: operations.save_sessions(change, [document]))

    def keep_unfinished(self, record: dict[str, Any]) -> None:
        """Keep a session the couple left part-way in history, marked abandoned, and drop its checkpoint."""
        document = tables.own_copy(record, "session record")
        tables.mark_unfinished(document, self._now_iso())
        self._change(lambda change: operations.save_sessions(change, [document]))

    def import_sessions(self, records: Iterable[dict[str, Any]]) -> int:
        """Upsert many session records at once; returns how many."""
        documents = [tables.own_copy(record, "session record") for record in records]
        self._change(lambda change: operations.save_sessions(change, documents))
        return len(documents)

    def import_history(
        self,
        records: Iterable[dict[str, Any]],
        follow_ups: Iterable[dict[str, Any]] = (),
        settings: dict[str, Any] | None = None,
    ) -> operations.ImportReport:
        """Bring in an export as `FileHistoryStore.import_history` does (no backup: nothing is durable)."""
        documents = [tables.own_copy(record, "session record") for record in records]
        exported = [tables.own_copy(item, "follow-up") for item in follow_ups]
        wanted = tables.json_copy(settings, "settings") if settings else None

        def bring_in(change: Change) -> tuple[int, int, int, bool]:
            chosen, replaced = operations.new_and_changed(change, documents)
            return (len(chosen) - replaced, replaced, *operations.import_history(change, chosen, exported, wanted))

        added, replaced, follow_ups_added, taken = self._change(bring_in)
        return operations.ImportReport(added, replaced, len(documents) - added - replaced, follow_ups_added, taken)

    def forget_sessions(self, session_ids: Iterable[str]) -> tuple[int, None]:
        """Delete sessions (there is no backup in memory): how many were found, and None."""
        return self.delete_sessions(session_ids), None

    def forget_everything(self, erase_backups: bool = False) -> tuple[int, None]:
        """Empty the whole history (sessions, follow-ups, checkpoints, settings): how many sessions, and None
        (an in-memory store has no backups to keep or erase)."""
        return self._change(operations.forget_everything), None

    def sessions(self) -> list[dict[str, Any]]:
        """Every session kept, newest first (unfinished ones too); copies, the caller's to change."""
        with self._lock:
            return reads.sessions(self._files)

    def session_summaries(self) -> list[dict[str, Any]]:
        """A light line per session, newest first, exactly as the durable store gives it."""
        with self._lock:
            return reads.summaries(self._files)

    def summaries_by_year(self) -> Iterator[list[dict[str, Any]]]:
        """The summaries one year at a time, newest year first."""
        with self._lock:
            years = list(reads.summaries_by_year(self._files))
        yield from years

    def session(self, session_id: str, started_at: str | None = None) -> dict[str, Any] | None:
        """One session by its id (the year of `started_at` is looked in first)."""
        with self._lock:
            return reads.session(self._files, session_id, started_at)

    def session_detail(
        self, session_id: str, started_at: str | None = None
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """One session and the follow-ups it made as they are now, oldest first."""
        with self._lock:
            return reads.session_detail(self._live, self._files, session_id, started_at)

    def search(self, text: str) -> Iterator[list[dict[str, Any]]]:
        """The appreciations, answers, reveal answers and follow-ups holding `text` (any case), one list per
        year, newest year first."""
        with self._lock:
            years = newest_first(self._files.years())
        for year in years:
            with self._lock:
                found = reads.search_year(self._files, year, text)
            yield found

    def prepare_search(self) -> int:
        """Nothing to read ahead in memory: returns 0 years prepared (the file store keeps vocabularies)."""
        return 0

    def questions_seen_since(self, since: str) -> dict[str, list[str]]:
        """Question cards shown (and kept as favourites) in sessions started at or after `since`."""
        with self._lock:
            return reads.questions_seen_since(self._files, since)

    def a_past_appreciation(self, rng: random.Random) -> dict[str, Any] | None:
        """One typed appreciation from the past, chosen with `rng`, or None."""
        with self._lock:
            return reads.a_past_appreciation(self._live, self._files, rng)

    def session_count(self, finished_only: bool = True) -> int:
        """How many sessions: those that count as time made together (finished, ended early), or all."""
        with self._lock:
            return reads.session_count(self._live, finished_only)

    def program_sittings(self, program_id: str) -> int:
        """Time made together in one program."""
        with self._lock:
            return reads.program_sittings(self._live, program_id)

    def last_first_speaker(self) -> str | None:
        """Who spoke first in the most recent session ("a" or "b"), for rotating who starts."""
        with self._lock:
            return reads.last_first_speaker(self._live)

    def delete_session(self, session_id: str) -> bool:
        """Delete one session, its checkpoint and the follow-ups it made; False if it was not there."""
        return self.delete_sessions([session_id]) == 1

    def delete_sessions(self, session_ids: Iterable[str]) -> int:
        """Delete sessions with their checkpoints and follow-ups; returns how many were found."""
        wanted = list(dict.fromkeys(session_ids))
        return self._change(lambda change: operations.delete_sessions(change, wanted))[0]

    # -- follow-ups ------------------------------------------------------------------------------
    def follow_ups(self) -> list[dict[str, Any]]:
        """Every follow-up, oldest first."""
        with self._lock:
            return reads.follow_ups(self._live, self._files)

    def summaries_and_follow_ups_by_year(self) -> Iterator[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]]:
        """Each year's summaries and follow-ups, newest year first (the open follow-ups with the first)."""
        with self._lock:
            years = list(reads.summaries_and_follow_ups_by_year(self._live, self._files))
        yield from years

    def open_follow_ups(self) -> list[dict[str, Any]]:
        """Promises, requests and wishes still open, oldest first."""
        with self._lock:
            return reads.open_follow_ups(self._live)

    def set_follow_up_status(self, follow_up_id: str, status: str) -> None:
        """Mark a follow-up open, kept or let_go; not_yet keeps it open and notes that it was looked at."""
        at = self._now_iso()
        self._change(lambda change: operations.set_follow_up_status(change, follow_up_id, status, at))

    # -- settings --------------------------------------------------------------------------------
    def load_settings(self) -> dict[str, Any]:
        """The saved settings; empty when none yet."""
        with self._lock:
            return tables.detached(tables.settings_of(self._live))

    def save_settings(self, settings: dict[str, Any]) -> None:
        """Replace the saved settings with `settings`."""
        document = tables.json_copy(settings, "settings")
        self._change(lambda change: operations.replace_settings(change, document))

    # -- the in-progress checkpoint ---------------------------------------------------------------
    def save_checkpoint(self, snapshot: dict[str, Any]) -> bool:
        """Upsert a running session's snapshot by its "id"; False (ignored) if it is already in history."""
        document = tables.own_copy(snapshot, "checkpoint")
        return self._change(lambda change: operations.store_checkpoint(change, document))

    def load_checkpoint(self) -> dict[str, Any] | None:
        """The newest checkpoint of a session not yet in history, or None."""
        return next(iter(self.checkpoints()), None)

    def checkpoints(self) -> list[dict[str, Any]]:
        """Every checkpoint of a session not yet in history (one per unfinished session), newest first."""
        with self._lock:
            return tables.detached(tables.checkpoints_newest_first(self._live))

    def discard_checkpoint(self, session_id: str) -> bool:
        """Forget the checkpoint of `session_id`; False if there was none."""
        return self._change(lambda change: operations.discard_checkpoint(change, session_id))
