"""The check-in's scale says the words of its own question; the close says durations in words."""

from __future__ import annotations

import re
from pathlib import Path

from app_support import drive_one, flat, goto, make_app, seeded_store, session_of, started, static_texts

from tui.core.library import load_library

SHORT_TURNS = """
[script]
id = "short-turns"
title = "Short turns"
summary = "Half a minute each, then the close."
method = "none"

[[steps]]
kind = "turns"
minutes = 0.5

[[steps]]
kind = "close"
"""


async def test_after_a_fight_scale_runs_from_still_stirred_up_to_calm() -> None:
    app = make_app(load_library(user_dir=None), "after-a-fight", store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "checkin", "rating")
        scale = str(app.screen.query_one("#checkin-scale").visual)
        lines = [line.strip() for line in scale.splitlines()]
        assert lines[0] == "1  still stirred up" and lines[-1] == "5  calm"
        assert "a lot" not in scale and "very little" not in scale


async def test_the_default_check_in_scale_runs_from_very_little_to_a_lot() -> None:
    app = make_app(load_library(user_dir=None), "speaker-listener", store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, "checkin", "rating")
        lines = [line.strip() for line in str(app.screen.query_one("#checkin-scale").visual).splitlines()]
        assert lines == ["1  very little", "2", "3", "4", "5  a lot"]


async def test_the_close_says_speaking_time_and_time_together_in_words(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / "short-turns.toml").write_text(SHORT_TURNS, encoding="utf-8")
    app = make_app(load_library(user_dir=folder), "short-turns", store=seeded_store())
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        session = session_of(app)
        while session.runner is not None and session.runner.step.kind != "close":
            await drive_one(pilot)
        words = flat(static_texts(app))
        assert "Speaking time: Maya 30 seconds, Jonah 30 seconds" in words
        assert "Time together: 1 minute" in words
        assert not re.search(r"\d (min|s)\b", words), words  # never "1 min" or "30 s"
