"""One view per step kind; each renders engine state and posts engine events.

Every module in this package is imported here, so a view module only has to exist to be found; each
view registers itself in `VIEWS` under the kind it names.
"""

from __future__ import annotations

import importlib
import pkgutil

import tui.core.runners  # noqa: F401  (declares every step kind and its runner first)
from tui.widgets.steps.base import VIEWS, Move, StepView

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
if VIEWS.missing():  # a kind without a view fails here, at start-up, not when its step is reached
    raise ImportError(f"these step kinds have no view: {', '.join(VIEWS.missing())}")

__all__ = ["VIEWS", "Move", "StepView"]
