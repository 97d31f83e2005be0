"""The reads of `FileHistoryStore`: sessions, summaries, search, follow-ups, settings and checkpoints, from
the live file and the year files without the lock (writes replace files whole, so a read sees one or the other)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import tui.store.history_reads as reads
import tui.store.tables as tables
from tui.store.change import FileSource, MemoryFiles
from tui.store.history_json import Data
from tui.store.layout import LIVE, newest_first
from tui.store.migrate_v3 import split_history
from tui.store.migrations import CURRENT_SCHEMA_VERSION, schema_version
from tui.store.search_index import search_prepared
from tui.store.storage import HistoryStorage
from tui.store.year_files import YearFiles


class FileStoreReads:
    """Every read `FileHistoryStore` offers; the store sets `storage` and `year_files` (its writes are its own)."""

    storage: HistoryStorage
    year_files: YearFiles
    _older: tuple[Data, Data, MemoryFiles] | None = None  # an older file read as v3

    def _view(self) -> tuple[Data, FileSource]:
        """The live data and where the year files are read from, without the lock (writes replace files
        whole); a single file not yet migrated (or a newer one, read-only) is read as v3 files, in memory."""
        live = self.storage.shared()
        if schema_version(live) == CURRENT_SCHEMA_VERSION and tables.SESSIONS not in live:
            return live, self.year_files
        if self._older is None or self._older[0] is not live:
            files = split_history(live)
            self._older = (live, files[LIVE], MemoryFiles(files))
        return self._older[1], self._older[2]

    # -- sessions --------------------------------------------------------------------------------
    def sessions(self) -> list[dict[str, Any]]:
        """Every session kept, newest first (unfinished ones too, with their status); read year by year,
        the caller's to keep or change."""
        return reads.sessions(self._view()[1])

    def session_summaries(self) -> list[dict[str, Any]]:
        """A light line per session for a history list, newest first: id, status, script, times, partners,
        first speaker, and counts of appreciations, answers and follow-ups. Read from the indexes only."""
        return reads.summaries(self._view()[1])

    def summaries_by_year(self) -> Iterator[list[dict[str, Any]]]:
        """The summaries one year at a time, newest year first (each read when asked for), so a list can
        show its first rows after reading one small index."""
        yield from reads.summaries_by_year(self._view()[1])

    def session(self, session_id: str, started_at: str | None = None) -> dict[str, Any] | None:
        """One session by its id (only its year's file is read; `started_at`, when it started, spares
        looking for it in the other years' indexes)."""
        return reads.session(self._view()[1], session_id, started_at)

    def session_detail(
        self, session_id: str, started_at: str | None = None
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """One session (None when it is not kept) and the follow-ups it made as they are now, oldest first;
        with `started_at` (when it started) only that year's index and sessions file are read."""
        return reads.session_detail(*self._view(), session_id, started_at)

    def search(self, text: str) -> Iterator[list[dict[str, Any]]]:
        """The appreciations, answers, reveal answers and follow-ups holding `text` (any case), one list per
        year, newest year first, each read when asked for: a caller can show the first years' hits at once.
        Each year's words are kept prepared while its words file is unchanged, so the next search reads none."""
        source = self._view()[1]
        folded = text.casefold()
        for year in newest_first(source.years()):
            prepared = self.year_files.prepared_words(year) if source is self.year_files else None
            yield search_prepared(prepared, folded) if prepared is not None else reads.search_year(source, year, text)

    def prepare_search(self) -> int:
        """Read and prepare every year's words once (kept while their files are unchanged), so a search
        then reads no file; the History screen calls it once its list is read. Returns how many years are ready."""
        source = self._view()[1]
        if source is not self.year_files:
            return 0
        return sum(self.year_files.prepared_words(year) is not None for year in source.years())

    def questions_seen_since(self, since: str) -> dict[str, list[str]]:
        """Question cards shown (and those kept as favourites) in sessions started at or after the ISO
        moment `since`: {"seen": [...], "favourites": [...]}; only the years from `since` on are read."""
        return reads.questions_seen_since(self._view()[1], since)

    def a_past_appreciation(self, rng: random.Random) -> dict[str, Any] | None:
        """One typed appreciation from the past, chosen with `rng`, with its session's `started_at` and the
        partners' `names`; one index and one year file read. None when there is none yet."""
        live, source = self._view()
        return reads.a_past_appreciation(live, source, rng)

    def session_count(self, finished_only: bool = True) -> int:
        """How many sessions: those that count as time made together (finished, ended early), or all."""
        return reads.session_count(self._view()[0], finished_only)

    def program_sittings(self, program_id: str) -> int:
        """Time made together in one program (from the live file's totals)."""
        return reads.program_sittings(self._view()[0], program_id)

    def last_first_speaker(self) -> str | None:
        """Who spoke first in the most recent session ("a" or "b"), for rotating who starts."""
        return reads.last_first_speaker(self._view()[0])

    # -- follow-ups ------------------------------------------------------------------------------
    def follow_ups(self) -> list[dict[str, Any]]:
        """Every follow-up, oldest first."""
        return reads.follow_ups(*self._view())

    def summaries_and_follow_ups_by_year(self) -> Iterator[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]]:
        """Each year's summaries and follow-ups, newest year first, each index read once (the open
        follow-ups come with the first year)."""
        yield from reads.summaries_and_follow_ups_by_year(*self._view())

    def open_follow_ups(self) -> list[dict[str, Any]]:
        """Promises, requests and wishes still open, oldest first (from the live file only)."""
        return reads.open_follow_ups(self._view()[0])

    # -- settings and checkpoints ----------------------------------------------------------------
    def load_settings(self) -> dict[str, Any]:
        """The saved settings (partners' names and colours, bell, theme); empty when none yet."""
        return tables.detached(tables.settings_of(self._view()[0]))

    def load_checkpoint(self) -> dict[str, Any] | None:
        """The newest checkpoint of a session not yet in history, or None."""
        return next(iter(self.checkpoints()), None)

    def checkpoints(self) -> list[dict[str, Any]]:
        """Every checkpoint of a session not yet in history (one per unfinished session), newest first."""
        return tables.detached(tables.checkpoints_newest_first(self._view()[0]))
