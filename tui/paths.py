"""Where Hearthside keeps its files: platformdirs locations, overridable by --data-dir."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path, user_config_path, user_data_path

APP_NAME = "hearthside"
DATA_DIR_VARIABLE = "HEARTHSIDE_DATA_DIR"
CONFIG_DIR_VARIABLE = "HEARTHSIDE_CONFIG_DIR"
CACHE_DIR_VARIABLE = "HEARTHSIDE_CACHE_DIR"
SHARED_VARIABLE = "HEARTHSIDE_SHARED_SOCKET"  # set inside a shared session: the app records it as it starts


def data_dir(override: str | Path | None = None) -> Path:
    """The folder for history and backups: `--data-dir`, then $HEARTHSIDE_DATA_DIR, then the platform's."""
    chosen = override or os.environ.get(DATA_DIR_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The folder for the user's own scripts: $HEARTHSIDE_CONFIG_DIR, then the platform's."""
    chosen = os.environ.get(CONFIG_DIR_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    return user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """The folder for what can be made again (the library as last read): $HEARTHSIDE_CACHE_DIR, then
    the platform's ($XDG_CACHE_HOME/hearthside)."""
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    return user_cache_path(APP_NAME, appauthor=False)


def user_sessions_dir() -> Path:
    """Where a couple's own scripts live (`.../hearthside/sessions/`, decks in `decks/`)."""
    return config_dir() / "sessions"
