"""Wording a clinician reads at 80x24 (issue 14, item 7)."""

from __future__ import annotations

from textual.widgets import Static

from lm_tui.ui.screens.checklist import ChecklistScreen
from tests.ui.answers import EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer_until, start


async def test_the_checklist_hint_fits_one_line_and_says_what_no_tick_means(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, example_answers(EGFR), "symptoms")
        assert type(app.screen) is ChecklistScreen
        hint = app.screen.query_one("#key-hint", Static)
        assert hint.size.height == 1  # it wrapped into a second line reading "none = none"
        assert "no tick = none" in str(hint.render())
