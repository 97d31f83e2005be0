"""The one error type that script and deck loading raises, and the problems it carries."""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.frozen import frozen


@frozen
class Problem:
    """One thing wrong with a file: where it is and what is wrong, in plain words."""

    path: str
    place: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}: {self.place}: " if self.place else f"{self.path}: "
        at_line = f" (line {self.line})" if self.line else ""
        return f"{where}{self.message}{at_line}"


class ScriptError(Exception):
    """Raised when a script, deck or program cannot be used; it lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
