"""Finds built-in and user scripts and decks; a user's file may replace a built-in by id."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import tui
from tui.core.frozen import frozen
from tui.core.problems import Problem, ScriptError
from tui.core.programs import Program, load_program
from tui.core.schema import suggestion
from tui.core.script_files import toml_entries
from tui.core.script_loader import load_deck, load_script
from tui.core.script_model import Deck, Script
from tui.core.toml_files import read_toml_file

BUILT_IN = "built-in"
USER = "yours"


def builtin_sessions_dir() -> Path:
    """The built-in `sessions/` folder: inside the installed package, or beside it in a checkout."""
    package_dir = Path(tui.__file__).resolve().parent
    installed = package_dir / "sessions"
    if installed.is_dir():
        return installed
    return package_dir.parent / "sessions"


@frozen
class LibraryEntry:
    """One usable script and where it came from."""

    script: Script
    origin: str  # built-in | yours
    replaces_builtin: bool = False

    @property
    def origin_label(self) -> str:
        """Words for the `scripts list` origin column."""
        if self.replaces_builtin:
            return "yours (replaces built-in)"
        return self.origin


SCRIPT = "script"
DECK = "deck"
PROGRAM = "program"
FOLDER = "folder"


@frozen
class BrokenScript:
    """A file that could not be used (a script, or a deck, a program or a whole folder that could not be
    read): what it calls itself, where it is and what is wrong, so it is listed rather than left out."""

    path: str
    script_id: str  # the id written in the file, or the file's name when that cannot be read
    title: str  # the title written in the file, or the file's name
    origin: str  # built-in | yours
    problems: tuple[Problem, ...]
    kind: str = SCRIPT  # script | deck | program | folder

    @property
    def noun(self) -> str:
        """What this is, in a sentence like "This file of yours has 2 problems"."""
        return "file" if self.kind == SCRIPT else self.kind

    def answers_to(self, name: str) -> bool:
        """Whether `run NAME` means this script file: its id or its file name (without `.toml`)."""
        if self.kind != SCRIPT:
            return False
        return name in (self.script_id, Path(self.path).stem, Path(self.path).name)


def broken_script(path: Path, origin: str, problems: list[Problem], kind: str = SCRIPT) -> BrokenScript:
    """A `BrokenScript` for `path`, with its id and title read from the file when the TOML allows it."""
    script_id = title = path.stem
    try:
        header = read_toml_file(path).data.get(kind)
    except ScriptError:
        header = None
    if isinstance(header, dict):
        if isinstance(header.get("id"), str) and header["id"].strip():
            script_id = header["id"].strip()
        if isinstance(header.get("title"), str) and header["title"].strip():
            title = header["title"].strip()
    return BrokenScript(str(path), script_id, title, origin, tuple(problems), kind)


def broken_folder(folder: Path, origin: str, problems: list[Problem]) -> BrokenScript:
    """A `BrokenScript` for a folder that could not be read, so the app lists it with what to do."""
    return BrokenScript(str(folder), "", f"The {folder.name} folder", origin, tuple(problems), FOLDER)


@dataclass
class Library:
    """All scripts and decks found, with the problems of files that could not be used."""

    entries: dict[str, LibraryEntry] = field(default_factory=dict)
    decks: dict[str, Deck] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken: list[BrokenScript] = field(default_factory=list)

    def scripts(self) -> list[LibraryEntry]:
        """Usable scripts, built-ins first, then by title."""
        return sorted(self.entries.values(), key=lambda entry: (entry.origin != BUILT_IN, entry.script.title))

    def find(self, script_id: str) -> Script | None:
        """The script with this id, or None."""
        entry = self.entries.get(script_id)
        return entry.script if entry else None

    def find_deck(self, deck_id: str) -> Deck | None:
        """The deck with this id, or None."""
        return self.decks.get(deck_id)

    def find_program(self, program_id: str) -> Program | None:
        """The program with this id, or None."""
        return self.programs.get(program_id)

    def find_broken(self, name: str) -> BrokenScript | None:
        """The unusable script file that `name` (an id or a file name) means, the couple's own first."""
        matches = [broken for broken in self.broken if broken.answers_to(name)]
        matches.sort(key=lambda broken: broken.origin != USER)
        return matches[0] if matches else None

    def reference_problems(self, script: Script, also_known: frozenset[str] = frozenset()) -> list[Problem]:
        """Problems with what `script` names outside itself: a `gentler` script missing from the library."""
        gentler = script.gentler
        known = set(self.entries) | set(also_known)
        if not gentler or gentler in known:
            return []
        hint = suggestion(gentler, sorted(known))
        return [Problem(script.source_path, "script.gentler", f'no script with id "{gentler}" was found{hint}')]


def _toml_files(folder: Path | None, origin: str, library: Library) -> list[Path]:
    """The `.toml` entries of a folder; a folder that cannot be read is a problem, and listed as such
    (once: the `decks/` of a folder that cannot be read is not reported again)."""
    unreadable = {broken.path for broken in library.broken if broken.kind == FOLDER}
    if folder is not None and str(folder.parent) in unreadable:
        return []
    paths, problems = toml_entries(folder)
    if problems and folder is not None:
        library.problems.extend(problems)
        library.broken.append(broken_folder(folder, origin, problems))
    return paths


def _origins(builtin_dir: Path, user_dir: Path | None) -> tuple[tuple[str, Path | None], ...]:
    """The two folders with their origins, built-in first so that the couple's own replace by id."""
    return ((BUILT_IN, builtin_dir), (USER, user_dir))


def load_library(builtin_dir: Path | None = None, user_dir: Path | None = None) -> Library:
    """Load every deck, script and program from the built-in and the user's folders (user wins by id)."""
    builtin_dir = builtin_dir or builtin_sessions_dir()
    library = Library()
    origins = _origins(builtin_dir, user_dir)
    # scripts' folders are listed first, so that one that cannot be read is reported once, not again
    # for its decks/ and programs/
    script_paths = {origin: _toml_files(folder, origin, library) for origin, folder in origins}
    for origin, folder in origins:
        deck_paths: dict[str, Path] = {}  # a user's deck may replace a built-in one, not one beside it
        for path in _toml_files(folder / "decks" if folder else None, origin, library):
            try:
                deck = load_deck(path)
            except ScriptError as error:
                library.problems.extend(error.problems)
                library.broken.append(broken_script(path, origin, error.problems, DECK))
                continue
            if deck.id in deck_paths:
                library.problems.append(
                    Problem(str(path), "deck.id", f'"{deck.id}" is also the id of {deck_paths[deck.id]}')
                )
                continue
            deck_paths[deck.id] = path
            library.decks[deck.id] = deck
    seen_paths: dict[str, str] = {}
    for origin in (BUILT_IN, USER):
        for path in script_paths[origin]:
            try:
                script = load_script(path, library.find_deck)
            except ScriptError as error:
                library.problems.extend(error.problems)
                library.broken.append(broken_script(path, origin, error.problems))
                continue
            previous = library.entries.get(script.id)
            if previous is not None and previous.origin == origin:
                library.problems.append(
                    Problem(
                        str(path), "script.id", f'"{script.id}" is also the id of {seen_paths[script.id]}'
                    )
                )
                continue
            replaces = previous is not None and previous.origin == BUILT_IN and origin == USER
            library.entries[script.id] = LibraryEntry(script, origin, replaces)
            seen_paths[script.id] = str(path)
    for entry in library.entries.values():
        library.problems.extend(library.reference_problems(entry.script))
    _load_programs(library, builtin_dir, user_dir)
    return library


def _load_programs(library: Library, builtin_dir: Path, user_dir: Path | None) -> None:
    """Load `programs/*.toml` from both folders (a user's program replaces a built-in by id)."""
    seen: dict[str, tuple[str, str]] = {}
    for origin, folder in _origins(builtin_dir, user_dir):
        for path in _toml_files(folder / "programs" if folder else None, origin, library):
            try:
                program = load_program(path, library.entries)
            except ScriptError as error:
                library.problems.extend(error.problems)
                library.broken.append(broken_script(path, origin, error.problems, PROGRAM))
                continue
            previous = seen.get(program.id)
            if previous is not None and previous[0] == origin:
                library.problems.append(
                    Problem(str(path), "program.id", f'"{program.id}" is also the id of {previous[1]}')
                )
                continue
            library.programs[program.id] = program
            seen[program.id] = (origin, str(path))


def _is_folder(path: Path) -> bool:
    """Whether `path` is a folder; a path that cannot be looked at is not (reading it says why)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def check_paths(paths: list[Path], library: Library) -> list[Problem]:
    """Validate script, deck or program files (folders are searched for .toml files); return every problem."""
    problems: list[Problem] = []
    files: list[Path] = []
    for path in paths:
        if _is_folder(path):
            for folder in (path, path / "decks", path / "programs"):
                found, folder_problems = toml_entries(folder)
                files.extend(found)
                problems.extend(folder_problems)
                if folder_problems and folder == path:
                    break  # its decks/ and programs/ cannot be reached either
        else:
            files.append(path)
    scripts: list[Script] = []
    for path in files:
        try:
            if path.parent.name == "decks":
                load_deck(path)
            elif path.parent.name == "programs":
                load_program(path, library.entries)
            else:
                scripts.append(load_script(path, library.find_deck))
        except ScriptError as error:
            problems.extend(error.problems)
    checked_ids = frozenset(script.id for script in scripts)  # scripts checked together may name each other
    for script in scripts:
        problems.extend(library.reference_problems(script, checked_ids))
    return problems
