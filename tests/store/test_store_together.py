"""What "Our time together" reads, on both stores: the summaries and every follow-up year by year, newest
first, the same as `session_summaries()` and `follow_ups()`; each summary carries its check-ins before and after."""

from __future__ import annotations

from store_support import ContractStore, FixedClock, follow_up, iso, session_record


def test_summaries_and_follow_ups_at_once_are_the_two_reads_apart(either_store: ContractStore, clock: FixedClock) -> None:
    store = either_store
    walk, wish = follow_up(text="A walk"), follow_up(kind="wish", text="A trip")
    store.save_session(session_record(0, follow_ups=[walk, wish]))
    kept = [{"follow_up_id": walk["id"], "status": "kept", "at": iso(clock.moment)}]
    store.save_session(session_record(400, reviews=kept))  # another year: its index is read too
    years = list(store.summaries_and_follow_ups_by_year())
    assert [year for year, _, _ in years] == sorted({year for year, _, _ in years}, reverse=True) and len(years) == 2
    summaries = [summary for _, year_summaries, _ in years for summary in year_summaries]
    follow_ups = [item for _, _, year_follow_ups in years for item in year_follow_ups]
    assert summaries == store.session_summaries() and len(summaries) == 2
    assert sorted(follow_ups, key=lambda item: item["id"]) == sorted(store.follow_ups(), key=lambda item: item["id"])
    assert {item["id"]: item["status"] for item in follow_ups} == {walk["id"]: "kept", wish["id"]: "open"}
    assert [item["id"] for item in years[0][2]] == [wish["id"]]  # the open one, with the newest year


def test_an_empty_history_has_no_years(either_store: ContractStore) -> None:
    assert list(either_store.summaries_and_follow_ups_by_year()) == []


def test_a_summary_keeps_each_partners_first_and_last_check_in(either_store: ContractStore) -> None:
    checkins = [
        {"step": 0, "partner": "a", "value": 2},
        {"step": 0, "partner": "b", "value": 3},
        {"step": 5, "partner": "a", "value": 4},
        {"step": 5, "partner": "b", "value": 5},
    ]
    either_store.save_session(session_record(0, checkins=checkins))
    either_store.save_session(session_record(1, checkins=[]))
    by_day = sorted(either_store.session_summaries(), key=lambda summary: summary["started_at"])
    assert by_day[0]["checkins"] == {"before": {"a": 2, "b": 3}, "after": {"a": 4, "b": 5}}
    assert by_day[1]["checkins"] is None
