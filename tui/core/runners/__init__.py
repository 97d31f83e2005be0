"""One runner per step kind: each turns events into state changes for its step.

Every module in this package is imported here, so a runner module only has to exist to be found;
each runner registers itself in `RUNNERS` under the kind it names.
"""

from __future__ import annotations

import importlib
import pkgutil

from tui.core.runners.base import RUNNERS, RunContext, StepRunner

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
if RUNNERS.missing():  # a kind without a runner fails here, at start-up, not mid-session
    raise ImportError(f"these step kinds have no runner: {', '.join(RUNNERS.missing())}")

__all__ = ["RUNNERS", "RunContext", "StepRunner"]
