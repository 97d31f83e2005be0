"""`hearthside scripts list` stays truthful about the decks: how many there are, and how many of them
stay off until the couple turns them on in Settings."""

from __future__ import annotations

from pathlib import Path

from cli_support import hearthside

from tui.core.library import load_library

OWN_OPT_IN_DECK = """\
[deck]
id = "our-own-private"
title = "Our own private deck"
opt_in = true

[[questions]]
text = "What would you like to ask me, just between us?"
"""


def test_scripts_list_counts_the_decks_that_stay_off_until_turned_on(tmp_path: Path) -> None:
    built_in = load_library(user_dir=None)
    opt_in = sum(1 for deck in built_in.decks.values() if deck.opt_in)
    assert opt_in == 2
    result = hearthside(tmp_path, "scripts", "list")
    assert result.returncode == 0, result.stderr
    assert f"{len(built_in.decks)} question decks, " in result.stdout
    assert f"\n{opt_in} decks of the {len(built_in.decks)} stay off until you turn them on in Settings.\n" in result.stdout
    decks = tmp_path / "sessions" / "decks"
    decks.mkdir(parents=True)
    (decks / "our-own-private.toml").write_text(OWN_OPT_IN_DECK, encoding="utf-8")
    again = hearthside(tmp_path, "scripts", "list")
    assert f"{len(built_in.decks) + 1} question decks, " in again.stdout
    assert f"\n{opt_in + 1} decks of the {len(built_in.decks) + 1} stay off" in again.stdout
