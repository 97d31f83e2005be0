"""What "Our time together" reads, on both stores: the summaries and every follow-up in one pass, the same
as `session_summaries()` and `follow_ups()` apart; each summary carries its check-ins before and after."""

from __future__ import annotations

from store_support import ContractStore, FixedClock, follow_up, iso, session_record


def test_summaries_and_follow_ups_at_once_are_the_two_reads_apart(either_store: ContractStore, clock: FixedClock) -> None:
    store = either_store
    walk, wish = follow_up(text="A walk"), follow_up(kind="wish", text="A trip")
    store.save_session(session_record(0, follow_ups=[walk, wish]))
    kept = [{"follow_up_id": walk["id"], "status": "kept", "at": iso(clock.moment)}]
    store.save_session(session_record(400, reviews=kept))  # another year: its index is read too
    summaries, follow_ups = store.summaries_and_follow_ups()
    assert summaries == store.session_summaries() and len(summaries) == 2
    assert follow_ups == store.follow_ups()
    assert {item["id"]: item["status"] for item in follow_ups} == {walk["id"]: "kept", wish["id"]: "open"}


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
