"""Nesting is capped before the TOML parser (tomli) reads a file: deep keys, tables and brackets are refused
at once with the line, and the scan never refuses a file that is not that deep."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_loader_fuzz import TOML_TOKENS, any_value, printable_text, script_dicts, toml_document

from tui.core.problems import ScriptError
from tui.core.toml_files import parse_toml_bytes
from tui.core.toml_nesting import MAX_NESTING, deepest_nesting

SESSIONS = Path(__file__).resolve().parent.parent / "sessions"
SCAN = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADER = '[script]\nid = "deep"\n'


def data_depth(value: Any) -> int:
    """How many tables and arrays enclose the deepest point of parsed TOML (the document counts as one)."""
    if isinstance(value, dict):
        return 1 + max((data_depth(item) for item in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((data_depth(item) for item in value), default=0)
    return 0


def deep_forms(levels: int) -> dict[str, str]:
    """The same depth written each way TOML nests: dotted keys, table headers, inline tables, arrays."""
    inline = "x = " + "{a = " * (levels - 1) + "1" + "}" * (levels - 1)
    return {
        "dotted key": "extra." + ".".join(["a"] * (levels - 1)) + " = 1",
        "table header": "[" + ".".join(["a"] * (levels - 1)) + "]",
        "array of tables": "[[" + ".".join(["a"] * (levels - 2)) + "]]",
        "inline tables": inline,
        "arrays": "x = " + "[" * (levels - 1) + "]" * (levels - 1),
        "header and key": "[" + ".".join(["a"] * (levels // 2)) + "]\n" + ".".join(["b"] * (levels - levels // 2)) + " = 1",
    }


@pytest.mark.parametrize("form", sorted(deep_forms(MAX_NESTING)))
def test_each_form_is_read_at_the_limit_and_refused_one_level_deeper(form: str) -> None:
    at_limit = deep_forms(MAX_NESTING)[form]
    data = parse_toml_bytes((at_limit + "\n" + HEADER).encode(), "deep.toml").data
    assert data_depth(data) == MAX_NESTING
    with pytest.raises(ScriptError) as refused:
        parse_toml_bytes((deep_forms(MAX_NESTING + 1)[form] + "\n" + HEADER).encode(), "deep.toml")
    [problem] = refused.value.problems
    assert problem.path == "deep.toml"
    assert problem.line == (2 if form == "header and key" else 1)
    assert f"nests deeper than {MAX_NESTING} levels" in problem.message


def test_a_dotted_key_of_sixteen_thousand_levels_is_refused_at_once() -> None:
    raw = (HEADER + "extra." + ".".join(["a"] * 16_000) + " = 1\n").encode()
    assert len(raw) > 32_000
    started = time.perf_counter()
    with pytest.raises(ScriptError) as refused:
        parse_toml_bytes(raw, "deep.toml")
    assert time.perf_counter() - started < 1.0  # tomllib took seconds on this; tomli refuses it, saying no line
    assert str(refused.value).startswith("deep.toml: nests deeper than 32 levels")
    assert str(refused.value).endswith("(line 3)")


def test_a_megabyte_of_nesting_is_refused_quickly() -> None:
    for text in ("a." * 490_000 + "a = 1", "x = " + "[" * 999_000, "[" + "a." * 490_000 + "a]"):
        started = time.perf_counter()
        with pytest.raises(ScriptError):
            parse_toml_bytes(text.encode(), "deep.toml")
        assert time.perf_counter() - started < 1.0


def test_dots_brackets_and_quotes_inside_strings_and_comments_do_not_count() -> None:
    text = (
        'a = "x.y.z[[[{{{"\n'
        "b = 'p.q.r[[['\n"
        'c = """\n[[[[ a.b.c.d """\n'
        "d = '''\n{{{{''''\n"
        '"e.f.g.h" = 1.5\n'
        "f = 1  # a.b.c.d [[[[ {{{{\n"
        'g = """ends with quotes"""""\n'
        "h = [1.5, 2.5, [3.5]]\n"
    )
    nesting = deepest_nesting(text)
    assert nesting.depth == data_depth(tomli.loads(text)) == 3
    assert nesting.line == 10


def test_plain_headers_skipped_with_plain_lines_still_count_with_their_line() -> None:
    text = '# notes\n\n[script]\nid = "x"\n\n[[steps]]  # the first\nkind = "turns"\n[[steps]]\n'
    assert deepest_nesting(text) == deepest_nesting(text, stop_above=3)
    assert (deepest_nesting(text).depth, deepest_nesting(text).line) == (3, 6)
    assert data_depth(tomli.loads(text)) == 3
    assert (deepest_nesting(text, stop_above=1).depth, deepest_nesting(text, stop_above=1).line) == (2, 3)
    assert (deepest_nesting(text, stop_above=2).depth, deepest_nesting(text, stop_above=2).line) == (3, 6)
    after_a_value = "a = [\n  1,\n]\n[[b]]\nc = { d = [1] }\n"
    assert (deepest_nesting(after_a_value).depth, deepest_nesting(after_a_value).line) == (5, 5)
    assert data_depth(tomli.loads(after_a_value)) == 5


def test_every_built_in_file_is_well_within_the_limit() -> None:
    files = sorted(SESSIONS.rglob("*.toml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert deepest_nesting(text).depth == data_depth(tomli.loads(text)) <= 4, path


toml_ish = st.lists(st.sampled_from([*TOML_TOKENS, "{", "}", "'''", '"""', "[[", "]]", "a.b"]), max_size=300)


@SCAN
@given(st.text(max_size=2000) | toml_ish.map("".join))
def test_random_text_never_makes_the_scan_raise_or_take_long(text: str) -> None:
    started = time.perf_counter()
    nesting = deepest_nesting(text, stop_above=10**9)
    assert time.perf_counter() - started < 0.5
    assert nesting.depth >= 1 and 1 <= nesting.line <= text.count("\n") + 1


@SCAN
@given(toml_ish.map("".join))
def test_the_scan_never_counts_deeper_than_what_the_parser_builds(text: str) -> None:
    try:
        data = tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError):
        return
    assert deepest_nesting(text, stop_above=10**9).depth <= data_depth(data)


nested_values = st.recursive(
    any_value,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(printable_text, inner, max_size=3),
    max_leaves=40,
)


@SCAN
@given(script_dicts | st.dictionaries(printable_text, nested_values, max_size=4))
def test_the_scan_counts_written_documents_exactly(data: dict[str, Any]) -> None:
    text = toml_document(data)
    try:
        parsed = tomli.loads(text)
    except tomli.TOMLDecodeError:
        return
    assert deepest_nesting(text, stop_above=10**9).depth == data_depth(parsed)
