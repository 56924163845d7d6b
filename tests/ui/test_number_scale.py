"""The number screen shows a scale's labelled values, marks the one typed, and fits 80x24."""

from __future__ import annotations

from textual.widgets import Static

from lm_tui.ui.screens.number import NumberScreen
from tests.ui.answers import EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer_until, start


async def test_kps_screen_lists_the_karnofsky_steps_and_marks_the_typed_one(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, example_answers(EGFR), "kps")
        screen = app.screen
        assert isinstance(screen, NumberScreen)
        scale = screen.query_one("#scale", Static)
        shown = str(scale.render())
        assert "100  Normal" in shown and "10  Moribund" in shown
        assert ">" not in shown  # nothing typed yet: nothing marked

        await pilot.press("6", "0")
        await pilot.pause()
        marked = [line for line in str(scale.render()).splitlines() if line.startswith(">")]
        assert marked == [">  60  Occasional help; most self-care"]

        # Question, field, key hint and the whole scale are in view without scrolling.
        assert screen.query_one("#question").max_scroll_y == 0


async def test_a_number_without_anchors_shows_no_scale(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, example_answers(EGFR), "age_years")
        assert isinstance(app.screen, NumberScreen)
        assert not app.screen.query_one("#scale", Static).display
