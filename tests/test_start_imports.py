"""Start-up imports only what the first screen needs (issue 14: start within 1.2x a bare Textual app)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NOT_AT_START = (
    "tui.cli_export",
    "tui.cli_history",
    "tui.shared_mode",
    "tui.store.doctor",
    "tui.screens.session",
    "tui.screens.picker",
    "tui.screens.settings",
    "tui.screens.welcome",
    "tui.screens.help",
    "tui.screens.unfinished",
    "tui.widgets.steps",
    "tui.core.engine",  # and its step runners: imported by the worker that prepares a session
    "tui.core.runners",
)
"""Modules that the command line and the App (with home) leave for the subcommand or screen that uses them."""


def modules_after(code: str) -> set[str]:
    """The `tui` modules loaded after running `code` in a fresh interpreter from this tree."""
    script = f"import sys\n{code}\nprint(' '.join(name for name in sys.modules if name.startswith('tui')))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(done.stdout.split())


def test_the_command_line_and_home_import_no_subcommand_nor_session_screen() -> None:
    loaded = modules_after("import tui.cli, tui.app, tui.screens.home")
    assert "tui.app" in loaded and "tui.cli_parser" in loaded
    assert sorted(set(NOT_AT_START) & loaded) == []


def test_the_key_table_still_reaches_every_screen_it_names() -> None:
    """The help's key table names its screens as "module:Class"; reading it imports them."""
    loaded = modules_after("import tui.keys\ntui.keys.keys_help()")
    assert {"tui.screens.session", "tui.widgets.steps.turn", "tui.screens.home"} <= loaded


def test_the_start_loads_neither_openssl_nor_the_toml_parser() -> None:
    """Hashes at start (the library cache's key, the presence file's folder) use the interpreter's own
    SHA-256 (`hashlib` loads OpenSSL's libcrypto, some 0.7 MB), and the library comes from its cache, so
    the TOML parser (tomli) and the nesting guard are imported only when a file is parsed."""
    script = "import sys, tui.cli, tui.app, tui.screens.home\nprint(sorted({'_hashlib', 'tomli', 'tomllib', 'tui.core.toml_nesting'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"
