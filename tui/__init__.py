"""Hearthside: guided, timed conversations for two partners at one terminal."""

from __future__ import annotations

__version__ = "0.1.0"
