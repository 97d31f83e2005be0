"""Names and typed words are shown literally: markup, escape sequences, long, emoji, RTL and wide text."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from app_support import flat, goto, press, screen_text, session_of, settle
from rich.cells import cell_len
from textual import events
from textual.screen import ModalScreen

from tui.app import HearthsideApp
from tui.core.partners import shows_as_typed
from tui.core.settings import Settings

NASTY = {
    "markup": "[bold]x[/]",
    "closing-tag": "[/]",
    "link-markup": "[link=https://x.io]y[/link] [red]z",
    "escape": "\x1b[31mred\x1b[0m",
    "long": "L" * 499 + "!",
    "emoji": "🫶🏽 tea ☕ 👩‍❤️‍👨",
    "arabic": "شكرا لك على الشاي",
    "hebrew": "תודה על התה",
    "cjk": "谢谢你的茶，亲爱的",
}


def shown_form(text: str) -> str:
    """How a text should look on screen: controls and direction overrides become spaces; joiners stay."""
    return "".join(char if shows_as_typed(char) else " " for char in text)


def assert_layout_intact(app: HearthsideApp, width: int = 80, height: int = 24) -> None:
    """Every line is exactly the terminal's width, no raw escape reaches it, and the footer stays last."""
    lines = app.screen._compositor.render_strips()
    assert len(lines) == height
    for strip in lines:
        assert strip.cell_length == width
        assert cell_len(strip.text) == width
        assert "\x1b" not in strip.text
    if not isinstance(app.screen, ModalScreen):
        assert "^q Quit" in lines[-1].text


PAIRS = [
    (labels[0], labels[1]) for labels in zip(list(NASTY)[::2], [*list(NASTY)[1::2], "plain"], strict=True)
]
NASTY["plain"] = "Jonah"


@pytest.mark.parametrize(("label_a", "label_b"), PAIRS)
async def test_names_are_literal(
    label_a: str, label_b: str, app_factory: Callable[..., HearthsideApp]
) -> None:
    """Partner names are never parsed as markup or sent raw to the terminal, and the layout holds."""
    name_a, name_b = NASTY[label_a], NASTY[label_b]
    settings = Settings(name_a=name_a, name_b=name_b, welcome_seen=True)
    app = app_factory("speaker-listener", settings=settings)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "turns", "speaking")
        assert session.runner.speaker == "a"
        text = flat(screen_text(app))
        shown_a, shown_b = flat(shown_form(name_a)), flat(shown_form(name_b))
        if len(shown_a) + len(shown_b) < 50:
            assert f"{shown_a} is speaking - {shown_b} is listening" in text
        else:
            assert shown_a[:20] in text
        for shown in (shown_a, shown_b):
            if len(shown) < 25:  # longer names wrap inside the guide's box
                assert shown in text
        assert_layout_intact(app)
        await press(pilot, "t")
        await settle(pilot)
        assert_layout_intact(app)


async def paste(pilot: object, app: HearthsideApp, text: str) -> None:
    """Paste text into the focused input, as a terminal would."""
    focused = app.screen.focused
    assert focused is not None
    focused.post_message(events.Paste(text))
    await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("label_a", "label_b"), PAIRS)
async def test_typed_words_are_literal(
    label_a: str, label_b: str, app_factory: Callable[..., HearthsideApp]
) -> None:
    """Words written in a reveal show exactly as written side by side, and are kept as typed."""
    typed_a, typed_b = NASTY[label_a], NASTY[label_b]
    app = app_factory("naming-it-together")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "reveal", "writing")
        await paste(pilot, app, typed_a)
        await press(pilot, "enter", "enter")
        await paste(pilot, app, typed_b)
        await press(pilot, "enter")
        assert session.runner.phase == "revealed"
        assert session.log.reveals[0]["answers"] == {"a": typed_a.strip(), "b": typed_b.strip()}
        text = screen_text(app)
        for typed in (typed_a, typed_b):
            if typed == NASTY["long"]:
                assert "L" * 30 in text
            else:  # the answer's box is 34 columns wide inside
                assert flat(shown_form(typed))[:34] in flat(text)
        assert_layout_intact(app)
        await press(pilot, "enter")
        assert session_of(app).runner.step.kind == "turns"


async def test_markup_in_appreciation_is_kept_verbatim(app_factory: Callable[..., HearthsideApp]) -> None:
    """Markup typed into an appreciation is kept exactly as typed in the record."""
    app = app_factory("speaker-listener")
    async with app.run_test(size=(80, 24)) as pilot:
        session = await goto(pilot, "appreciation")
        await paste(pilot, app, "[bold]you[/] made [red]soup")
        assert "[bold]you[/] made [red]soup" in screen_text(app)
        await press(pilot, "enter")
        assert session.log.appreciations[0]["text"] == "[bold]you[/] made [red]soup"
        assert_layout_intact(app)
