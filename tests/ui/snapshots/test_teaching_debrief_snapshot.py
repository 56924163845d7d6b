"""Snapshot of the debrief screen at 80x24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from lm_tui.flow.definition import Flow
from lm_tui.resources import cases_dir
from lm_tui.teaching.attempt import CaseAttempt
from lm_tui.teaching.cases import load_case
from lm_tui.ui.teaching.app import TeachingApp
from lm_tui.ui.teaching.debrief import DebriefScreen
from tests.ui.conftest import SIZE, fixed_clock
from tests.ui.keys import answer


def test_debrief_after_a_wrong_kps(snap_compare: Any, bundled_flow: Flow, tmp_path: Path) -> None:
    """kps-70-borderline answered with KPS 80 (wrong) and the rest as expected: the score (3 of 5)
    and the first decision, marked wrong, with the trainee's answer beside the expected one, the
    reason and its source; cursor blink off and a fixed clock, so the picture is stable."""
    case = load_case(cases_dir() / "kps-70-borderline.toml")
    attempt = CaseAttempt.start(case, bundled_flow, feedback="end", clock=fixed_clock)
    app = TeachingApp(attempt, tmp_path, blink=False, clock=fixed_clock)

    async def reach_the_debrief(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")
        await pilot.pause()
        await answer(pilot, 80)
        await answer(pilot, [])
        await answer(pilot, "not_assessed")
        await answer(pilot, "yes")
        await answer(pilot, ["systemic_targeted"])
        assert isinstance(app.screen, DebriefScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=reach_the_debrief)
