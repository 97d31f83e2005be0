"""The keys the couple is told about, read from the screens' and views' own bindings: the help screen
and the README's key table are both made here, so they cannot drift from what the keys really do.

`python -m tui.keys --readme` rewrites the README's table; `python -m tui.keys` prints it."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from tui.core.frozen import frozen

APP_BINDINGS: list[BindingType] = [
    Binding("ctrl+q", "request_quit", "Quit", id="app.quit", priority=True),
    Binding("ctrl+c", "request_quit", "Quit", show=False, priority=True),
    Binding("f1", "help", "Help", id="app.help", priority=True),
    Binding("question_mark", "help", "Help", show=False, key_display="?"),
    Binding("ctrl+p", "command_palette", "All actions", show=False, priority=True),  # again closes it
    Binding("ctrl+l", "redraw", "Redraw", show=False),
    # Tab moves focus before the keys after it are handed on: in a burst ("Ann<Tab>Bob" over a slow link or
    # from a fast typist) the letters after Tab would otherwise still reach the field Tab left.
    Binding("tab", "focus_next", "Next", show=False, priority=True),
    Binding("shift+tab", "focus_previous", "Previous", show=False, priority=True),
]
"""The App's own keys (they live here so the help can list them without importing the App). Quit comes
first, as in Textual's own App bindings that these replace, so every footer ends "^q Quit F1 Help"."""


class AppKeys(DOMNode):
    """Stands for the App in the key table (its bindings are `APP_BINDINGS`)."""

    BINDINGS = APP_BINDINGS


@frozen
class KeyHelp:
    """One line of the key table: the actions of `owner` whose keys are listed, and what they do. A screen
    or view is named "module:Class", imported only when the table is read (so the App's keys import none)."""

    named_owner: type[DOMNode] | str
    actions: tuple[str, ...]
    words: str

    @property
    def owner(self) -> type[DOMNode]:
        """The class whose bindings hold the keys."""
        if not isinstance(self.named_owner, str):
            return self.named_owner
        module, name = self.named_owner.split(":")
        found: type[DOMNode] = getattr(importlib.import_module(module), name)
        return found


KEY_TABLE: tuple[KeyHelp, ...] = (
    KeyHelp("tui.widgets.steps.turn:TurnView", ("continue",), "continue: start a turn, move on when both are ready"),
    KeyHelp("tui.screens.session:SessionScreen", ("time_out",), "time-out: either of you may call one; the clock stops"),
    KeyHelp("tui.widgets.steps.turn:TurnView", ("end_early",), "end a turn early (it asks first)"),
    KeyHelp("tui.screens.session:SessionScreen", ("end_here",), "end the session here, keeping everything so far"),
    KeyHelp("tui.widgets.steps.conversation:CheckinView", ("rate",), "your energy in a check-in"),
    KeyHelp("tui.widgets.steps.turn:TurnView", ("got_it", "not_quite"), "after a turn: the listener got it / not quite"),
    KeyHelp("tui.widgets.steps.turn:TurnView", ("more", "no_more"), "mirroring: there is more / that's all"),
    KeyHelp("tui.widgets.steps.conversation:QuestionsView", ("skip", "favourite"), "questions: skip / keep as a favourite"),
    KeyHelp("tui.widgets.steps.writing:RevealView", ("show_words",), "a private answer: show or hide your own words while you write"),
    KeyHelp(
        "tui.widgets.steps.writing:CaptureView",
        ("choose('promise')", "choose('request')", "choose('wish')"),
        "carry forward: a promise / a request / a wish",
    ),
    KeyHelp(
        "tui.widgets.steps.writing:ReviewView",
        ("decide('kept')", "decide('not_yet')", "decide('let_go')"),
        "earlier follow-ups (in a session, or on the follow-ups screen): kept / not yet / let go",
    ),
    KeyHelp("tui.widgets.steps.writing:ReviewView", ("undo",), "earlier follow-ups: undo the last answer (it is open again)"),
    KeyHelp("tui.screens.history:HistoryScreen", ("back",), "back, from history and the other screens you look at"),
    KeyHelp(AppKeys, ("help",), "this help"),
    KeyHelp(AppKeys, ("command_palette",), "every action the screen offers right now"),
    KeyHelp(AppKeys, ("request_quit",), "quit (in a session it asks first; continue later)"),
    KeyHelp(AppKeys, ("redraw",), "draw the whole screen again (when something else wrote over it)"),
    KeyHelp("tui.screens.home:HomeScreen", ("continue_unfinished",), "on home: continue where you left off"),
    KeyHelp("tui.screens.home:HomeScreen", ("history",), "on home: look back at your sessions together"),
    KeyHelp("tui.screens.history:HistoryScreen", ("search",), "in history: search your words (Enter opens a session)"),
    KeyHelp("tui.screens.home:HomeScreen", ("together",), "on home (ctrl+o in history): our time together, the weeks and days you met"),
    KeyHelp("tui.screens.session_detail:SessionDetailScreen", ("delete",), "a session looked back on: delete it (it asks first)"),
    KeyHelp("tui.screens.home:HomeScreen", ("follow_ups",), "on home: your promises, requests and wishes, and what was kept"),
    KeyHelp("tui.screens.home:HomeScreen", ("app.request_quit",), "on home: quit"),
)
"""Every key the couple is told about, in the order the help lists them."""


FOOTER_KEY_NAMES = {"enter": "Enter", "escape": "Esc", "tab": "Tab", "space": "Space", "backspace": "Backspace"}
"""Keys the footer writes as words, where Textual would draw a symbol (a newcomer reads "Enter", and a
terminal without UTF-8 or a font without the symbol draws it too)."""


def footer_key_name(key: str) -> str | None:
    """How the footer writes `key` when Textual's own name would not do: "Enter", "Esc", "F1"; else None."""
    if key in FOOTER_KEY_NAMES:
        return FOOTER_KEY_NAMES[key]
    if key[:1] == "f" and key[1:].isdigit():
        return key.upper()
    return None


def key_name(binding: Binding) -> str:
    """How a key is written for people: "Enter", "ctrl+t", "?"."""
    if binding.key_display:
        return binding.key_display
    named = {"enter": "Enter", "escape": "Escape", "question_mark": "?"}
    if binding.key in named:
        return named[binding.key]
    return binding.key.upper() if binding.key[:1] == "f" and binding.key[1:].isdigit() else binding.key


def keys_for(owner: type[DOMNode], action: str) -> list[str]:
    """The keys `owner` binds to `action`: with any parameters, or exactly those `action` names ("decide('kept')")."""
    found: list[str] = []
    for binding in Binding.make_bindings(owner.BINDINGS):
        named = binding.action if "(" in action else binding.action.split("(")[0]  # "decide('kept')" is one
        if named == action and key_name(binding) not in found:
            found.append(key_name(binding))
    if not found:
        raise LookupError(f"{owner.__name__} binds no key to {action!r}")
    return found


def keys_text(keys: list[str]) -> str:
    """ "1-5" for a run of digits, otherwise the keys joined by " or "."""
    if len(keys) > 2 and all(key.isdigit() for key in keys):
        return f"{keys[0]}-{keys[-1]}"
    return " or ".join(keys)


def key_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for every line of the table."""
    return [
        (" / ".join(keys_text(keys_for(row.owner, action)) for action in row.actions), row.words)
        for row in KEY_TABLE
    ]


def keys_help() -> str:
    """The help screen's list of keys."""
    rows = key_rows()
    width = max(len(keys) for keys, _ in rows) + 2
    lines = [f"{keys:<{width}}{words}" for keys, words in rows]
    lines.append("\nThe ctrl keys and F1 work even while you type in a field.")
    lines.append("In the footer, ^t stands for ctrl+t, ^x for ctrl+x, and so on.")
    lines.append("Wherever Escape goes back or closes, another key does too (slow links delay Escape):")
    lines.append("b or q, n in a question, c in a time-out, ctrl+b where you type, ctrl+p in the palette.")
    lines.append("During a turn, other keys do nothing: the time is protected.")
    return "\n".join(lines)


README_START = "<!-- keys: made by `python -m tui.keys --readme`; do not edit by hand -->"
README_END = "<!-- end of keys -->"


def markdown_keys(keys: str) -> str:
    """ "ctrl+t or t / x" with each key in backticks (Enter stays a word)."""
    groups = [
        " or ".join(key if key == "Enter" else f"`{key}`" for key in group.split(" or "))
        for group in keys.split(" / ")
    ]
    return " / ".join(groups)


def readme_table() -> str:
    """The README's key table, in Markdown."""
    lines = ["| key | what it does |", "|---|---|"]
    for keys, words in key_rows():
        lines.append(f"| {markdown_keys(keys)} | {words} |")
    return "\n".join(lines)


def with_readme_table(readme: str) -> str:
    """The README text with its key table replaced by the one made from the bindings."""
    start = readme.index(README_START) + len(README_START)
    end = readme.index(README_END)
    return f"{readme[:start]}\n{readme_table()}\n{readme[end:]}"


def main(arguments: list[str]) -> int:
    """Print the table, or rewrite the README's (`--readme`)."""
    if arguments == ["--readme"]:
        readme = Path(__file__).resolve().parent.parent / "README.md"
        readme.write_text(with_readme_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
        return 0
    sys.stdout.write(readme_table() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
