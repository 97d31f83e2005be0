"""A kept session told in order, in plain words: check-ins, turns, time-outs, appreciations, answers,
reveals and follow-ups, for `hearthside history show` and the Markdown journal. The couple's own words are
kept apart from ours (`StoryLine.words`), so each way of showing them can keep them literal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from tui.core.frozen import frozen
from tui.core.session_status import ABANDONED, ENDED_EARLY, FINISHED, SWITCHED
from tui.core.wording import MONTHS, WEEKDAYS, count_of, date_in_words, duration_in_words, local_date

HOW_IT_ENDED = {
    FINISHED: "finished",
    ENDED_EARLY: "ended early",
    ABANDONED: "left part-way",
    SWITCHED: "changed to a gentler script",
}
FOLLOW_UP_WORDS = {"open": "still open", "kept": "kept", "let_go": "let go"}
SHORTEST_PREFIX = 8  # characters of an id that are enough to name a session when no other shares them
KIND_WORDS = {"promise": "Promise", "request": "Request", "wish": "Wish"}


@frozen
class StoryLine:
    """One line: our words (`label`, may be empty) and the couple's or the script's (`words`, literal)."""

    label: str
    words: str = ""


@frozen
class StorySection:
    """A part of the session ("Appreciations") and its lines, in the order they happened."""

    title: str
    lines: list[StoryLine]


def how_it_ended(status: object) -> str:
    """ "finished", "ended early", "left part-way"... for a session's status."""
    return HOW_IT_ENDED.get(str(status), str(status or "unknown"))


def partner_name(record: Mapping[str, Any], key: object) -> str:
    """A partner's name from a record or summary ("a" or "b"), else "Partner A"/"Partner B"."""
    partners = record.get("partners") or {}
    found = partners.get(key) if isinstance(partners, Mapping) else None
    name = found.get("name") if isinstance(found, Mapping) else found
    if isinstance(name, str) and name:
        return name
    if key == "both":
        return f"{partner_name(record, 'a')} and {partner_name(record, 'b')}"
    return f"Partner {str(key).upper()}" if key in ("a", "b") else "Someone"


def day_of(record: Mapping[str, Any]) -> date | None:
    """The local calendar day a session started."""
    return local_date(str(record.get("started_at") or ""))


def when_in_words(record: Mapping[str, Any], today: date) -> str:
    """ "yesterday", "last Tuesday", "3 December 2024"; "an unknown day" when it has no start."""
    day = day_of(record)
    return "an unknown day" if day is None else date_in_words(day, today)


def full_date(record: Mapping[str, Any]) -> str:
    """ "Monday 5 October 2020" for a journal heading."""
    day = day_of(record)
    if day is None:
        return "An unknown day"
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def length_in_words(record: Mapping[str, Any]) -> str:
    """ "23 minutes" (rounded), or "" when unknown."""
    seconds = record.get("duration_seconds")
    return duration_in_words(float(seconds), rough=True) if isinstance(seconds, int | float) else ""


def step_titles(record: Mapping[str, Any]) -> dict[int, str]:
    """Each step's title by its index."""
    return {
        step["index"]: str(step.get("title") or step.get("kind") or "")
        for step in record.get("steps") or []
        if isinstance(step, Mapping) and isinstance(step.get("index"), int)
    }


def items(record: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    """A list of the record's, keeping only entries of the right shape."""
    return [item for item in record.get(name) or [] if isinstance(item, Mapping)]


def checkin_lines(record: Mapping[str, Any]) -> list[StoryLine]:
    titles = step_titles(record)
    by_step: dict[Any, list[str]] = {}
    for checkin in items(record, "checkins"):
        by_step.setdefault(checkin.get("step"), []).append(checkin)
    lines = []
    for step, checkins in by_step.items():
        ordered = sorted(checkins, key=lambda checkin: str(checkin.get("partner")))
        ratings = ", ".join(f"{partner_name(record, item.get('partner'))} {item.get('value')} of 5" for item in ordered)
        lines.append(StoryLine(f"{titles.get(step, 'Check-in')}: {ratings}"))
    return lines


def turn_lines(record: Mapping[str, Any]) -> list[StoryLine]:
    lines = []
    for turn in items(record, "turns"):
        spoken = duration_in_words(float(turn.get("spoken_seconds") or 0))
        over = float(turn.get("overtime_seconds") or 0)
        extra = f", {duration_in_words(over)} over" if over >= 1 else ""
        early = ", ended early" if turn.get("ended_early") else ""
        speaker, listener = partner_name(record, turn.get("speaker")), partner_name(record, turn.get("listener"))
        lines.append(StoryLine(f"{speaker} spoke for {spoken}{extra}{early}; {listener} listened."))
    for time_out in items(record, "time_outs"):
        length = duration_in_words(float(time_out.get("seconds") or 0))
        lines.append(StoryLine(f"{partner_name(record, time_out.get('by'))} called a time-out ({length})."))
    return lines


def answer_lines(record: Mapping[str, Any]) -> list[StoryLine]:
    lines: list[StoryLine] = []
    asked = None
    for answer in items(record, "answers"):
        if answer.get("question") != asked:
            asked = answer.get("question")
            lines.append(StoryLine("Asked:", str(asked or "")))
        lines.append(StoryLine(f"{partner_name(record, answer.get('partner'))}:", str(answer.get("text") or "")))
    lines += [StoryLine("A favourite question:", str(item.get("question") or "")) for item in items(record, "favourites")]
    return lines


def reveal_lines(record: Mapping[str, Any]) -> list[StoryLine]:
    lines = []
    for reveal in items(record, "reveals"):
        lines.append(StoryLine("Asked:", str(reveal.get("prompt") or "")))
        answers = reveal.get("answers") if isinstance(reveal.get("answers"), Mapping) else {}
        for key in ("a", "b"):
            if key in answers:
                lines.append(StoryLine(f"{partner_name(record, key)}:", str(answers[key] or "")))
    return lines


def follow_up_lines(record: Mapping[str, Any], statuses: Mapping[str, str]) -> list[StoryLine]:
    lines = []
    for item in items(record, "follow_ups"):
        kind = KIND_WORDS.get(str(item.get("kind")), "Follow-up")
        status = statuses.get(str(item.get("id")), str(item.get("status") or "open"))
        owner = partner_name(record, item.get("owner"))
        lines.append(StoryLine(f"{kind} of {owner} ({FOLLOW_UP_WORDS.get(status, status)}):", str(item.get("text") or "")))
    for review in items(record, "reviews"):
        status = str(review.get("status") or "")
        lines.append(StoryLine(f"Looked back at ({FOLLOW_UP_WORDS.get(status, 'not yet')}):", str(review.get("text") or "")))
    return lines


def session_story(record: Mapping[str, Any], statuses: Mapping[str, str] | None = None) -> list[StorySection]:
    """The sections of a session that hold anything, in order; `statuses` are follow-ups' current
    statuses by id (decided after the session), else the record's own are shown."""
    appreciations = [
        StoryLine(
            f"{partner_name(record, item.get('from'))} to {partner_name(record, item.get('to'))}:", str(item.get("text") or "")
        )
        for item in items(record, "appreciations")
    ]
    sections = [
        StorySection("Check-ins", checkin_lines(record)),
        StorySection("Turns", turn_lines(record)),
        StorySection("Appreciations", appreciations),
        StorySection("Answers", answer_lines(record)),
        StorySection("Reveals", reveal_lines(record)),
        StorySection("Follow-ups", follow_up_lines(record, statuses or {})),
    ]
    if isinstance(record.get("notes"), str) and record["notes"]:
        sections.append(StorySection("Notes", [StoryLine("", record["notes"])]))
    return [section for section in sections if section.lines]


def story_heading(record: Mapping[str, Any], today: date) -> tuple[str, str]:
    """Our words before the title, and the script's title (literal): ("Yesterday", "Weekly couple meeting")."""
    when = when_in_words(record, today)
    return when[:1].upper() + when[1:], str(record.get("script_title") or record.get("script_id") or "")


def story_facts(record: Mapping[str, Any]) -> str:
    """ "Maya and Jonah, 23 minutes, finished" under a heading."""
    names = f"{partner_name(record, 'a')} and {partner_name(record, 'b')}"
    parts = [names, length_in_words(record), how_it_ended(record.get("status"))]
    return ", ".join(part for part in parts if part)


def find_session_id(summaries: Sequence[dict[str, Any]], wanted: str) -> tuple[str | None, str]:
    """The full id `wanted` names (itself, or a unique prefix of SHORTEST_PREFIX or more), else why not."""
    ids = [str(summary.get("id") or "") for summary in summaries]
    if wanted in ids:
        return wanted, ""
    if len(wanted) < SHORTEST_PREFIX:
        return None, f"Give at least {SHORTEST_PREFIX} characters of the id; `hearthside history` lists them."
    matches = [session_id for session_id in ids if session_id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0], ""
    if matches:
        return None, f"{count_of(len(matches), 'session')} have ids starting with {wanted}: give more of it."
    return None, f"There is no session {wanted} in this history; `hearthside history` lists them."
