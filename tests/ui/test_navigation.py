"""Back, the borderline branch decision with its reason, critical pitfalls, and changing an
answer from the review list or the command palette."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import Static

from lm_tui.ui.modals.acknowledge import AcknowledgeModal
from lm_tui.ui.screens.choice import ChoiceScreen
from lm_tui.ui.screens.number import NumberScreen
from lm_tui.ui.screens.outcome import OutcomeScreen
from lm_tui.ui.screens.welcome import WelcomeScreen
from lm_tui.ui.widgets.choice_list import ChoiceList
from lm_tui.ui.widgets.context_panel import ContextText
from tests.ui.answers import BORDERLINE, EGFR, OBSTRUCTED, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer, answer_until, run_command, start, walk


def context_text(app) -> str:
    return str(app.screen.query_one(ContextText).render())


async def test_escape_goes_back_one_node_with_the_answer_preselected(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer(pilot, "melanoma")
        await answer(pilot, "braf_mutant")
        assert app.session.current == "symptoms"
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.current == "driver_melanoma"
        assert "driver" not in app.session.answers
        assert app.screen.query_one(ChoiceList).highlighted_value == "braf_mutant"
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.current == "primary_tumor"
        assert app.screen.query_one(ChoiceList).highlighted_value == "melanoma"
        await pilot.press("escape")  # before the first question: the welcome screen
        await pilot.pause()
        assert type(app.screen) is WelcomeScreen
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen) is ChoiceScreen


async def test_borderline_branch_shows_in_the_panel_and_records_choice_and_reason(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, example_answers(BORDERLINE), "branch_choice")
        assert type(app.screen) is ChoiceScreen
        assert "Branch by rule: borderline" in context_text(app)
        assert "Branch decided by: clinician" in context_text(app)
        assert "KPS" in str(app.screen.query_one("#prompt", Static).render())  # both rules shown
        await pilot.press("1", "tab", *"fit, discussed at MDT", "enter")
        await pilot.pause()
        assert app.session.answers["branch_choice"] == "good"
        assert [(n.node, n.text) for n in app.session.notes] == [
            ("branch_choice", "fit, discussed at MDT")
        ]
        assert app.session.evaluator.derived("branch") == "good"
        assert "Branch: good" in context_text(app)


async def test_critical_pitfall_needs_a_key_and_a_confirmation(app_factory):
    app = app_factory()
    answers = example_answers(OBSTRUCTED)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, answers, "planned")
        await answer(pilot, answers["planned"])
        assert isinstance(app.screen, AcknowledgeModal)
        first = app.screen.pitfall_id
        assert first in app.session.unacknowledged_critical()
        await pilot.press("y")  # y alone does nothing: `a` comes first
        await pilot.pause()
        assert app.session.acknowledged == {}
        await pilot.press("a", "n")  # asked to confirm, said no
        await pilot.pause()
        assert isinstance(app.screen, AcknowledgeModal)
        assert app.session.acknowledged == {}
        await pilot.press("a", "y")
        await pilot.pause()
        assert first in app.session.acknowledged
        assert isinstance(app.screen, AcknowledgeModal)  # the second critical pitfall
        second = app.screen.pitfall_id
        assert second != first
        await pilot.press("a", "y")
        await pilot.pause()
        assert set(app.session.acknowledged) == {first, second}
        assert app.session.current == "mtx_formulation"
        assert "acknowledged" in context_text(app)
        assert "NOT acknowledged" not in context_text(app)


async def test_escape_at_a_critical_pitfall_goes_back_to_change_the_answer(app_factory):
    app = app_factory()
    answers = example_answers(OBSTRUCTED)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, answers, "planned")
        await answer(pilot, answers["planned"])
        assert isinstance(app.screen, AcknowledgeModal)
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.current == "planned"
        assert "planned" not in app.session.answers
        assert app.session.acknowledged == {}
        # The plan comes back ticked as it was; the same keys untick both items.
        await answer(pilot, answers["planned"])
        assert type(app.screen) is OutcomeScreen
        assert app.session.answers["planned"] == frozenset()
        assert app.session.raised_pitfalls() == []


async def test_review_list_edit_asks_only_the_new_question_and_returns(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, example_answers(EGFR))
        assert type(app.screen) is OutcomeScreen
        before = dict(app.session.answers)
        await pilot.press("r")
        await pilot.pause()
        review = app.screen.query_one("#review-list")
        kps_row = [option.id for option in review.options].index("kps")
        review.highlighted = kps_row
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen) is NumberScreen
        assert app.screen.editing
        await pilot.press("ctrl+a", "ctrl+k", "7", "0", "enter")
        await pilot.pause()
        # KPS 70 is borderline: the branch question is new on the path, and only it is asked
        assert app.session.answers["kps"] == Decimal(70)
        assert app.session.current == "branch_choice"
        notice = str(app.screen.query_one("#notice", Static).render())
        assert "new on the path" in notice and "dropped" not in notice
        await answer(pilot, "good")
        # back at the outcome at once: the plan and every later answer were kept, not re-asked
        assert type(app.screen) is OutcomeScreen
        assert app.session.is_complete
        gone = set(before) - set(app.session.answers)
        assert set(app.session.last_dropped) == gone  # named, and nothing else dropped
        for variable, value in before.items():
            if variable != "kps" and variable not in gone:
                assert app.session.answers[variable] == value
        assert "planned" not in gone
        assert app.session.evaluator.derived("branch_basis") == "clinician"
        assert "mdt_discussion" in app.session.evaluator.recommendations()


async def test_escape_while_editing_keeps_the_answer(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, example_answers(EGFR))
        before = dict(app.session.answers)
        events = len(app.session.events)
        app.edit_node("primary_tumor")
        await pilot.pause()
        assert type(app.screen) is ChoiceScreen and app.screen.editing
        await pilot.press("5", "escape")
        await pilot.pause()
        assert type(app.screen) is OutcomeScreen
        assert dict(app.session.answers) == before
        assert len(app.session.events) == events


async def test_palette_jump_opens_an_answer_for_editing(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, example_answers(EGFR))
        await run_command(pilot, "Jump to: Extracranial")
        assert type(app.screen) is ChoiceScreen
        assert app.screen.editing and app.screen.node_id == "extracranial"
        await pilot.press("2", "enter")  # uncontrolled: KPS 80 becomes borderline
        await pilot.pause()
        assert app.session.answers["extracranial"] == "uncontrolled"
        assert app.session.current == "branch_choice"


async def test_palette_switches_theme(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_command(pilot, "Theme: light")
        assert app.theme == "textual-light"
