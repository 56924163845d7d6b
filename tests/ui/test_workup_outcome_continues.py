"""The work-up outcome says how to go on when the results come (issue 14, item 7): this session
is saved, reopened with `--resume` and its "not done" answers changed from the review list (the
outcome's own `r` key); the other answers are kept. Never "start a new session"."""

from __future__ import annotations

from lm_tui.ui.screens.outcome import OutcomeScreen
from tests.ui.answers import EGFR, example_answers
from tests.ui.conftest import SIZE
from tests.ui.keys import answer, start, walk


def workup_answers(flow) -> tuple[dict, str, str]:
    """The EGFR example with its MRI "not done" (a value the flow offers): the work-up outcome."""
    answers = example_answers(EGFR)
    variable = "mri_pattern"
    assert "not_done" in flow.offered_values(variable)
    return {**answers, variable: "not_done"}, variable, answers[variable]


async def test_the_workup_outcome_is_continued_not_restarted(app_factory, bundled_flow):
    answers, variable, result = workup_answers(bundled_flow)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await walk(pilot, answers)
        assert type(app.screen) is OutcomeScreen
        outcome = app.session.current
        assert outcome == "workup_outcome"
        prompt = bundled_flow.nodes[outcome].prompt
        assert "new session" not in prompt
        assert "--resume" in prompt and "r (Review answers)" in prompt
        kept = dict(app.session.answers)
        await pilot.press("r")
        await pilot.pause()
        review = app.screen.query_one("#review-list")
        review.highlighted = [option.id for option in review.options].index(variable)
        await pilot.press("enter")
        await pilot.pause()
        await answer(pilot, result)
        await walk(pilot, example_answers(EGFR))
        assert app.session.current != outcome
        assert app.session.answers[variable] == result
        for name in ("primary_tumor", "kps", "csf_cytology"):
            if name in kept:
                assert app.session.answers[name] == kept[name]
