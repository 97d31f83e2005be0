"""How deeply TOML text nests, found by one linear scan before the TOML parser (tomli) reads it.

A parser's time grows with the square of a dotted key's length (the standard library's tomllib took
seconds on 16,000 levels in 32 KB; tomli stops at 1,000 parts or 400 brackets with a bare message), so a
file nesting deeper than any real script is refused before it is parsed, saying where. The scan counts
what the parser would build: the document, each part of a table header or a dotted key, each inline
table and array.
"""

from __future__ import annotations

import re

from tui.core.frozen import frozen

MAX_NESTING = 32  # real scripts nest 3 or 4 levels: [[steps]] and a list inside one

# the characters that matter outside strings; everything between them is skipped by the regex engine
_SPECIAL = re.compile(r"['\"#\n\[\]{},=.]")
# the rest of a string after its opening quotes, each linear (the unrolled-loop form); TOML allows one
# or two quotes just before the closing three, hence the 3 to 5 at the end of the multi-line ones
_BASIC_REST = re.compile(r'[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"')
_MULTILINE_BASIC_REST = re.compile(r'[^"\\]*+(?:(?:\\.|"(?!""))[^"\\]*+)*+"{3,5}', re.DOTALL)
_LITERAL_REST = re.compile(r"[^'\n]*+'")
_MULTILINE_LITERAL_REST = re.compile(r"[^']*+(?:'(?!'')[^']*+)*+'{3,5}")
# lines that cannot nest (blank, a comment, or a plain key = one-line string or scalar), or a plain table
# header such as [[questions]], skipped in one step: most lines of a script are of these kinds, so the
# token loop below sees few of them
_FLAT_LINES = re.compile(
    r"""(?:
        [ \t]*
        (?: [A-Za-z0-9_-]++ [ \t]* = [ \t]*
            (?: "[^"\\\n]*+(?:\\.[^"\\\n]*+)*+" | '[^'\n]*+' | [^\n"'\[\]{}\#=]*+ )
            [ \t]*
          | \[\[ [A-Za-z0-9_-]++ \]\] [ \t]*
          | \[ [A-Za-z0-9_-]++ \] [ \t]* )?
        (?: \#[^\n]*+ )?
        \n
    )*+""",
    re.VERBOSE,
)
# the plain table headers among those lines: [name] is a table of the document (level 2), [[name]] an item
# of an array of tables (level 3)
_PLAIN_HEADER = re.compile(r"^[ \t]*(\[\[?)[A-Za-z0-9_-]", re.MULTILINE)


@frozen
class Nesting:
    """The deepest level found and the (1-based) line where it was first reached."""

    depth: int
    line: int


def _string_end(text: str, start: int) -> int:
    """Where the string opening at `start` ends, or -1 when it is not closed (the parser reports that)."""
    quote = text[start]
    triple = text.startswith(quote * 3, start)
    if quote == '"':
        rest = _MULTILINE_BASIC_REST if triple else _BASIC_REST
    else:
        rest = _MULTILINE_LITERAL_REST if triple else _LITERAL_REST
    found = rest.match(text, start + (3 if triple else 1))
    return found.end() if found else -1


def deepest_nesting(text: str, stop_above: int = MAX_NESTING) -> Nesting:
    """The deepest nesting of `text` as the parser would build it; stops at the first place deeper than
    `stop_above`. Never raises: text that is not TOML is counted up to where it stops making sense."""
    line, line_start, position = 1, 0, 0
    deepest = Nesting(1, 1)
    base = header_base = 1  # tables enclosing the keys here: the document, then the header's parts
    opened: list[tuple[str, int]] = []  # each open [ or { of a value, with the base it was opened at
    dots = 0  # dots so far in the key or table header being read
    in_key = True  # reading a key (or a header) rather than a value
    header = ""  # "[" or "[[" while a table header is read
    at_line_start = True  # no token yet on this line, outside any bracket
    position, line, deepest, header_base = _skip_plain_lines(text, 0, line, deepest, header_base, stop_above)
    base, line_start = header_base, position
    if deepest.depth > stop_above:
        return deepest
    while (found := _SPECIAL.search(text, position)) is not None:
        char, start, position = found.group(), found.start(), found.end()
        if char == "\n":
            line += 1
            line_start = position
            if not opened:
                position, line, deepest, header_base = _skip_plain_lines(
                    text, position, line, deepest, header_base, stop_above
                )
                base, dots, in_key, header, at_line_start = header_base, 0, True, "", True
                line_start = position
                if deepest.depth > stop_above:
                    break
            continue
        starts_line = at_line_start and not text[line_start:start].strip(" \t")
        at_line_start = False
        depth = 0
        if char in "\"'":
            position = _string_end(text, start)
            if position < 0:
                break  # a string that is not closed: the parser says where
            line += text.count("\n", start, position)
            depth = _key_depth(base, dots, header) if in_key else 0
        elif char == "#":
            position = text.find("\n", position)
            if position < 0:
                break
        elif char == "." and in_key:
            dots += 1
            depth = _key_depth(base, dots, header)
        elif char == "[" and starts_line and in_key:
            header = "[[" if text.startswith("[", position) else "["
            position = start + len(header)
            depth = _key_depth(base, 0, header)
        elif char == "]" and header:
            header_base = base = _key_depth(base, dots, header)
            header, dots, in_key = "", 0, False
        elif char == "=" and in_key and not header:
            base, dots, in_key = base + dots, 0, False
        elif char in "[{" and not in_key:
            opened.append((char, base))
            base += 1
            depth, dots, in_key = base, 0, char == "{"
        elif char in "]}" and opened:
            base = opened.pop()[1]
            in_key = False
        elif char == "," and opened:
            base = opened[-1][1] + 1
            dots, in_key = 0, opened[-1][0] == "{"
        if depth > deepest.depth:
            deepest = Nesting(depth, line)
            if depth > stop_above:
                break
    return deepest


def _skip_plain_lines(
    text: str, position: int, line: int, deepest: Nesting, header_base: int, stop_above: int
) -> tuple[int, int, Nesting, int]:
    """Past the plain lines starting at `position` (a line's start): where they end, the line number
    there, the deepest level so far and the level of the last plain header's table (stopping at the first
    header deeper than `stop_above`)."""
    end = _FLAT_LINES.match(text, position).end()
    if text.find("[", position, end) >= 0:
        for found in _PLAIN_HEADER.finditer(text, position, end):
            header_base = 2 + (found.group(1) == "[[")
            if header_base > deepest.depth:
                deepest = Nesting(header_base, line + text.count("\n", position, found.start()))
                if header_base > stop_above:
                    return found.end(), deepest.line, deepest, header_base
    return end, line + text.count("\n", position, end), deepest, header_base


def _key_depth(base: int, dots: int, header: str) -> int:
    """The level a key reaches after `dots` dots: a header counts from the document, its [[array]]
    adds the array's item; any other key counts from the tables around it."""
    if header:
        return 2 + dots + (header == "[[")
    return base + dots
