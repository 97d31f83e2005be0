"""Command palette entries for the actions a screen offers right now, with their keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from textual.actions import parse as parse_action
from textual.app import SystemCommand
from textual.dom import DOMNode
from textual.screen import Screen


def screen_actions(screen: Screen[Any], call_later: Callable[..., object]) -> Iterator[SystemCommand]:
    """Hearthside's own bindings (they carry ids) on the focused widget, its ancestors and the screen,
    that apply now; each runs its action as if its key were pressed."""
    seen: set[str] = set()
    focused = screen.focused
    nodes: tuple[DOMNode | None, ...] = (*(focused.ancestors_with_self if focused else ()), screen)
    for node in nodes:
        if node is None:
            continue
        bindings = [binding for group in node._bindings.key_to_bindings.values() for binding in group]
        for binding in bindings:
            if not binding.id or not binding.show or binding.action in seen:
                continue
            _, action_name, action_parameters = parse_action(binding.action)
            if node.check_action(action_name, action_parameters) is False:
                continue
            seen.add(binding.action)
            key = binding.key_display or binding.key
            yield SystemCommand(
                binding.description,
                f"key: {key}",
                lambda node=node, action=binding.action: call_later(node.run_action, action),
            )
