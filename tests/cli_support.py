"""Running the real command line in a subprocess, with a throwaway config folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def hearthside(config_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m tui ARGUMENTS` with `config_dir` as the only config folder (never the user's)."""
    environment = {**os.environ, "HEARTHSIDE_CONFIG_DIR": str(config_dir)}
    return subprocess.run(
        [sys.executable, "-m", "tui", *arguments],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        timeout=60,
        check=False,
    )
