"""Command palette entries for the actions a screen offers right now, with their keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen


def screen_actions(screen: Screen[Any], call_later: Callable[..., object]) -> Iterator[SystemCommand]:
    """Hearthside's own bindings (they carry ids; shown in the footer or left out of it for room) that apply
    now on the focused widget, its ancestors, the screen and the App, read from Textual's
    `Screen.active_bindings`; each runs its action as if its key were pressed."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.id or binding.action in seen:  # an id'd binding left out of a full footer still counts
            continue
        seen.add(binding.action)
        key = binding.key_display or binding.key
        yield SystemCommand(
            binding.tooltip or binding.description,  # the footer's word may be short; the palette's is whole
            f"key: {key}",
            lambda node=active.node, action=binding.action: call_later(node.run_action, action),
        )
