"""`tui.entry`: the cycle collector is paused while the app starts, and runs again whatever happens."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from app.app_support import make_app

import tui.app
import tui.cli
import tui.entry
from tui.core.library import load_library


@pytest.fixture(autouse=True)
def collector_back_on() -> Iterator[None]:
    """Every test leaves the collector as the suite had it."""
    yield
    gc.enable()


def test_the_collector_waits_while_the_command_line_runs_and_resumes_after(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(tui.cli, "main", lambda: seen.append(gc.isenabled()) or 0)
    assert tui.entry.main() == 0
    assert seen == [False]
    assert gc.isenabled()


def test_the_collector_resumes_when_the_command_line_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def fails() -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(tui.cli, "main", fails)
    with pytest.raises(KeyboardInterrupt):
        tui.entry.main()
    assert gc.isenabled()


def test_a_collector_already_off_stays_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tui.cli, "main", lambda: 0)
    gc.disable()
    tui.entry.main()
    assert not gc.isenabled()


@pytest.mark.parametrize("command", [["scripts", "list"], ["doctor"]])
def test_commands_other_than_the_app_collect_as_usual(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(tui.cli, "command_scripts_list", lambda library: seen.append(gc.isenabled()) or 0)
    monkeypatch.setattr("tui.store.doctor.run_doctor", lambda folder, out: seen.append(gc.isenabled()) or 0)
    monkeypatch.setenv("HEARTHSIDE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HEARTHSIDE_CACHE_DIR", str(tmp_path / "cache"))
    gc.disable()
    assert tui.cli.main(command) == 0
    assert seen == [True]


async def test_the_app_keeps_the_collector_paused_through_its_start() -> None:
    gc.disable()
    app = make_app(load_library())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not gc.isenabled()  # home is drawn; the pause lasts COLLECTOR_PAUSE_SECONDS (1 s)


async def test_the_app_collects_again_once_the_pause_is_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tui.app, "COLLECTOR_PAUSE_SECONDS", 0.001)
    gc.disable()
    app = make_app(load_library())
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):  # the 1 ms timer fires within a few turns of the loop
            if gc.isenabled():
                break
            await pilot.pause()
        assert gc.isenabled()
