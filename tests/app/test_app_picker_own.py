"""The couple's own scripts in the picker: a broken file is listed with its problem, a replacement is marked."""

from __future__ import annotations

import os
from pathlib import Path

from app_support import flat, make_app, press, settle, static_texts
from textual.widgets import OptionList

from tui.core.library import load_library
from tui.screens.picker import PickerScreen

BROKEN = """\
[script]
id = "our-evening"
title = "Our evening"
summary = "Ours."
method = "ten-minute rule"

[[steps]]
kind = "turns"
minutes = 500
"""
REPLACEMENT = """\
[script]
id = "ten-minutes-each"
title = "Our ten minutes"
summary = "Our version of the built-in."
method = "ten-minute rule"
notes = "We shortened it for weeknights."
themes = ["small-acts"]

[[steps]]
kind = "turns"
minutes = 5
"""


async def test_the_picker_lists_a_broken_file_with_its_problem_and_marks_our_own(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / "evening.toml").write_text(BROKEN, encoding="utf-8")
    (folder / "ours.toml").write_text(REPLACEMENT, encoding="utf-8")
    library = load_library(user_dir=folder)
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, PickerScreen)
        listing = app.screen.query_one("#picker-list", OptionList)
        labels = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        [ours] = [label for label in labels if "Our ten minutes" in label]
        assert "yours" in ours  # the couple's own, replacing the built-in
        listing.highlighted = labels.index(ours)
        await pilot.pause()
        preview = flat(static_texts(app))
        assert "We shortened it for weeknights." in preview  # the script's notes
        assert "Ideas: small acts" in preview  # and the ideas it serves
        [broken] = [label for label in labels if "Our evening" in label]
        assert "problem" in broken
        index = next(i for i, label in enumerate(labels) if "Our evening" in label)
        listing.highlighted = index
        await pilot.pause()
        shown = flat(static_texts(app))  # the preview wraps at 44 columns; its words are all there
        assert "steps[1].minutes: must be between 0.05 and 120 minutes, got 500" in shown
        assert "evening.toml" in shown
        await press(pilot, "enter")  # a broken script cannot start; the picker stays, saying why
        assert isinstance(app.screen, PickerScreen)
        assert app.sessions.active_session is None


async def test_the_picker_lists_files_and_folders_that_cannot_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    (folder / "decks").mkdir(parents=True)
    os.mkfifo(folder / "pipe.toml")
    (folder / "decks" / "gone.toml").symlink_to(tmp_path / "unmounted" / "gone.toml")
    (folder / "programs").symlink_to(tmp_path / "unmounted" / "programs")
    library = load_library(user_dir=folder)
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, PickerScreen)
        listing = app.screen.query_one("#picker-list", OptionList)
        labels = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        for title, problem in (
            ("pipe", "is a named pipe (FIFO)"),
            ("gone", "is a link to"),
            ("The programs folder", "is a link to"),
        ):
            [label] = [label for label in labels if label.startswith(title)]
            assert "cannot be used, a problem: " + problem in label
        listing.highlighted = next(i for i, label in enumerate(labels) if label.startswith("The programs folder"))
        await pilot.pause()
        shown = flat(static_texts(app))
        assert "This folder of yours has 1 problem, so it cannot be used yet:" in shown
        assert f"{tmp_path / 'unmounted' / 'programs'}, which does not exist" in shown
        listing.highlighted = next(i for i, label in enumerate(labels) if label.startswith("gone"))
        await pilot.pause()
        assert "This deck of yours has 1 problem" in flat(static_texts(app))
