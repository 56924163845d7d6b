"""The start pauses garbage collection; the app resumes it once its first screen is up."""

from __future__ import annotations

import gc

from lm_tui.ui.screens.choice import ChoiceScreen
from tests.ui.conftest import SIZE


async def test_collection_paused_for_the_start_resumes_after_the_first_paint(app_factory):
    app = app_factory()
    app.collection_paused = True
    gc.disable()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            assert gc.isenabled()
            assert not app.collection_paused
            assert gc.get_freeze_count() > 0  # frozen once screens are built ahead
    finally:
        gc.enable()
        gc.unfreeze()


async def test_an_app_started_with_collection_on_leaves_it_alone(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        # (The heap is frozen later, once the other screens are built ahead: test_build_ahead.)
