"""Quitting asks exactly when something would be lost (issue 14, item 4).

A session resumed from its autosave was never saved by the user, yet Ctrl+Q quit at once; and
Esc from the outcome (then Enter on the same answer) marked an unchanged session "unsaved".
"""

from __future__ import annotations

from lm_tui.session.autosave import Autosaver
from lm_tui.ui.modals.confirm import ConfirmModal
from lm_tui.ui.screens.outcome import OutcomeScreen
from tests.ui.answers import EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import leave_unfinished, start, walk


async def test_quit_asks_after_resuming_an_autosave(app_factory, tmp_path):
    folder = tmp_path / "autosave"
    await leave_unfinished(app_factory, folder, example_answers(EGFR), "mri_pattern")
    saver = Autosaver(folder)
    app = app_factory(autosaver=saver, pending=saver.pending())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.unsaved
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)


async def test_back_from_the_outcome_and_forth_again_leaves_a_saved_session_saved(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, example_answers(EGFR))
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        assert not app.unsaved
        await pilot.press("escape")  # back to the last question, its answer pre-selected
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen) is OutcomeScreen
        assert not app.unsaved
        assert app.save_state == "saved"
