"""Every node kind in the app: how a user answers it by keys and what the session records."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import Static

from lm_tui.ui.screens.checklist import ChecklistScreen
from lm_tui.ui.screens.choice import ChoiceScreen
from lm_tui.ui.screens.info import InfoScreen
from lm_tui.ui.screens.number import NumberScreen
from lm_tui.ui.screens.outcome import OutcomeScreen
from lm_tui.ui.screens.welcome import WelcomeScreen
from lm_tui.ui.widgets.checklist import Checklist
from lm_tui.ui.widgets.choice_list import ChoiceList
from lm_tui.ui.widgets.start_note import start_note_content
from tests.ui.answers import CHILD, EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer_until, start, walk


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def test_the_start_note_names_the_source_ids_when_they_fit(houseplant_flow):
    note = start_note_content(houseplant_flow).plain
    assert len(houseplant_flow.file.sources) > 0
    for source_id in houseplant_flow.file.sources:
        assert source_id in note
    assert "cited in full" not in note


async def test_the_app_opens_on_the_first_question_with_the_disclaimer_flow_and_sources(
    app_factory, bundled_flow
):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen) is ChoiceScreen
        assert app.screen.node_id == bundled_flow.start
        note = text_of(app.screen, "#start-note")
        assert bundled_flow.file.flow.disclaimer in note
        assert f"{bundled_flow.id} {bundled_flow.version}" in note
        # The bundled flow cites too many sources for their ids to leave the question in view:
        # the note gives their count and where the citations are (a short list: next test).
        assert f"{len(bundled_flow.file.sources)} sources, cited in full" in note
        # At 80x24 the note leaves the question, every option and the key hint in view.
        question = app.screen.query_one("#question")
        assert question.max_scroll_y == 0
        assert app.screen.query_one("#start-note").region.bottom <= SIZE[1] - 1

        await pilot.press("escape")  # before the first question: the about screen
        await pilot.pause()
        assert type(app.screen) is WelcomeScreen
        assert "does not replace" in text_of(app.screen, "#disclaimer")
        assert bundled_flow.version in text_of(app.screen, "#flow-version")
        sources = text_of(app.screen, "#sources")
        for source in bundled_flow.file.sources.values():
            assert source.citation in sources

        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("2", "enter")  # the first answer: the note has done its job
        await pilot.pause()
        assert app.session.answers
        assert not app.screen.query("#start-note")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen) is ChoiceScreen
        assert app.screen.node_id == bundled_flow.start
        assert not app.screen.query("#start-note")


async def test_a_digit_picks_and_only_enter_confirms(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert type(app.screen) is ChoiceScreen
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.query_one(ChoiceList).highlighted_value == "lung"
        assert app.session.answers == {}
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers == {"primary_tumor": "lung"}
        assert app.session.current == "driver_lung"
        assert type(app.screen) is ChoiceScreen


async def test_checklist_ticks_by_key_and_space_and_confirms_the_set(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, {"primary_tumor": "colorectal"}, "symptoms")
        assert type(app.screen) is ChecklistScreen
        checklist = app.screen.query_one(Checklist)
        await pilot.press("1", "5", "1", "b")  # tick, tick, untick, tick the 11th item
        await pilot.press("up", "space")  # item 10 ticked with the highlight
        await pilot.pause()
        assert checklist.ticked == {"cranial_nerve_palsy", "neck_back_pain", "radicular_pain"}
        assert app.session.answers.get("symptoms") is None
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["symptoms"] == frozenset(
            {"cranial_nerve_palsy", "radicular_pain", "neck_back_pain"}
        )


async def test_checklist_with_nothing_ticked_answers_none(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, {"primary_tumor": "gastric"}, "symptoms")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["symptoms"] == frozenset()
        assert app.session.current == "raised_icp"


async def test_number_screen_shows_the_range_and_refuses_off_grid_values(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, example_answers(EGFR), "kps")
        assert type(app.screen) is NumberScreen
        assert "0 to 100 % in steps of 10" in text_of(app.screen, "#allowed")
        await pilot.press("7", "5", "enter")
        await pilot.pause()
        assert type(app.screen) is NumberScreen
        assert "kps" not in app.session.answers
        error = text_of(app.screen, "#answer-error")
        # the two steps either side, in words (issue 14, item 7), not "75 is not on the step"
        assert "Karnofsky performance status is recorded in steps of 10: 70 or 80" in error
        assert "not on the step" not in error
        await pilot.press("ctrl+a", "ctrl+k", "a", "b", "enter")
        await pilot.pause()
        assert "not a number" in text_of(app.screen, "#answer-error")
        await pilot.press("ctrl+a", "ctrl+k", "1", "2", "0", "enter")
        await pilot.pause()
        assert "out of range" in text_of(app.screen, "#answer-error")
        await pilot.press("ctrl+a", "ctrl+k", "7", "0", "up", "up", "down", "enter")
        await pilot.pause()
        assert app.session.answers["kps"] == Decimal(80)
        assert app.session.current == "life_expectancy_short"


async def test_decimal_age_is_accepted_exactly(app_factory):
    app = app_factory()
    answers = example_answers(CHILD) | {"age_years": 17.9}
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, answers, "age_years")
        await pilot.press(*"17.9", "enter")
        await pilot.pause()
        assert app.session.answers["age_years"] == Decimal("17.9")
        await walk(pilot, answers)  # the dose is known once IT eligibility is
        assert app.session.evaluator.derived("it_mtx_dose_mg") == Decimal(12)


async def test_info_node_continues_with_enter(app_factory, houseplant_flow):
    app = app_factory(houseplant_flow)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await answer_until(pilot, {"light": "bright", "pets": [], "hours_away": 3}, "tip")
        assert type(app.screen) is InfoScreen
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen) is OutcomeScreen
        assert [step.node for step in app.session.path][-1] == "tip"


async def test_outcome_shows_filled_recommendations_sections_and_the_review(
    app_factory, bundled_flow
):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, example_answers(CHILD))
        assert type(app.screen) is OutcomeScreen
        plan = " ".join(str(w.render()) for w in app.screen.query(".recommendation"))
        for rec_id in app.session.evaluator.recommendations():
            assert bundled_flow.recommendations[rec_id].title in plan
        assert "methotrexate 10 mg a dose" in plan  # the age-based dose, filled in
        sections = " ".join(str(w.render()) for w in app.screen.query(".section-title"))
        assert "Prognosis" in sections
        review = app.screen.query_one("#review-list")
        assert review.option_count == len(app.session.answers)
