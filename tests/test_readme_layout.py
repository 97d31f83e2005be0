"""The README's layout section names only modules that exist, and every top-level module of `tui`."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def layout_block() -> str:
    """The text of the code block under "## Layout"."""
    found = re.search(r"^## Layout\n\n```\n(.*?)```", README, flags=re.DOTALL | re.MULTILINE)
    assert found, "README.md has no layout block"
    return found.group(1)


def named_paths() -> set[str]:
    """Every `tui/...` or `sessions/` path the layout block names."""
    return set(re.findall(r"\b((?:tui|sessions)/[\w/]*(?:\.\w+)?)", layout_block()))


def test_every_path_in_the_layout_exists() -> None:
    assert sorted(path for path in named_paths() if not (ROOT / path).exists()) == []


def test_every_top_level_module_and_package_of_tui_is_in_the_layout() -> None:
    named = {path.rstrip("/") for path in named_paths()}
    modules = {
        f"tui/{entry.name}"
        for entry in (ROOT / "tui").iterdir()
        if (entry.suffix == ".py" and entry.name != "__init__.py") or (entry / "__init__.py").exists()
    }
    assert sorted(modules - named) == []
