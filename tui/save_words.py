"""What home, the session screen and the command line say about saving when it does not work: plain
words, second person, always with what happens to the couple's words and what to do."""

from __future__ import annotations

from pathlib import Path

RESCUE_PROMISE = "when you leave, what you made here is put in a rescue file in your home folder"


def cannot_save_at_start(problem: str) -> str:
    """Home before a session, when a test write in the history folder failed."""
    return f"{problem}\nYou can still have a session: {RESCUE_PROMISE}, and Hearthside tells you where."


def not_saved(what: str, reason: str) -> str:
    """Home once a save could not be done (it is still tried again underneath)."""
    return (
        f"Your {what} could not be saved: {reason}. It is kept here while Hearthside is open. "
        f"Press e to save it in a file; otherwise {RESCUE_PROMISE}."
    )


def saving_stuck(reason: str) -> str:
    """Home when a save other than the couple's words (settings) cannot be done."""
    return f"Saving does not work just now: {reason}. Hearthside keeps trying while it is open."


def put_in_file(path: Path) -> str:
    """Home after the couple saved their unsaved work in a file."""
    return f"Saved in {path}. To bring it back into your history later: hearthside import {path}"


def session_line(reason: str, at_start: bool) -> str:
    """The lasting line on the session screen (one line at 80 columns when it can be)."""
    if at_start:
        return f"Not saving ({reason}): leaving puts your words in a rescue file."
    return f"Not saved ({reason}). Nothing is lost: leaving puts it in a rescue file."


def rescued(path: Path, problem: str) -> str:
    """Printed after the app has exited, when unsaved work was put in a rescue file."""
    return (
        f"Hearthside could not save everything in your history: {problem}.\n"
        f"Nothing is lost: it is kept in {path}\n"
        "To bring it back into your history once saving works again:\n"
        f"  hearthside import {path}"
    )


def printed_instead(problem: str, refusals: list[str]) -> str:
    """Printed (to stderr) when no rescue file could be written and the JSON goes to stdout instead."""
    tried = "; ".join(refusals) or "no folder to try"
    return (
        f"Hearthside could not save everything in your history: {problem}.\n"
        f"No rescue file could be written either ({tried}).\n"
        "What was not saved is printed below as JSON: copy it into a file, and once saving works again:\n"
        "  hearthside import FILE"
    )


def end_here_question(cannot_save: bool) -> str:
    """The question before ending a session on purpose: what becomes of it, truthfully."""
    if not cannot_save:
        return "End the session here? Everything you have done so far is kept in your history."
    return (
        "End the session here? Saving does not work just now: what you have done so far is kept while "
        f"Hearthside is open, and {RESCUE_PROMISE}."
    )
