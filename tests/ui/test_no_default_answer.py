"""No question starts with an option picked: a bare Enter records nothing (issue 14, item 1).

Before, Enter on a fresh question recorded its first option ("Breast cancer", raised ICP
"Yes", ...). Now the cursor may rest on an option, but only a digit, Space or a click picks,
and a pre-selection exists only for an answer given before, marked as such.
"""

from __future__ import annotations

from textual.widgets import Static

from lm_tui.ui.screens.choice import ChoiceScreen
from lm_tui.ui.widgets.choice_list import ChoiceList
from tests.ui.answers import EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer, answer_until, start


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_bare_enter_on_a_new_question_records_nothing(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        first = app.session.current
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers == {}
        assert app.session.current == first
        assert "Pick an option first" in shown(app, "#answer-error")
        assert app.screen.query_one(ChoiceList).picked is None


async def test_every_choice_on_a_path_waits_for_a_pick(app_factory):
    app = app_factory()
    answers = example_answers(EGFR)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        for _ in range(40):
            if app.session.is_complete:
                break
            if type(app.screen) is ChoiceScreen:
                before = len(app.session.events)
                await pilot.press("enter")
                await pilot.pause()
                assert len(app.session.events) == before, app.session.current
            variable = app.session.flow.asked_variable(app.session.current)
            await answer(pilot, answers[variable] if variable else None)
            while not isinstance(app.screen, ChoiceScreen) and app.screen.is_modal:
                await pilot.press("a", "y")
                await pilot.pause()


async def test_space_picks_the_option_under_the_cursor_and_marks_it(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("down", "space")
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        assert choices.picked == 1
        assert "(•)" in str(choices.get_option_at_index(1).prompt)
        assert "( )" in str(choices.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        offered = list(app.session.flow.offered_values(app.session.flow.start))
        assert list(app.session.answers.values()) == [offered[1]]


async def test_an_answer_given_before_is_the_only_preselection_and_says_so(app_factory):
    app = app_factory()
    answers = example_answers(EGFR)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, answers, "driver_lung")
        assert "pre-selected" not in shown(app, "#notice")
        await pilot.press("escape")
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        assert choices.picked_value == answers["primary_tumor"]
        assert "earlier answer is pre-selected" in shown(app, "#notice")
        await pilot.press("enter")  # keeps the earlier answer
        await pilot.pause()
        assert app.session.current == "driver_lung"
