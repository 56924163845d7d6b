"""Every recommendation says its evidence: a grade, or "not graded" (issue 14, features).

Before, a recommendation without a grade simply said nothing about its evidence, in the plain
report and in the Markdown export alike.
"""

from __future__ import annotations

import tomllib

from lm_tui.exports.markdown import render_markdown
from lm_tui.plain.report import outcome_lines
from lm_tui.session.engine import Session
from tests.conftest import example_files


def finished(flow, example) -> Session:
    session = Session(flow, require_acknowledgement=False)
    session.fill_from(tomllib.loads(example.read_text())["answers"])
    return session


def test_each_recommendation_shows_its_grade_or_not_graded(bundled_flow):
    ungraded_seen = graded_seen = False
    for example in example_files():
        session = finished(bundled_flow, example)
        markdown = render_markdown(session)
        plain = "\n".join(outcome_lines(session))
        for rec_id in session.evaluator.recommendations():
            grade = bundled_flow.recommendations[rec_id].grade
            expected = f"Evidence grade: {grade}" if grade else "Evidence: not graded"
            block = markdown.split(f"(`{rec_id}`)")[0].rsplit("###", 1)[-1]
            assert expected in block, rec_id
            ungraded_seen |= grade is None
            graded_seen |= grade is not None
        assert plain.count("Evidence") >= len(session.evaluator.recommendations())
    assert ungraded_seen and graded_seen  # both kinds occur on the examples' outcomes
