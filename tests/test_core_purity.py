"""The domain package must not import the UI or storage libraries."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "tui" / "core"
FORBIDDEN = ("textual", "tinydb", "rich")


def imported_modules(path: Path) -> set[str]:
    """Top-level module names imported anywhere in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_imports_no_ui_or_storage_library() -> None:
    offenders = {
        str(path.relative_to(CORE)): sorted(imported_modules(path) & set(FORBIDDEN))
        for path in CORE.rglob("*.py")
        if imported_modules(path) & set(FORBIDDEN)
    }
    assert list(CORE.rglob("*.py")), "the core package has no modules"
    assert offenders == {}
