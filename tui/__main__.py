"""Allow `python -m tui` to run the same command line as `hearthside`."""

from __future__ import annotations

from tui.entry import main

raise SystemExit(main())
