"""The work done while the first question is read (lm_tui/ui/build_ahead.py) and the screens
shown again without a restyle: nothing of it may change what the user sees."""

from __future__ import annotations

import gc

from textual.widget import Widget

from lm_tui.ui.screens.choice import ChoiceScreen
from lm_tui.ui.screens.number import NumberScreen
from tests.ui.answers import EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer, start


async def test_a_screen_for_every_kind_is_ready_once_the_first_question_is_up(
    app_factory, bundled_flow
):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.pause()
        kinds = {node.kind for node in bundled_flow.nodes.values()}
        assert set(app.node_screens) == kinds
        for kind, screen in app.node_screens.items():
            assert screen.is_mounted, kind
        assert type(app.screen) is ChoiceScreen  # built unseen: the first question stays up
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0  # handed back to the collector when the app exits


async def test_a_theme_change_reaches_a_question_screen_that_was_away(app_factory):
    """The node screens skip Textual's restyle when shown again; a theme change made while
    one was away must still show on it."""
    app = app_factory()
    answers = example_answers(EGFR)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        for _ in range(30):  # on to the first number question
            if isinstance(app.screen, NumberScreen):
                break
            variable = app.session.flow.asked_variable(app.session.current)
            await answer(pilot, answers[variable] if variable else None)
        number_screen = app.screen
        assert isinstance(number_screen, NumberScreen)
        dark = number_screen.query_one("#context", Widget).styles.background
        await pilot.press("escape")  # back to the question before, a choice
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        app.theme = "textual-light"
        await pilot.pause()
        light = app.screen.query_one("#context", Widget).styles.background
        assert light != dark
        variable = app.session.flow.asked_variable(app.session.current)
        await answer(pilot, answers[variable])
        assert app.screen is number_screen
        assert number_screen.query_one("#context", Widget).styles.background == light
