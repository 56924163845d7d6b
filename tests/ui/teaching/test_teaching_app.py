"""Teaching mode in the app, walked by keys at 80x24: the picker, the brief, both feedback
modes, locked facts, the case hint in help, the debrief and the export with the marks."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import OptionList, Static

from lm_tui.flow.definition import Flow
from lm_tui.resources import cases_dir
from lm_tui.teaching.attempt import CaseAttempt, Feedback
from lm_tui.teaching.cases import load_case, load_cases
from lm_tui.ui.modals.help import HelpModal
from lm_tui.ui.screens.node import NodeScreen
from lm_tui.ui.screens.outcome import OutcomeScreen
from lm_tui.ui.teaching.app import TeachingApp
from lm_tui.ui.teaching.brief import CaseBriefScreen
from lm_tui.ui.teaching.debrief import DebriefScreen, PlanItems
from lm_tui.ui.teaching.feedback import DecisionFeedbackModal
from lm_tui.ui.teaching.picker import CasePickerApp
from tests.ui.conftest import FIXED_TIME, SIZE, fixed_clock
from tests.ui.keys import answer
from tests.unit.teaching.case_helpers import KPS80_VERDICTS

CASE = "kps-70-borderline"
"""Decisions: kps (70), branch_choice (good, asked only when KPS makes the branch borderline),
csf_flow (not_assessed) and ommaya_feasible (yes), asked only on the good branch, planned
(systemic_targeted). Everything else is a locked fact."""


def teaching_app(flow: Flow, export_dir: Path, feedback: Feedback) -> TeachingApp:
    case = load_case(cases_dir() / f"{CASE}.toml")
    attempt = CaseAttempt.start(case, flow, feedback=feedback, clock=fixed_clock)
    return TeachingApp(attempt, export_dir, blink=False, clock=fixed_clock)


def shown_text(screen: object, selector: str) -> str:
    assert hasattr(screen, "query_one")
    return str(screen.query_one(selector, Static).render())


async def test_the_picker_lists_every_case_and_returns_the_one_chosen() -> None:
    folder = load_cases([cases_dir()])
    app = CasePickerApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.option_count == len(folder.cases) >= 11
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.return_value == folder.cases[1].id


async def test_leaving_the_picker_chooses_nothing() -> None:
    app = CasePickerApp(load_cases([cases_dir()]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is None


async def test_end_feedback_walk_keeps_the_verdicts_for_the_debrief(
    bundled_flow: Flow, tmp_path: Path
) -> None:
    app = teaching_app(bundled_flow, tmp_path, "end")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CaseBriefScreen)
        facts = shown_text(app.screen, "#case-facts")
        assert "ALK rearrangement" in facts and "Karnofsky" not in facts
        await pilot.press("enter")
        await pilot.pause()
        # The facts before KPS are filled in: the first question is the first decision.
        assert isinstance(app.screen, NodeScreen) and app.screen.node_id == "kps"
        assert app.session.answers["mri_pattern"] == "linear"
        await answer(pilot, 80)  # wrong: and with no poor-risk feature the branch is good
        assert isinstance(app.screen, NodeScreen), "no verdict yet in end mode"
        assert app.screen.node_id == "nccn_poor_risk", "open in this case: not a fact"
        await answer(pilot, [])
        assert app.screen.node_id == "csf_flow", "borderline question skipped, facts filled"
        await answer(pilot, "not_assessed")
        await answer(pilot, "yes")
        assert isinstance(app.screen, NodeScreen) and app.screen.node_id == "planned"
        await answer(pilot, ["systemic_targeted"])
        assert isinstance(app.screen, DebriefScreen)
        debrief = app.screen.debrief
        assert (debrief.score, debrief.max_score) == (3, 5)
        assert [line.verdict for line in debrief.decisions] == KPS80_VERDICTS
        assert "score 3 of 5" in shown_text(app.screen, "#debrief-score")
        expected = shown_text(app.screen, "#debrief-expected")
        assert "Multidisciplinary discussion" in expected
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)


async def test_immediate_feedback_after_each_decision(bundled_flow: Flow, tmp_path: Path) -> None:
    app = teaching_app(bundled_flow, tmp_path, "immediate")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await answer(pilot, 70)
        assert isinstance(app.screen, DecisionFeedbackModal)
        assert app.screen.mark.variable == "kps" and app.screen.mark.correct
        assert "As expected" in shown_text(app.screen, "#feedback-verdict")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NodeScreen) and app.screen.node_id == "branch_choice"
        await answer(pilot, "poor")
        assert isinstance(app.screen, DecisionFeedbackModal)
        assert not app.screen.mark.correct
        assert "Not the expected answer" in shown_text(app.screen, "#feedback-verdict")
        assert "Treat as good" in shown_text(app.screen, "#feedback-answers")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NodeScreen) and app.screen.node_id == "planned"
        await answer(pilot, ["best_supportive_care"])
        assert isinstance(app.screen, DecisionFeedbackModal), "the last verdict comes first"
        items = app.screen.query_one("#feedback-items", PlanItems).text()
        assert "+ missing: Systemic targeted therapy" in items
        assert "− not expected: Best supportive care" in items
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert (app.screen.debrief.score, app.screen.debrief.max_score) == (1, 5)


async def test_a_fact_cannot_be_reopened_from_the_review(
    bundled_flow: Flow, tmp_path: Path
) -> None:
    app = teaching_app(bundled_flow, tmp_path, "end")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await answer(pilot, 80)
        await answer(pilot, [])
        await answer(pilot, "not_assessed")
        await answer(pilot, "yes")
        await answer(pilot, ["systemic_targeted"])
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        app.edit_node("mri_pattern")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert app.session.answers["mri_pattern"] == "linear"
        app.edit_node("kps")  # a decision may be changed
        await pilot.pause()
        assert isinstance(app.screen, NodeScreen) and app.screen.node_id == "kps"


async def test_help_at_a_decision_adds_the_case_hint(bundled_flow: Flow, tmp_path: Path) -> None:
    app = teaching_app(bundled_flow, tmp_path, "end")
    hint = app.attempt.case.explain["kps"].hint
    assert hint
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        assert hint in app.screen.topic.text


async def test_ctrl_s_saves_the_attempt_with_its_marks(bundled_flow: Flow, tmp_path: Path) -> None:
    app = teaching_app(bundled_flow, tmp_path, "end")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await answer(pilot, 70)
        await answer(pilot, "good")
        await answer(pilot, "not_assessed")
        await answer(pilot, "yes")
        await answer(pilot, ["systemic_targeted"])
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    saved = tmp_path / f"{CASE}-attempt-{FIXED_TIME:%Y%m%d-%H%M%S}.toml"
    document = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert document["session"]["mode"] == "teaching"
    assert (document["teaching"]["score"], document["teaching"]["max_score"]) == (5, 5)
    assert document["outcome"]["branch_basis"] == "clinician"


async def test_the_feedback_on_a_wrong_plan_fits_80x24_with_sources_and_keys(
    bundled_flow: Flow, tmp_path: Path
) -> None:
    """The blocked-flow case with a plan full of mistakes: the box names each wrong item with
    the pitfall it raises, and at 80x24 its source ids and "Enter continue" stay on screen
    (only the middle scrolls)."""
    case = load_case(cases_dir() / "obstructed-csf-flow.toml")
    attempt = CaseAttempt.start(case, bundled_flow, feedback="immediate", clock=fixed_clock)
    app = TeachingApp(attempt, tmp_path, blink=False, clock=fixed_clock)
    plan = ["systemic_chemo", "it_methotrexate", "lumbar_route", "craniospinal_rt"]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        for raw in ("obstructed", "no"):
            await answer(pilot, raw)
            assert isinstance(app.screen, DecisionFeedbackModal)
            await pilot.press("enter")
            await pilot.pause()
        await answer(pilot, plan)
        assert isinstance(app.screen, DecisionFeedbackModal)
        assert app.screen.mark.variable == "planned"
        items = app.screen.query_one("#feedback-items", PlanItems).text()
        assert "✓ right: Systemic chemotherapy" in items
        assert "+ missing: Focal radiotherapy" in items
        assert "✗ contraindicated: Intrathecal methotrexate" in items
        assert "Craniospinal radiotherapy with methotrexate:" in items
        assert "Intrathecal drug with blocked CSF flow:" in items
        dialog = app.screen.query_one("#feedback-dialog").content_region
        assert dialog.bottom <= 24
        for selector in ("#feedback-sources", ".dialog-keys"):
            region = app.screen.query_one(selector).region
            assert region.height > 0, selector
            assert dialog.contains_region(region), f"{selector} is cut off: {region} in {dialog}"
        assert "more ↓ · ↑ ↓ scroll · Enter continue" in shown_text(app.screen, ".dialog-keys")
        await pilot.press("end")
        await pilot.pause()
        assert "more ↓" not in shown_text(app.screen, ".dialog-keys"), "at the end, no mark"
        assert "Enter continue" in shown_text(app.screen, ".dialog-keys")
        assert "chamberlain_1998" in shown_text(app.screen, "#feedback-sources")
