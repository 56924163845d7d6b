"""No unfinished session is left on offer when nothing would be lost (issue 14, item 3).

An exported session was offered again after Esc from the outcome and Enter on the same answer;
going back to the about screen and quitting left a "0 answer(s)" session on offer.
"""

from __future__ import annotations

from lm_tui.session.autosave import Autosaver
from lm_tui.ui.screens.welcome import WelcomeScreen
from tests.ui.answers import EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer, start, walk


async def test_an_exported_session_unchanged_after_esc_is_not_left_on_offer(app_factory, tmp_path):
    folder = tmp_path / "autosave"
    app = app_factory(autosaver=Autosaver(folder))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, example_answers(EGFR))
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        await pilot.press("escape")  # back to the last question
        await pilot.pause()
        await pilot.press("enter")  # the same answer again: the outcome, as exported
        await pilot.pause()
        assert not app.unsaved
    assert Autosaver(folder).pending() == []


async def test_back_to_the_about_screen_leaves_no_empty_session(app_factory, tmp_path):
    folder = tmp_path / "autosave"
    app = app_factory(autosaver=Autosaver(folder))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, "lung")
        assert len(list(folder.glob("*.toml"))) == 1
        await pilot.press("escape", "escape")  # back to the first question, then the about
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
    assert Autosaver(folder).pending() == []
