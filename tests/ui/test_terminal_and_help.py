"""Terminal realities (too small, NO_COLOR) and the help screen's content."""

from __future__ import annotations

from textual.widgets import Static

from lm_tui.ui.modals.help import HelpModal
from lm_tui.ui.screens.choice import ChoiceScreen
from lm_tui.ui.screens.too_small import TooSmallScreen
from tests.ui.answers import EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer, answer_until, start, wait_for


async def test_below_80x24_a_message_replaces_the_layout_and_recovers(app_factory):
    app = app_factory()
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        assert type(app.screen) is TooSmallScreen
        message = str(app.screen.query_one("#too-small", Static).render())
        assert "70×20" in message and "80×24" in message
        await pilot.press("enter", "ctrl+s", "f1")  # nothing happens underneath or on top
        await pilot.pause()
        assert type(app.screen) is TooSmallScreen
        assert app.session.answers == {}
        await pilot.resize_terminal(*SIZE)
        await wait_for(pilot, lambda: type(app.screen) is ChoiceScreen, "the question at 80x24")
        await answer(pilot, "lung")
        await pilot.resize_terminal(80, 23)
        await wait_for(pilot, lambda: type(app.screen) is TooSmallScreen, "the message at 80x23")
        await pilot.resize_terminal(100, 30)
        await wait_for(pilot, lambda: type(app.screen) is ChoiceScreen, "the question at 100x30")
        assert app.screen.node_id == "driver_lung"


async def test_no_color_is_respected(app_factory, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert app.no_color
        assert app.screen.query_one("#choices").has_pseudo_class("nocolor")


async def test_help_shows_rationale_full_citations_and_grade(app_factory, bundled_flow):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, example_answers(EGFR), "csf_cytology")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        node = bundled_flow.nodes["csf_cytology"]
        assert app.screen.topic.text == node.help
        sources = str(app.screen.query_one("#help-sources", Static).render())
        for source_id in node.sources:
            assert bundled_flow.file.sources[source_id].citation in sources
        assert node.grade in str(app.screen.query_one("#help-grade", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen) is ChoiceScreen


async def test_question_mark_types_into_a_note_instead_of_opening_help(app_factory):
    app = app_factory()
    answers = example_answers("breast-kps70-borderline-good")
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, answers, "branch_choice")
        await pilot.press("tab", "w", "h", "y", "question_mark")
        await pilot.pause()
        assert type(app.screen) is ChoiceScreen
        assert app.screen.query_one("#note").value == "why?"
