"""The start pauses garbage collection; the app resumes it once its first screen is up."""

from __future__ import annotations

import asyncio
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
            # Frozen once the screens are built ahead: on a loaded machine that takes longer
            # than one pause, so wait for it (bounded) rather than for a fixed moment.
            await asyncio.wait_for(app.built_ahead.wait(), timeout=20)
            await pilot.pause()
            assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


async def test_an_app_started_with_collection_on_leaves_it_alone(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        # (The heap is frozen later, once the other screens are built ahead: test_build_ahead.)


async def test_quitting_while_screens_are_built_ahead_raises_nothing(app_factory):
    """The other screens are built unseen just after the start (backstage.py); a quit in that
    window once closed a half-mounted outcome screen, and Textual's tabs raised at exit (a
    traceback for the user). Quits at every moment of the window must end cleanly."""
    import asyncio

    for step in range(16):
        app = app_factory()
        async with app.run_test(size=SIZE):
            await asyncio.sleep(step * 0.01)
        # run_test re-raises whatever the app raised while it ran or closed
        assert app.return_code in (None, 0)


async def test_ctrl_q_at_the_first_question_while_screens_are_built_ahead_raises_nothing(
    app_factory,
):
    """Ctrl+Q at once: the app's workers are cancelled as its message loop ends, while a
    footer of a screen built unseen still has its keys to build; the footer's callback then
    set the result of a cancelled future (InvalidStateError, a crash at quit)."""
    for _ in range(3):
        app = app_factory()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+q")
        # run_test re-raises whatever the app raised while it ran or closed
        assert app.return_code == 0
