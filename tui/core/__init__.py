"""The pure domain: scripts, the session engine, the clock and records; no UI or storage imports."""
