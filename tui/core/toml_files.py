"""Reading a TOML file into a dict, turning every way it can fail into plain-words problems."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tui.core.frozen import frozen
from tui.core.problems import Problem, ScriptError
from tui.core.script_files import read_plain_file

MAX_FILE_BYTES = 1_000_000
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
# the parser's wording (tomli's, as tomllib's), and what usually causes it, for people new to TOML
_SYNTAX_HINTS = (
    ("Illegal character '\\n'", "is a closing quote missing?"),
    ("Invalid value", 'text must be in quotes, like title = "Evening talk"'),
    ("Cannot overwrite a value", "a key is given twice"),
    ("Cannot declare", "a [table] appears twice; steps and questions use [[double brackets]]"),
    ("Expected '=' after a key", "write key = value"),
)

try:  # the interpreter's own SHA-256: `hashlib` would load OpenSSL's libcrypto (some 0.7 MB) at start
    from _sha2 import sha256  # Python 3.12 and later
except ImportError:  # pragma: no cover - depends on the Python version
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:
        from hashlib import sha256


@frozen
class TomlDocument:
    """A parsed TOML file: its data, its text (for line numbers) and a hash of its bytes."""

    path: str
    data: dict[str, Any]
    text: str
    content_hash: str

    def line_of_array_item(self, array: str, index: int) -> int | None:
        """The line of the `index`-th (1-based) `[[array]]` header, if the file uses headers."""
        pattern = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(array)}[ \t]*\]\]", re.MULTILINE)
        for count, match in enumerate(pattern.finditer(self.text), start=1):
            if count == index:
                return self.text.count("\n", 0, match.start()) + 1
        return None

    def line_for_place(self, place: str) -> int | None:
        """A line for a place like `steps[3].minutes`, where the file makes that knowable."""
        match = re.match(r"^(\w+)\[(\d+)\]", place)
        if match:
            return self.line_of_array_item(match.group(1), int(match.group(2)))
        return None


def parse_toml_bytes(raw: bytes, path: str) -> TomlDocument:
    """Parse TOML bytes or raise `ScriptError` saying why (empty, not UTF-8, syntax with position)."""
    if not raw.strip():
        empty = "the file is empty; a script starts with [script], a deck with [deck]"
        raise ScriptError([Problem(path, "", empty)])
    if len(raw) > MAX_FILE_BYTES:
        message = (
            f"the file is {len(raw):,} bytes, more than the {MAX_FILE_BYTES:,} (1 MB) a file may be; "
            "shorten it or split it in two"
        )
        raise ScriptError([Problem(path, "", message)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = f"is not UTF-8 text (a byte at position {error.start} cannot be read); save it as UTF-8"
        raise ScriptError([Problem(path, "", message, line)]) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    # Only when a file is parsed: a start reads the library from its cache. tomli is the standard library's
    # tomllib (the same parser, the same results and messages) compiled, about three times as fast.
    import tomli

    from tui.core.toml_nesting import MAX_NESTING, deepest_nesting

    nesting = deepest_nesting(text, MAX_NESTING)  # the parser's time grows with the square of the depth
    if nesting.depth > MAX_NESTING:
        message = (
            f"nests deeper than {MAX_NESTING} levels (a key with many dots, or tables or brackets inside "
            "each other); a script needs three or four: shorten the key or close the brackets"
        )
        raise ScriptError([Problem(path, "", message, nesting.line)])
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message = str(error)
        position = _POSITION.search(message)
        detail = _POSITION.sub("", message).strip() or "the TOML cannot be read"
        hint = next((hint for known, hint in _SYNTAX_HINTS if known in detail), "")
        detail = f"{detail} ({hint})" if hint else detail
        if position:
            line, column = position.groups()
            raise ScriptError(
                [Problem(path, f"line {line}, column {column}", f"TOML syntax error: {detail}")]
            ) from None
        raise ScriptError([Problem(path, "", f"TOML syntax error: {detail}")]) from None
    except (RecursionError, ValueError) as error:
        raise ScriptError([Problem(path, "", f"the TOML cannot be read: {error}")]) from None
    return TomlDocument(path, data, text, sha256(raw).hexdigest())


def read_toml_file(path: Path) -> TomlDocument:
    """Read and parse one plain TOML file; any failure (a pipe, a link to nothing, no permission, too
    big, not TOML) becomes a `ScriptError` naming the file."""
    return parse_toml_bytes(read_plain_file(path, MAX_FILE_BYTES), str(path))
