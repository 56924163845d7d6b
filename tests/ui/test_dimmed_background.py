"""The faster tint under dialogs must draw exactly what Textual's own tint draws."""

from __future__ import annotations

from textual._context import visible_screen_stack
from textual.color import Color
from textual.renderables.background_screen import BackgroundScreen

from lm_tui.ui.modals.acknowledge import AcknowledgeModal
from lm_tui.ui.modals.dimmed import DimmedScreen
from tests.ui.conftest import SIZE
from tests.ui.keys import start


async def test_tinted_segments_match_textuals(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        segments = list(app.console.render(app.screen._compositor, app.console.options))
        assert len({segment.style for segment in segments}) > 3  # a real screen, many styles
        for color in (Color(0, 0, 0, 0.6), Color(255, 255, 255, 0.3), Color(10, 20, 30, 0)):
            ours = list(DimmedScreen.process_segments(segments, color))
            textuals = list(BackgroundScreen.process_segments(segments, color))
            assert ours == textuals


async def test_the_pitfall_dialog_draws_the_screen_beneath_with_the_faster_tint(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        modal = AcknowledgeModal(app.session.flow, next(iter(app.session.flow.pitfalls)), 1, 1)
        await app.push_screen(modal)
        await pilot.pause()
        # What the compositor sets before it draws a screen (pinned Textual 8.2.8: checked).
        visible_screen_stack.set(list(app._background_screens))
        assert isinstance(modal.render(), DimmedScreen)
