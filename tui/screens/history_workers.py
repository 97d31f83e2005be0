"""What the History screen reads in thread workers, a year at a time so that rows show at once: the
sessions' summaries and a search's hits, each part posted back as a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from tui.overview import HistoryStore

HISTORY_READ, HISTORY_SEARCH = "history-read", "history-search"  # thread workers' groups

Post = Callable[[Message], object]  # a screen's `post_message`, safe from any thread


class SummariesRead(Message):
    """The worker read the summaries of one or more years (newest first); `done` when all are read."""

    def __init__(self, summaries: list[dict[str, Any]], done: bool = False) -> None:
        super().__init__()
        self.summaries = summaries
        self.done = done


class HitsFound(Message):
    """One year's search hits (or the end of a search, `done`), for search number `search`."""

    def __init__(self, search: int, hits: list[dict[str, Any]], done: bool = False) -> None:
        super().__init__()
        self.search = search
        self.hits = hits
        self.done = done


def read_summaries(store: HistoryStore, first_page: int, post: Post) -> None:
    """Post the summaries, the newest year's index first, once at least `first_page` of them are read and
    then the rest; then have the store ready a search to read only the years that can hold its words."""
    batch: list[dict[str, Any]] = []
    for year in store.summaries_by_year():
        batch += year
        if len(batch) >= first_page:
            post(SummariesRead(batch))
            batch = []
    post(SummariesRead(batch, done=True))
    store.prepare_search()


def find_words(store: HistoryStore, query: str, search: int, post: Post) -> None:
    """Post each year's hits for `query` (search number `search`), newest year first, then the end; a
    cancelled worker stops between years."""
    worker = get_current_worker()
    for year_hits in store.search(query):
        if worker.is_cancelled:
            return
        if year_hits:
            post(HitsFound(search, year_hits))
    post(HitsFound(search, [], done=True))
