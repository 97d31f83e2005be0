"""Every step kind is declared once and has everything it needs; a new kind needs only three pieces."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from app_support import make_app, press, session_of, settle, started, static_texts
from test_app_snapshots import SCENES, THEMES
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tui.core.clock import ManualClock
from tui.core.engine import FINISHED, Session
from tui.core.events import Continue, Event, Start
from tui.core.library import BUILT_IN, Library, LibraryEntry
from tui.core.partners import Partners
from tui.core.runners import RUNNERS, StepRunner
from tui.core.runners.base import DONE
from tui.core.schema import Field
from tui.core.script_loader import parse_script_bytes
from tui.core.step_kinds import Step, StepKind, declare_step_kind, forget_step_kind, step_kinds
from tui.widgets.steps import VIEWS, Move, StepView

ROOT = Path(__file__).resolve().parents[2]
FORMAT_DOCS = (ROOT / "sessions" / "README.md").read_text(encoding="utf-8")
SNAPSHOTS = Path(__file__).resolve().parent / "__snapshots__" / "test_app_snapshots"


@pytest.mark.parametrize("kind", step_kinds(), ids=lambda kind: kind.name)
def test_every_declared_kind_has_a_runner_a_view_a_title_docs_and_a_snapshot(kind: StepKind) -> None:
    assert issubclass(RUNNERS[kind.name], StepRunner)
    assert issubclass(VIEWS[kind.name], StepView)
    assert kind.default_title.strip()
    assert issubclass(kind.model, Step)
    assert f"### `{kind.name}`" in FORMAT_DOCS
    scenes = [name for name, scene in SCENES.items() if getattr(scene.steps, "shows_kind", None) == kind.name]
    assert scenes, f"no snapshot scene shows a {kind.name} step"
    for theme in THEMES:
        assert (SNAPSHOTS / f"test_screen_snapshot[{scenes[0]}-{theme}].svg").is_file()


# -- a throwaway kind, declared in this file only: its model and schema, its runner, its view -----------
BREATHING = "breathing-test"
SCRIPT = f"""
[script]
id = "breathing"
title = "Breathe"
summary = "A step kind that only this test knows."
method = "none"

[[steps]]
kind = "{BREATHING}"
breaths = 2

[[steps]]
kind = "close"
"""


@pytest.fixture
def breathing_kind() -> Iterator[None]:
    """Declare a new step kind the way a contributor would, and take it away again afterwards."""

    @dataclass(frozen=True)
    class BreathingStep(Step):  # piece 1: the model and its schema
        breaths: int = 3

    declare_step_kind(
        StepKind(BREATHING, BreathingStep, "Breathe together", {"breaths": Field("int", minimum=1, maximum=10)})
    )

    class BreathingRunner(StepRunner, kind=BREATHING):  # piece 2: the runner
        step: BreathingStep

        def start(self) -> None:
            self.taken = 0
            self.phase = "breathing"

        def accepts(self, event: Event) -> bool:
            return self.phase == "breathing" and isinstance(event, Continue)

        def apply(self, event: Event) -> None:
            self.taken += 1
            if self.taken >= self.step.breaths:
                self.phase = DONE

        def outcome(self) -> dict[str, Any]:
            return {"breaths": self.taken}

    class BreathingView(StepView, kind=BREATHING):  # piece 3: the view
        BINDINGS = [Binding("enter", "breathe", "One breath")]
        ACTION_EVENTS = {"breathe": Continue}

        def compose(self) -> ComposeResult:
            yield self.step_title()
            yield Static("", id="breaths")

        def refresh_state(self) -> None:
            if self.live and not self.runner.done:
                self.query_one("#breaths", Static).update(f"Breath {self.runner.taken + 1}")
            super().refresh_state()

        def action_breathe(self) -> None:
            self.send_action("breathe")

    yield
    VIEWS.unregister(BREATHING)
    RUNNERS.unregister(BREATHING)
    forget_step_kind(BREATHING)


@pytest.mark.usefixtures("breathing_kind")
def test_a_new_kind_loads_and_runs_through_the_engine() -> None:
    script = parse_script_bytes(SCRIPT.encode(), "breathing.toml")
    assert script.steps[0].title == "Breathe together"
    assert script.total_minutes() == 1.0 + 2.0  # its untimed estimate, and the close's
    session = Session(script, Partners("Maya", "Jonah"), ManualClock())
    assert session.handle(Start())
    assert session.allows(Continue())
    assert session.handle(Continue()) and session.handle(Continue())
    assert session.runner is not None and session.runner.step.kind == "close"
    assert session.handle(Continue())
    assert session.status == FINISHED
    assert session.record()["steps"][0] == {
        "index": 0,
        "kind": BREATHING,
        "title": "Breathe together",
        "status": "done",
        "breaths": 2,
    }


@pytest.mark.usefixtures("breathing_kind")
async def test_a_new_kind_shows_its_view_and_its_keys_drive_it() -> None:
    script = parse_script_bytes(SCRIPT.encode(), "breathing.toml")
    library = Library(entries={script.id: LibraryEntry(script, BUILT_IN)})
    app = make_app(library, start_script_id=script.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await started(pilot)
        assert screen.view is not None and type(screen.view).__name__ == "BreathingView"
        assert "Breath 1" in static_texts(app)
        assert screen.view.next_move("") == Move(("enter",))
        await press(pilot, "enter")
        assert "Breath 2" in static_texts(app)
        await press(pilot, "enter")
        assert session_of(app).runner.step.kind == "close"
        await press(pilot, "enter")
        await settle(pilot)
        assert app.sessions.store.sessions()[0]["steps"][0]["breaths"] == 2
