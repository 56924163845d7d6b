"""Progress reads "Step 2 of about 4": the longest way on from the flow graph (issue 14)."""

from __future__ import annotations

from lm_tui.ui.widgets.progress_line import ProgressLine
from tests.ui.conftest import SIZE
from tests.ui.keys import answer, start


def progress_text(app) -> str:
    return str(app.screen.query_one(ProgressLine).render())


async def test_the_step_says_how_many_there_are_at_most(app_factory, houseplant_flow):
    # houseplant: light -> (low light only) humid -> pets -> away -> tip (info) -> done
    app = app_factory(houseplant_flow)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert progress_text(app).startswith("Step 1 of about 5 · ")
        await answer(pilot, "bright")  # humid is off this path: one step fewer at most
        assert progress_text(app).startswith("Step 2 of about 4 · ")
        await pilot.press("escape")
        await pilot.pause()
        await answer(pilot, "low")
        assert progress_text(app).startswith("Step 2 of about 5 · ")
